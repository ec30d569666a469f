"""The records one opening checked are kept for the next (``checked_cache``), and that never
changes what the learner sees: a file edited by hand, a record damaged, a change the app made
before it was stopped, a newer Seesaw's rules, a cache torn by a power cut: each reads exactly as
it would with no cache at all, and ``seesaw journal check`` still reads every record itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lesson_engine.journal import checked_cache, validation
from lesson_engine.journal import years as years_module
from lesson_engine.journal.check import check_journal
from lesson_engine.journal.checked_cache import CACHE_NAME
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import RUNS
from lesson_engine.journal.records import ExerciseLog, Note, RunLog
from lesson_engine.journal.trend import soreness_series
from tests.journal_fixtures import clock, day, session


def journal_of_two_years(folder: Path) -> None:
    """Sessions in 2025 and 2026 (rated 2, 5, 6, 7 before), a set, a note and a run; then opened
    once more, which reads the files back clean and keeps what it checked."""
    with Journal.open(folder, now=clock()) as journal:
        for days_ago, before in ((400, 2), (30, 5), (3, 6), (1, 7)):
            journal.add_session(session(days_ago, before=before, note=f"{days_ago} days ago"))
        journal.add_exercise_log(ExerciseLog("clamshell", day(2), 3, 15, load="green band"))
        journal.add_note(Note(day(1), "Stairs felt easier."))
        journal.add(RUNS, RunLog(day(5), 20.0, 3.1, ("flat",)))
    with Journal.open(folder, now=clock()):
        pass
    assert (folder / CACHE_NAME / "2026.records").exists()


def everything(journal: Journal) -> tuple[Any, ...]:
    """What the app shows from an open journal."""
    sessions = journal.sessions()
    return (
        sessions,
        journal.exercise_logs(),
        journal.notes(),
        journal.records(RUNS),
        soreness_series(sessions),
        journal.report.messages,
    )


def read(folder: Path) -> tuple[Any, ...]:
    with Journal.open(folder, now=clock()) as journal:
        return everything(journal)


def edit_in_place(path: Path, record: bytes, old: bytes, new: bytes) -> None:
    """In the record (a line of the year file) holding ``record``, change ``old`` to ``new`` (as
    long), inside the file itself, then put its modification time back: its size, its time and
    its inode are what they were, only its bytes differ (a hand edit copied back by a tool that
    keeps times)."""
    assert len(old) == len(new)
    before = path.stat()
    lines = path.read_bytes().split(b"\n")
    (at,) = (i for i, line in enumerate(lines) if record in line)
    assert old in lines[at]
    lines[at] = lines[at].replace(old, new, 1)
    with open(path, "r+b") as handle:
        handle.write(b"\n".join(lines))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )


def test_the_journal_reads_the_same_with_and_without_its_cache(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    with_cache = read(folder)
    shutil.rmtree(folder / CACHE_NAME)
    without = read(folder)
    assert with_cache == without
    sessions, logs, notes, runs, series, messages = with_cache
    assert [s.before.level for s in sessions] == [2, 5, 6, 7] and messages == []
    assert [s.id for s in sessions] == ["2025-1", "2026-1", "2026-2", "2026-3"]
    assert len(logs) == len(notes) == len(runs) == 1 and len(series) == 4


def test_a_rating_edited_by_hand_after_the_cache_was_made_reads_as_edited(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    edit_in_place(
        folder / "2026.json", b"3 days ago", b'"before":{"level":6', b'"before":{"level":9'
    )
    with Journal.open(folder, now=clock()) as journal:
        assert [p.before for p in soreness_series(journal.sessions())] == [2, 5, 9, 7]


def test_a_record_damaged_after_the_cache_was_made_is_set_aside_as_without_one(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    uncached = tmp_path / "copy"
    shutil.copytree(folder, uncached)
    shutil.rmtree(uncached / CACHE_NAME)
    for journal_folder in (folder, uncached):
        edit_in_place(
            journal_folder / "2026.json", b"3 days ago", b'"completed":true', b'"completed":"ye"'
        )
    cached_view, uncached_view = read(folder), read(uncached)
    assert cached_view == uncached_view
    sessions, *_, messages = cached_view
    assert [s.note for s in sessions] == ["400 days ago", "30 days ago", "1 days ago"]
    assert messages == [
        "One record in your journal could not be read: a session in 2026.json ('completed' is "
        "not true or false: 'ye'). It was set aside, kept in set-aside.json in the journal "
        "folder; everything else is here."
    ]


def test_journal_check_reads_every_record_whatever_the_cache_holds(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    edit_in_place(
        folder / "2025.json",
        b"400 days ago",
        b'"lesson_id":"weight-shift-1"',
        b'"lesson_id":1234567890123456',
    )
    report = check_journal(folder)
    assert report.problems == 1
    assert any(
        "2025.json: 1 record; 1 cannot be read: a session in 2025.json ('lesson_id' is not text"
        in line
        for line in report.lines
    )


def test_a_change_the_app_made_before_it_was_stopped_is_read(tmp_path: Path, repo: Path) -> None:
    """Stopped before closing, the app leaves this year's file as it was (the one its cache was
    made from) and the change in the year's log beside it."""
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    stopped = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from lesson_engine.journal.journal import Journal\n"
        "from lesson_engine.journal.records import Note\n"
        "from tests.journal_fixtures import clock, day\n"
        "journal = Journal.open(Path(sys.argv[1]), now=clock())\n"
        "journal.add_note(Note(day(0), 'Written, then the app was stopped.'))\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", stopped, str(folder)], cwd=repo, check=False)
    assert done.returncode == 0 and (folder / "2026.log").stat().st_size
    with Journal.open(folder, now=clock()) as journal:
        assert [n.text for n in journal.notes()] == [
            "Stairs felt easier.",
            "Written, then the app was stopped.",
        ]


