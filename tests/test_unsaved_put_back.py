"""Sessions Seesaw saved to a file when the journal's disk refused them are put back later, each
once, by 'seesaw journal put-back FILE'; a file that is not one is refused and changes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import SessionEntry, Soreness
from lesson_engine.paths import journal_folder
from lesson_engine.session.pending import PendingSessions, Waiting
from ui.cli.commands import main

START = datetime(2026, 11, 20, 7, tzinfo=UTC)


def waiting_file(tmp_path: Path) -> Path:
    pending = PendingSessions()
    entry = SessionEntry(
        "weight-shift-1",
        "Weight shift 1",
        START,
        START + timedelta(minutes=20),
        True,
        1.0,
        before=Soreness(3),
        after=Soreness(2),
        note="the disk was full; this note is not lost",
    )
    pending.waiting.append(Waiting(entry, lambda: None))
    kept = tmp_path / "unsaved.json"
    pending.move_to(kept)
    return kept


def test_kept_sessions_go_back_into_the_journal_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = waiting_file(tmp_path)
    assert main(["journal", "put-back", str(kept)]) == 0
    assert capsys.readouterr().out.strip() == "put back 1 session"
    assert main(["journal", "put-back", str(kept)]) == 0
    assert "put back 0 sessions; 1 was in the journal already" in capsys.readouterr().out
    with Journal.open(journal_folder()) as journal:
        (session,) = journal.sessions()
        assert session.note == "the disk was full; this note is not lost"
        assert session.before.level == 3


def test_a_file_that_is_not_one_is_refused_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = waiting_file(tmp_path)
    data = json.loads(kept.read_text())
    data["sessions"].append({"lesson_id": "weight-shift-2", "started_at": "soon"})
    kept.write_text(json.dumps(data))
    assert main(["journal", "put-back", str(kept)]) == 2
    assert "session 2 in" in capsys.readouterr().err
    other = tmp_path / "notes.json"
    other.write_text("[1, 2]")
    assert main(["journal", "put-back", str(other)]) == 2
    assert "is not a file of unsaved sessions written by Seesaw" in capsys.readouterr().err
    with Journal.open(journal_folder()) as journal:
        assert journal.sessions() == []
