"""Daily backups (the last fourteen days), putting one back, and checking the journal in place."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lesson_engine.journal.backups import KEEP, backup_days
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from lesson_engine.paths import journal_folder
from tests.journal_fixtures import NOW, clock, session
from ui.cli.commands import main


def day_at(n: int) -> datetime:
    return NOW + timedelta(days=n)


def test_a_copy_is_kept_each_day_the_journal_opens_and_the_last_fourteen_stay(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "journal"
    for n in range(20):
        for _ in range(2):  # opened twice that day: one copy
            with Journal.open(folder, now=clock(day_at(n))) as journal:
                if not journal.notes() or journal.notes()[-1].text != f"day {n}":
                    journal.add_note(Note(day_at(n).date(), f"day {n}"))
    days = backup_days(folder)
    assert len(days) == KEEP
    assert days[0] == day_at(6).date() and days[-1] == day_at(19).date()
    kept = json.loads((folder / "backups" / days[0].isoformat() / "2026.json").read_text())
    texts = [doc["text"] for doc in kept["notes"].values()]
    assert texts[-1] == "day 5"  # copied as the journal opened that day, before its new note


def test_a_folder_in_backups_named_like_a_day_that_is_none_does_not_stop_seesaw(
    tmp_path: Path,
) -> None:
    """``backups/2026-02-30`` (copied in by hand, or a typo): once, every start failed on it."""
    from ui.desktop.app import open_journal

    folder = tmp_path / "journal"
    with Journal.open(folder, now=clock()) as journal:
        journal.add_note(Note(NOW.date(), "kept"))
    (folder / "backups" / "2026-02-30").mkdir()
    journal, notices = open_journal(folder)
    try:
        assert journal.folder == folder and notices == []
        assert [n.text for n in journal.notes()] == ["kept"]
    finally:
        journal.close()
    assert NOW.date() in backup_days(folder)


def test_restore_puts_a_day_back_and_keeps_what_it_replaced(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = journal_folder()
    with Journal.open(folder, now=clock(day_at(0))) as journal:
        journal.add_session(session(1, note="the good one"))
    with Journal.open(folder, now=clock(day_at(1))) as journal:  # the next day's copy
        journal.add_session(session(0, note="a mistake"))
    assert main(["journal", "restore", day_at(1).date().isoformat()]) == 0
    out = capsys.readouterr().out
    assert "restored the journal as it was on" in out
    with Journal.open(folder, now=clock(day_at(1))) as journal:
        assert [s.note for s in journal.sessions()] == ["the good one"]
    (replaced,) = (folder / "backups").glob("replaced-*")
    assert "a mistake" in (replaced / "2026.json").read_text()  # the restore can be undone


def test_restore_refuses_a_day_without_a_backup_and_a_journal_in_use(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = journal_folder()
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(1))
        assert main(["journal", "restore", NOW.date().isoformat()]) == 1
        assert "open in another copy of Seesaw" in capsys.readouterr().err
    assert main(["journal", "restore", "2020-01-01"]) == 1
    assert "there is no backup of 2020-01-01" in capsys.readouterr().err
    assert main(["journal", "restore", "last tuesday"]) == 2


def test_check_reports_each_file_and_each_unreadable_record_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = journal_folder()
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(1, note="fine"))
        journal.add_note(Note(NOW.date(), "also fine"))
        journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": 1000})
    assert main(["journal", "check"]) == 0
    out = capsys.readouterr().out
    assert "2026.json: 2 records, all readable" in out
    assert "meta.json: journal version 1" in out and "backups: 1 day, " in out

    year = folder / "2026.json"
    data = json.loads(year.read_text())
    data["notes"]["9"] = {"day": "yesterday", "text": "x"}
    year.write_text(json.dumps(data))
    (folder / "checkpoint.json").write_bytes(b"\x00" * 40)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert main(["journal", "check"]) == 1
    out = capsys.readouterr().out
    assert (
        "2026.json: 3 records; 1 cannot be read: a note in 2026.json ('day' is not a date: "
        "'yesterday')" in out
    )
    assert "checkpoint.json: damaged" in out and "2 problems." in out
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_check_of_no_journal_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "check"]) == 0
    assert "There is no journal" in capsys.readouterr().out


def test_a_backup_the_disk_refuses_does_not_stop_the_journal_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from lesson_engine.journal import journal as journal_module

    def refuse(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal_module, "back_up_today", refuse)
    with Journal.open(tmp_path / "journal", now=lambda: datetime(2026, 11, 20, tzinfo=UTC)) as j:
        assert "Today's backup of your journal could not be made (the disk is full)." in (
            j.report.messages
        )


def test_settings_checks_the_journal_the_app_has_open(qtbot, tmp_path: Path, journal) -> None:
    from PySide6.QtCore import QSettings

    from ui.desktop.app import build
    from ui.desktop.ports import SilentAudio

    journal.add_session(session(1, note="fine"))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(journal=journal, audio=SilentAudio(), settings=settings, folders=[])
    qtbot.addWidget(app.window)
    view = app.settings_view
    view.check_button.click()
    assert view.check_result.text().startswith("Everything in your journal can be read.")
    assert "2026.json: 1 record, all readable" in view.check_result.text()
    assert "2026.log: 1 change not yet folded into its year file" in view.check_result.text()
    year = journal.folder / "2026.json"  # the session is still in the change log alone
    data = json.loads(year.read_text()) if year.exists() else {"sessions": {}}
    data["sessions"]["5"] = {"lesson_id": 3}
    year.write_text(json.dumps(data))
    view.check_button.click()
    assert view.check_result.text().startswith("1 problem found.")
    assert "'lesson_id' is missing" not in view.check_result.text()
    assert "'lesson_id' is not text: 3" in view.check_result.text()


def test_settings_puts_back_a_backup_while_seesaw_runs_and_keeps_the_words_being_typed(
    qtbot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from ui.desktop.app import build
    from ui.desktop.ports import SilentAudio

    folder = tmp_path / "journal"
    with Journal.open(folder, now=clock(day_at(0))) as journal:
        journal.add_session(session(1, note="the good one"))
    with Journal.open(folder, now=clock(day_at(1))) as journal:  # copied as it opened
        journal.add_session(session(0, note="a mistake"))
    journal = Journal.open(folder, now=clock(day_at(1)))
    journal.drafts.keep("note:new", "half a sentence about my hip")
    offered: list[list[str]] = []

    def choose(_parent, choices):
        offered.append([label for _, label in choices])
        return choices[0][0]

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal, audio=SilentAudio(), settings=settings, folders=[], ask_backup_day=choose
    )
    qtbot.addWidget(app.window)
    app.journal_view.refresh()
    assert app.journal_view.sessions.count() == 2
    app.settings_view.restore_button.click()
    assert offered == [
        [
            "Sat 21 Nov 2026: 1 session, 0 sets, 0 notes",
            "Fri 20 Nov 2026: 0 sessions, 0 sets, 0 notes",
        ]
    ]
    assert [s.note for s in journal.sessions()] == ["the good one"]
    assert app.journal_view.sessions.count() == 1  # the page shows it at once
    text = app.settings_view.check_result.text()
    assert text.startswith("Your journal is back as it was on 21 November 2026.")
    assert journal.drafts.get("note:new") == "half a sentence about my hip"
    journal.add_note(Note(day_at(1).date(), "written after the restore"))
    journal.close()
    with Journal.open(folder, now=clock(day_at(1))) as again:
        assert [s.note for s in again.sessions()] == ["the good one"]
        assert [n.text for n in again.notes()] == ["written after the restore"]
        assert again.drafts.get("note:new") == "half a sentence about my hip"  # on disk too


def test_a_backup_a_newer_seesaw_made_is_not_put_back(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from ui.desktop.app import build
    from ui.desktop.ports import SilentAudio

    folder = tmp_path / "journal"
    with Journal.open(folder, now=clock(day_at(0))) as journal:
        journal.add_session(session(1, note="today's"))
    journal = Journal.open(folder, now=clock(day_at(1)))
    (folder / "backups" / day_at(1).date().isoformat() / "meta.json").write_text(
        json.dumps({"_default": {"1": {"schema": 99}}})
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=settings,
        folders=[],
        ask_backup_day=lambda _parent, choices: choices[0][0],
    )
    qtbot.addWidget(app.window)
    app.settings_view.restore_button.click()
    assert (
        "was made by a newer Seesaw (journal version 99)" in app.settings_view.check_result.text()
    )
    assert [s.note for s in journal.sessions()] == ["today's"]
    journal.close()