def test_a_record_added_since_the_cache_was_made_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(0, before=1, note="today"))
        assert [s.before.level for s in journal.sessions()] == [2, 5, 6, 7, 1]
    with Journal.open(folder, now=clock()) as journal:
        assert [s.note for s in journal.sessions()][-1] == "today"
        journal.remove("sessions", "2025-1")
        assert [s.before.level for s in journal.sessions()] == [5, 6, 7, 1]
    assert [s.before.level for s in read(folder)[0]] == [5, 6, 7, 1]


def test_after_a_day_of_changes_the_next_opening_checks_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing checks again the year it rewrote, so the next opening, which the learner waits
    for, takes every year from its cache, and shows the day's changes."""
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(0, before=1, note="today"))
        journal.add_note(Note(day(0), "Better."))
        expected = everything(journal)

    def no_checking(*_args: object) -> None:
        raise AssertionError("a year was checked again at opening")

    monkeypatch.setattr(years_module, "screen", no_checking)
    assert read(folder) == expected
    assert [s.note for s in expected[0]][-1] == "today" and len(expected[2]) == 2


def by_bytes_alone(year: int, raw: bytes, _stat: os.stat_result) -> bytes:
    """The cache's key without the file's size, time and inode: found by its bytes alone."""
    return checked_cache.fingerprint() + f"{year}".encode() + hashlib.sha256(raw).digest()


def test_a_year_changed_while_open_is_not_cached_from_what_was_read_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note added, then the year file put back by hand as it was before (found here by its
    bytes alone): the cache must not hold the note for those bytes."""
    monkeypatch.setattr(years_module, "key_of", by_bytes_alone)
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    shutil.rmtree(folder / CACHE_NAME)
    original = (folder / "2026.json").read_bytes()
    with Journal.open(folder, now=clock()) as journal:
        journal.add_note(Note(day(0), "Added, then the file was put back."))
        assert len(journal.notes()) == 2
    (folder / "2026.json").write_bytes(original)
    assert [n.text for n in read(folder)[2]] == ["Stairs felt easier."]


DAMAGE = {
    "torn": lambda data, _other: data[: len(data) // 2],
    "empty": lambda _data, _other: b"",
    "zeros": lambda data, _other: bytes(len(data)),
    "one byte changed": lambda data, _other: data[:-40] + bytes([data[-40] ^ 1]) + data[-39:],
    "another year's": lambda _data, other: other,
    "not a cache": lambda _data, _other: b'{"sessions": {}}',
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_is_passed_over_and_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    expected = read(folder)
    cache = folder / CACHE_NAME / "2026.records"
    damaged = DAMAGE[damage](
        cache.read_bytes(), (folder / CACHE_NAME / "2025.records").read_bytes()
    )
    cache.write_bytes(damaged)
    assert read(folder) == expected  # nothing said: the cache is not the learner's
    assert cache.read_bytes() != damaged

    def no_checking(*_args: object) -> None:
        raise AssertionError("a year was checked again although its cache was made again")

    monkeypatch.setattr(years_module, "screen", no_checking)
    assert read(folder) == expected


def test_a_seesaw_with_other_rules_checks_every_record_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer Seesaw that allows shorter lesson titles only (its code differs, so its
    fingerprint does) sets aside what it does not accept, although an older one cached it."""
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    monkeypatch.setattr(validation, "MAX_TEXT_CHARS", 5)
    monkeypatch.setattr(checked_cache, "fingerprint", lambda: b"a newer Seesaw")
    sessions, *_, messages = read(folder)
    assert sessions == []
    assert "the first a session in 2025.json (the lesson title is too long)" in messages[0]


def test_the_fingerprint_follows_the_source_of_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = checked_cache.fingerprint()
    changed = tmp_path / "validation.py"
    source = Path(validation.__file__).read_text(encoding="utf-8")
    changed.write_text(source.replace("MAX_TEXT_CHARS = 200", "MAX_TEXT_CHARS = 100"))
    monkeypatch.setattr(validation, "__file__", str(changed))
    checked_cache.fingerprint.cache_clear()
    try:
        assert checked_cache.fingerprint() != ours
    finally:
        monkeypatch.undo()
        checked_cache.fingerprint.cache_clear()
    assert checked_cache.fingerprint() == ours


