"""The change log: a torn last line is dropped, damage is kept and said, old journals still open.

Every power-cut state of the log is checked in ``test_journal_crash.py``; these are the cases a
person would meet: a crash mid-append followed by a disk too full to fold the log in, a log
damaged in the middle, an indented journal written by an earlier Seesaw, and a long log.
"""

from __future__ import annotations

import errno
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from lesson_engine.journal import changelog, database
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import Note
from tests.journal_fixtures import clock, day, session


def refuse_whole_files(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """A disk with room for an appended line, not for a whole new file; returns ``allow``."""
    make_temp = tempfile.mkstemp

    def refused(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    return lambda: monkeypatch.setattr(tempfile, "mkstemp", make_temp)


def logged_journal(folder: Path, notes: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal whose changes are still in its log: closing could not fold them in."""
    with Journal.open(folder, now=clock()) as journal:
        for text in notes:
            journal.add_note(Note(day(0), text))
        allow = refuse_whole_files(monkeypatch)
    allow()


def test_a_torn_last_line_is_dropped_and_the_next_change_follows_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "journal"
    logged_journal(folder, ["one", "two"], monkeypatch)
    log = folder / "2026.log"
    assert not (folder / "2026.json").exists()  # the notes are in the log alone
    torn = changelog.encode_change("notes", 3, {"day": "2026-11-20", "text": "never saved " * 20})
    with log.open("ab") as handle:  # the power went mid-append
        handle.write(torn[: len(torn) // 2])
    allow = refuse_whole_files(monkeypatch)
    with Journal.open(folder, now=clock()) as journal:  # the disk is still full: nothing folded
        assert [n.text for n in journal.notes()] == ["one", "two"]
        assert journal.report.clean  # a torn last append was never acknowledged: not damage
        journal.add_note(Note(day(0), "three"))
    allow()
    assert b"never saved" not in log.read_bytes()
    with Journal.open(folder, now=clock()) as journal:
        assert [n.text for n in journal.notes()] == ["one", "two", "three"]
        assert journal.report.clean


def test_a_log_damaged_in_the_middle_is_kept_aside_and_the_learner_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "journal"
    logged_journal(folder, ["one", "two", "three"], monkeypatch)
    log = folder / "2026.log"
    lines = log.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"two", b"tw0")  # its checksum no longer matches
    damaged = b"\n".join(lines)
    log.write_bytes(damaged)
    with Journal.open(folder, now=clock()) as journal:
        assert [n.text for n in journal.notes()] == ["one"]
        (told,) = journal.report.messages
    (aside,) = folder.glob("2026.damaged-*.log")
    assert aside.read_bytes() == damaged  # the changes after the damage, kept for a person
    assert "were damaged" in told and aside.name in told


def test_an_indented_journal_of_an_earlier_seesaw_opens_and_is_then_kept_compact(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "journal"
    folder.mkdir()
    old = {
        "notes": {"1": {"day": "2026-11-01", "text": "from before"}},
        "sessions": {},
    }
    (folder / "2026.json").write_text(json.dumps(old, indent=1))
    (folder / "meta.json").write_text(json.dumps({"_default": {"1": {"schema": 1}}}))
    with Journal.open(folder, now=clock()) as journal:
        assert [n.text for n in journal.notes()] == ["from before"]
        journal.add_note(Note(day(0), "after"))
        journal.add_session(session(1, note="a session"))
    written = (folder / "2026.json").read_text()
    assert '\n "' not in written  # no indentation: C's encoder, one record a line
    assert written.count("\n") == 5  # a line per table and per record, and the last one
    assert json.loads(written)["notes"]["1"]["text"] == "from before"
    assert not (folder / "2026.log").exists()  # folded in at closing
    with Journal.open(folder, now=clock()) as journal:
        assert [n.text for n in journal.notes()] == ["from before", "after"]
        assert [s.note for s in journal.sessions()] == ["a session"]


def test_a_long_log_is_folded_into_its_year_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "COMPACT_AFTER_BYTES", 300)
    folder = tmp_path / "journal"
    log = folder / "2026.log"
    with Journal.open(folder, now=clock()) as journal:
        for n in range(8):
            journal.add_note(Note(day(0), f"note {n}"))
            assert not log.exists() or log.stat().st_size <= 300
        assert (folder / "2026.json").exists()  # folded in while open, not only at closing
    with Journal.open(folder, now=clock()) as journal:
        assert [n.text for n in journal.notes()] == [f"note {n}" for n in range(8)]
