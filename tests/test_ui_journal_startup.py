"""The app opens the real journal; a damaged or locked one never stops it from starting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from lesson_engine.journal.validation import JournalInputError
from tests.journal_fixtures import clock, session
from ui.desktop.app import open_journal


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


def test_a_saved_place_with_a_position_of_the_wrong_kind_is_kept_and_said(
    qtbot, tmp_path: Path
) -> None:
    """JSON with a lesson and a position of "twelve": as lost as a damaged file, so it is kept
    aside and the start says so, instead of Continue silently never being offered."""
    import json

    from PySide6.QtCore import QSettings

    from lesson_engine.journal.journal import Journal
    from ui.desktop.app import build
    from ui.desktop.ports import SilentAudio

    folder = tmp_path / "journal"
    with Journal.open(folder) as journal:
        journal.save_checkpoint(
            {
                "lesson_id": "weight-shift-1",
                "digest": "x",
                "position_ms": "twelve",
                "cue_id": "c1",
                "cue_index": 3,
                "section_index": 0,
                "section_title": "Getting comfortable",
                "state": "paused",
            }
        )
    journal = Journal.open(folder)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        app = build(journal=journal, audio=SilentAudio(), settings=settings, folders=[])
        qtbot.addWidget(app.window)
        (told,) = [n for n in app.notices if n.startswith("Your place in a lesson could not")]
        assert "'position_ms' should be int, not 'twelve'" in told
        (kept,) = folder.glob("checkpoint.damaged-*.json")
        assert json.loads(kept.read_text())["position_ms"] == "twelve"
        assert journal.load_checkpoint() is None
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
