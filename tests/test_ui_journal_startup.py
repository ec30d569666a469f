"""The app opens the real journal; a damaged or locked one never stops it from starting."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lesson_engine.journal import files
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.journal.writer import DurableWriter
from tests.journal_fixtures import clock, session
from ui.desktop.app import SeesawApp, build, open_journal
from ui.desktop.ports import SilentAudio


def test_a_damaged_journal_is_repaired_from_its_backup_and_the_learner_told(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(2, note="kept"))
        journal.add_session(session(1, note="latest"))
    (folder / "2026.json").write_bytes(b"\x00\x00\x00")
    journal, notices = open_journal(folder)
    try:
        assert isinstance(journal, Journal)
        # the backup, brought up to date by the changes logged since: nothing is missing
        assert [s.note for s in journal.sessions()] == ["kept", "latest"]
        assert "the last good copy was loaded" in notices[0]
    finally:
        journal.close()


def test_a_journal_that_cannot_be_opened_gives_a_journal_in_memory_and_a_notice(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "journal"
    holder = Journal.open(folder, now=clock())
    try:
        journal, notices = open_journal(folder)
    finally:
        holder.close()
    assert journal.folder is None  # kept in memory
    assert notices[0].startswith("Your journal could not be opened")
    journal.add_session(session(1, note="kept until Seesaw closes"))
    assert [s.note for s in journal.sessions()] == ["kept until Seesaw closes"]
    with pytest.raises(JournalInputError, match="in the future"):  # the same checks as on disk
        journal.add_note(Note(date(2999, 1, 1), "from the future"))


TWELVE = {
    "lesson_id": "weight-shift-1",
    "digest": "x",
    "position_ms": "twelve",
    "cue_id": "c1",
    "cue_index": 3,
    "section_index": 0,
    "section_title": "Getting comfortable",
    "state": "paused",
}


def place_of_twelve(folder: Path) -> tuple[Journal, DurableWriter]:
    """A journal whose saved place reads but cannot be resumed, opened as the app opens it:
    with the writer attached."""
    with Journal.open(folder, now=clock()) as journal:
        journal.save_checkpoint(TWELVE)
    journal = Journal.open(folder, now=clock())
    writer = DurableWriter()
    journal.attach(writer)
    return journal, writer


def told_of_the_place(app: SeesawApp) -> list[str]:
    return [m for m in app.window.banner.messages if m.startswith("Your place in a lesson")]


def test_a_saved_place_of_the_wrong_kind_is_kept_aside_behind_the_window_and_then_said(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSON with a lesson and a position of "twelve": as lost as a damaged file, so it is kept
    aside and the start says so, instead of Continue silently never being offered. The start
    does not wait for the disk: the file is moved on the writer (held here, as by a busy disk),
    and the banner says where it went only once the move is durable."""
    folder = tmp_path / "journal"
    journal, writer = place_of_twelve(folder)
    moved_on: list[str] = []  # the thread that moved the saved place aside
    replace = files.os.replace

    def moving(src: Path, dst: Path) -> None:
        if Path(src).name == "checkpoint.json":
            moved_on.append(threading.current_thread().name)
        replace(src, dst)

    monkeypatch.setattr(files.os, "replace", moving)
    gate = threading.Event()
    held = writer.submit(gate.wait)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        app = build(journal=journal, audio=SilentAudio(), settings=settings, folders=[])
        qtbot.addWidget(app.window)
        assert held.running()  # the window was wired while the writer was still held
        assert app.flow.resume_offer() is None  # forgotten at once: nothing offers it
        assert (folder / "checkpoint.json").exists() and told_of_the_place(app) == []
        gate.set()
        qtbot.waitUntil(lambda: told_of_the_place(app) != [])
        (told,) = told_of_the_place(app)
        assert "'position_ms' should be int, not 'twelve'" in told
        assert told.endswith(
            "It was kept as checkpoint.damaged-20261120-180000.json. There is no place to "
            "continue from; each lesson starts from its beginning."
        )
        kept = folder / "checkpoint.damaged-20261120-180000.json"
        assert json.loads(kept.read_text())["position_ms"] == "twelve"
        assert moved_on == ["seesaw-writer"]  # never on the window's thread
        assert journal.load_checkpoint() is None
    finally:
        gate.set()
        journal.close()


def test_a_saved_place_that_cannot_be_moved_aside_is_said_with_the_reason(
    qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    journal, _writer = place_of_twelve(folder)
    in_the_way = folder / "checkpoint.damaged-20261120-180000.json"
    in_the_way.mkdir()
    (in_the_way / "something").write_text("keeps the folder from being replaced")
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        app = build(journal=journal, audio=SilentAudio(), settings=settings, folders=[])
        qtbot.addWidget(app.window)
        qtbot.waitUntil(lambda: told_of_the_place(app) != [])
        (told,) = told_of_the_place(app)
        assert told.startswith("Your place in a lesson could not be used (")
        assert told.endswith(", nor kept aside (Is a directory).")
        assert app.flow.resume_offer() is None
    finally:
        journal.close()


def test_kept_words_are_told_where_they_open_and_orphans_are_let_go(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from lesson_engine.journal.drafts import session_note_key
    from lesson_engine.journal.journal import Journal
    from ui.desktop.app import build
    from ui.desktop.ports import SilentAudio
    from ui.desktop.today.run_dialog import RUN_DRAFT

    folder = tmp_path / "journal"
    with Journal.open(folder) as journal:
        journal.drafts.keep(session_note_key("2026-9"), "a note for a session deleted since")
        journal.drafts.keep(RUN_DRAFT, '{"note": "calf tight"}')
    journal = Journal.open(folder)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        app = build(journal=journal, audio=SilentAudio(), settings=settings, folders=[])
        qtbot.addWidget(app.window)
        told = [n for n in app.notices if n.startswith("Words you were typing")]
        assert told == [
            "Words you were typing when Seesaw closed were kept: on Today, 'Log a run…' or "
            "'Log cross-training…' opens with them."
        ]
        assert journal.drafts.keys() == [RUN_DRAFT]
    finally:
        journal.close()
