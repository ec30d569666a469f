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
        assert [s.note for s in journal.sessions()] == ["kept"]
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