def test_the_cache_is_private_like_the_journal(tmp_path: Path) -> None:
    """It holds the same health notes."""
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    assert stat.S_IMODE((folder / CACHE_NAME).stat().st_mode) == 0o700
    for path in (folder / CACHE_NAME).iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_cache_of_a_year_the_journal_no_longer_has_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    for path in folder.glob("2025.*"):
        path.unlink()
    with Journal.open(folder, now=clock()) as journal:
        assert [s.started_at.year for s in journal.sessions()] == [2026, 2026, 2026]
    assert sorted(p.name for p in (folder / CACHE_NAME).iterdir()) == ["2026.records"]


def test_a_disk_that_refuses_the_cache_changes_nothing_but_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.journal_fixtures import refuse_writes

    folder = tmp_path / "journal"
    journal_of_two_years(folder)
    expected = read(folder)
    shutil.rmtree(folder / CACHE_NAME)
    allow = refuse_writes(monkeypatch, folder / CACHE_NAME)
    assert read(folder) == expected
    allow()
    assert not any((folder / CACHE_NAME).iterdir())
    assert read(folder) == expected
    assert (folder / CACHE_NAME / "2026.records").exists()


def test_a_power_cut_while_the_cache_is_made_or_used_loses_and_invents_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every state a power cut can leave while the journal makes its cache, takes records from
    it, and makes it again after a change opens with every acknowledged record, and no other:
    a torn cache is passed over, never believed.

    Each state is opened from a fresh copy, whose files have new inodes and times: here the cache
    is found by the year file's bytes alone, or no state would ever read one back."""
    from tests.test_journal_crash import Checker, StopChecking, record

    monkeypatch.setattr(years_module, "key_of", by_bytes_alone)

    root = tmp_path / "disk"
    with Journal.open(root / "journal", now=clock()) as journal:
        journal.add_session(session(1, note="s1"))
        journal.add_note(Note(day(0), "n1"))

    def use_the_cache(root: Path, recorder: Any) -> None:
        recorder.acknowledge("session", "s1")  # already on disk, whole, before the first op
        recorder.acknowledge("note", "n1")
        with Journal.open(root / "journal", now=clock()):  # reads 2026.json clean: cache made
            recorder.acknowledge("open")
        with Journal.open(root / "journal", now=clock()) as journal:  # from the cache
            journal.add_note(Note(day(0), "n2"))
            recorder.acknowledge("note", "n2")
        recorder.acknowledge("closed")  # 2026.json rewritten: its cache no longer fits
        with Journal.open(root / "journal", now=clock()):  # checked again, cache made again
            recorder.acknowledge("open")

    recorder = record(root, use_the_cache)
    assert any(getattr(op, "folder", "") == f"journal/{CACHE_NAME}" for op in recorder.trace)
    scratch = tmp_path / "states"
    scratch.mkdir()
    checker = Checker(scratch)
    with contextlib.suppress(StopChecking):
        checker.check(recorder.initial, recorder.trace)
    assert [str(v) for v in checker.violations] == []
    assert checker.states_checked > 100


class _BytecodeOnly:
    """A loader as the one-folder bundle has: the module's compiled code, and no source file."""

    def __init__(self, source: str) -> None:
        self.code = compile(source, "validation.py", "exec")

    def get_code(self, _name: str) -> object:
        return self.code


def test_without_the_source_the_fingerprint_follows_the_compiled_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = Path(validation.__file__).read_text(encoding="utf-8")

    def fingerprint_with(text: str) -> bytes:
        monkeypatch.setattr(validation, "__file__", str(tmp_path / "not-there.py"))
        monkeypatch.setattr(validation, "__loader__", _BytecodeOnly(text))
        checked_cache.fingerprint.cache_clear()
        return checked_cache.fingerprint()

    try:
        as_bundled = fingerprint_with(source)
        assert fingerprint_with(source) == as_bundled  # the same code, the same fingerprint
        stricter = source.replace("MAX_TEXT_CHARS = 200", "MAX_TEXT_CHARS = 100")
        assert fingerprint_with(stricter) != as_bundled
    finally:
        monkeypatch.undo()
        checked_cache.fingerprint.cache_clear()


def test_the_compiled_rules_give_one_fingerprint_in_every_process() -> None:
    """Two Pythons, each with its own string hashing, read the bundle's code alike."""
    child = (
        "import sys, types; from pathlib import Path\n"
        "from lesson_engine.journal import checked_cache, validation\n"
        "text = Path(validation.__file__).read_text()\n"
        # a rule checked against a set of words: a constant whose order follows string hashing
        'text += \'\\ndef allowed(w):\\n    return w in {"walk", "run", "rest", "side", "knee"}\\n\'\n'
        "code = compile(text, 'v', 'exec')\n"
        "from lesson_engine.code_digest import digest_code\n"
        "import hashlib; d = hashlib.sha256(); digest_code(d, code)\n"
        "print(d.hexdigest())"
    )
    root = Path(__file__).resolve().parents[1]
    digests = {
        subprocess.run(
            [sys.executable, "-c", child],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
