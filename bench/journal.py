"""Journal benchmark: ten years of daily sessions and exercise logs, against SQLite in the same run.

Each measure is taken as interleaved runs (ours, then SQLite's, again and again, so a busy disk or
a busy machine weighs on both alike), printed as the median of the per-run ratios and their range:

- **open + soreness series**: ``Journal.open`` and the series of ten years, against SQLite reading
  the same records. Two SQLite baselines: its rows alone (every column of both tables), and its
  rows read into the same checked records the journal hands the app (the codec and the checks,
  as a journal kept in SQLite would have to). Goal: within 2x. Measured three ways, because the
  journal keeps the records it checked (``checked_cache``): the first open, with no cache (every
  record decoded and checked, and the cache made as the journal closes); the usual open, every
  year unchanged since the last; and the open the day after a change (before each run a note is
  added and the journal closed, which checks this year's rewritten file again).
- **closing after a change**: the close that folds a day's change into this year's file and
  checks that year again for the next opening, shown against SQLite's rows alone for scale.
- **open + every session and set**: the usual open and both tables read as records, against the
  SQLite rows alone, which are both tables too (the series above needs the sessions only).
- **the stored documents alone**: every year file parsed and its log replayed, nothing decoded
  into records, against SQLite's rows alone: the storage format against SQLite's.
- **one durable write**: a note added to the journal (one appended, fsynced line of the year's
  change log) against one SQLite commit of the same note (``journal_mode=WAL``,
  ``synchronous=FULL``). Goal: within 3x.

``python -m bench journal [runs]``
"""

from __future__ import annotations

import functools
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from lesson_engine.journal.checked_cache import CACHE_NAME
from lesson_engine.journal.codec import log_to_doc, session_to_doc
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.loading import LoadReport, load_year
from lesson_engine.journal.records import ExerciseLog, Note, SessionEntry, Soreness
from lesson_engine.journal.screening import read_record
from lesson_engine.journal.trend import soreness_series

NOW = datetime(2026, 11, 20, 18, tzinfo=UTC)
DAYS = 3650
SESSION_KEYS = list(session_to_doc(SessionEntry("x", "x", NOW, NOW, True, 1.0, 0, 0)))
LOG_KEYS = list(log_to_doc(ExerciseLog("x", NOW.date(), 1, 1)))


def _now() -> datetime:
    return NOW


def _session(i: int) -> SessionEntry:
    start = NOW - timedelta(days=DAYS - i)
    return SessionEntry(
        "weight-shift-1",
        "Weight shift 1",
        start,
        start + timedelta(minutes=20),
        True,
        1.0,
        1,
        60_000,
        Soreness(i % 7, ("outside-knee",), "right"),
        Soreness(max(i % 7 - 1, 0)),
        "a short note about the day",
    )


def _log(i: int) -> ExerciseLog:
    return ExerciseLog(
        "clamshell", (NOW - timedelta(days=DAYS - i)).date(), 3, 15, None, "green band", 2
    )


def build(folder: Path) -> None:
    journal = Journal.open(folder, now=_now)
    by_year: dict[int, list[int]] = {}
    for i in range(DAYS):
        by_year.setdefault((NOW - timedelta(days=DAYS - i)).year, []).append(i)
    for year, days in by_year.items():
        db = journal._years.bulk(year)  # bulk load: one write per year instead of 7,300
        db.table("sessions").insert_multiple(session_to_doc(_session(i)) for i in days)
        db.table("exercise_logs").insert_multiple(log_to_doc(_log(i)) for i in days)
    journal.close()


def _column(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, list | dict) else value


def build_sqlite(path: Path) -> None:
    """The same records, a column for each field (the nested ones as JSON text)."""
    db = sqlite3.connect(path)
    db.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        f"CREATE TABLE sessions(id INTEGER PRIMARY KEY, {', '.join(SESSION_KEYS)});"
        f"CREATE TABLE logs(id INTEGER PRIMARY KEY, {', '.join(LOG_KEYS)});"
        "CREATE TABLE notes(id INTEGER PRIMARY KEY, day TEXT, text TEXT);"
    )
    with db:
        marks = ", ".join("?" * len(SESSION_KEYS))
        db.executemany(
            f"INSERT INTO sessions({', '.join(SESSION_KEYS)}) VALUES ({marks})",
            [[_column(v) for v in session_to_doc(_session(i)).values()] for i in range(DAYS)],
        )
        marks = ", ".join("?" * len(LOG_KEYS))
        db.executemany(
            f"INSERT INTO logs({', '.join(LOG_KEYS)}) VALUES ({marks})",
            [[_column(v) for v in log_to_doc(_log(i)).values()] for i in range(DAYS)],
        )
    db.close()


def _rows(db: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    return db.execute(f"SELECT * FROM {table}").fetchall()


def sqlite_rows(path: Path) -> None:
    db = sqlite3.connect(path)
    assert len(_rows(db, "sessions")) == len(_rows(db, "logs")) == DAYS
    db.close()


def sqlite_records(path: Path) -> None:
    """Rows into the journal's own checked records, then the series: what a SQLite journal does."""
    db = sqlite3.connect(path)
    nested = {"before", "after", "skipped_sections"}
    sessions = []
    for row in _rows(db, "sessions"):
        doc = {
            k: json.loads(v) if k in nested else v
            for k, v in zip(SESSION_KEYS, row[1:], strict=True)
        }
        doc["completed"] = bool(doc["completed"])
        sessions.append(read_record("sessions", str(row[0]), doc, "2026-"))
    logs = [
        read_record(
            "exercise_logs", str(row[0]), dict(zip(LOG_KEYS, row[1:], strict=True)), "2026-"
        )
        for row in _rows(db, "logs")
    ]
    db.close()
    assert not any(isinstance(r, str) for r in (*sessions, *logs)), "a record did not read"
    ordered = sorted(sessions, key=lambda s: s.started_at)  # type: ignore[union-attr]
    assert len(soreness_series(ordered)) == DAYS  # type: ignore[arg-type]


def documents(folder: Path) -> None:
    report = LoadReport()
    years = [load_year(path, NOW, report) for path in sorted(folder.glob("20??.json"))]
    assert sum(len(y["sessions"]) for y in years if y) == DAYS and report.clean


def interleaved(
    ours: Callable[[], None],
    theirs: Callable[[], None],
    runs: int,
    before: Callable[[], None] = lambda: None,
) -> list[tuple[float, float]]:
    """(ours, theirs) in ms for each run, taken one after the other; ``before`` each, untimed."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        ours()
        middle = time.perf_counter()
        theirs()
        times.append(((middle - start) * 1000, (time.perf_counter() - middle) * 1000))
    return times


def summary(label: str, times: list[tuple[float, float]], goal: float | None, baseline: str) -> str:
    """One line; ``goal`` None for a figure shown for scale only."""
    ratios = sorted(a / b for a, b in times)
    ours = statistics.median(a for a, _ in times)
    theirs = statistics.median(b for _, b in times)
    if goal is None:
        verdict = "no goal"
    else:
        met = "met" if statistics.median(ratios) <= goal else "NOT met"
        verdict = f"goal ≤ {goal:g}x: {met}"
    return (
        f"{label}: {ours:.2f} ms; {baseline} {theirs:.2f} ms; ratio {statistics.median(ratios):.2f}x "
        f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}x over {len(times)} runs; {verdict})"
    )


def main(runs: int = 15) -> None:
    root = Path(tempfile.mkdtemp(prefix="seesaw-bench-journal-"))
    try:
        folder = root / "journal"
        build(folder)
        sqlite_path = root / "journal.sqlite"
        build_sqlite(sqlite_path)
        size = sum(p.stat().st_size for p in folder.glob("20??.json")) / 1e6
        print(
            f"10 years, {DAYS} sessions + {DAYS} exercise logs ({size:.1f} MB of JSON in "
            f"{len(list(folder.glob('20??.json')))} year files)"
        )

        def open_and_series() -> None:
            with Journal.open(folder, now=_now) as journal:
                assert len(soreness_series(journal.sessions())) == DAYS

        def open_and_every_record() -> None:
            with Journal.open(folder, now=_now) as journal:
                assert len(journal.sessions()) == len(journal.exercise_logs()) == DAYS

        def no_cache() -> None:
            shutil.rmtree(folder / CACHE_NAME, ignore_errors=True)

        notes = iter(range(1_000_000))
        open_now: list[Journal] = []

        def a_change() -> None:
            """What a day of use leaves: a note added, then the journal closed (which folds the
            log into this year's file and checks that year again for the next opening)."""
            with Journal.open(folder, now=_now) as journal:
                journal.add_note(Note(NOW.date(), f"note {next(notes)}"))

        def open_with_a_change() -> None:
            open_now.append(Journal.open(folder, now=_now))
            open_now[-1].add_note(Note(NOW.date(), f"note {next(notes)}"))

        open_and_series()  # today's daily backup made once, outside the measure
        rows = functools.partial(sqlite_rows, sqlite_path)
        records = functools.partial(sqlite_records, sqlite_path)
        for label, before in (
            ("first open, no cache yet, + soreness series", no_cache),
            ("open + soreness series", lambda: None),
        ):
            for baseline, theirs in (("SQLite rows alone", rows), ("SQLite records", records)):
                times = interleaved(open_and_series, theirs, runs, before)
                print(summary(label, times, 2, baseline))
        times = interleaved(open_and_series, rows, runs, a_change)
        print(
            summary("open the day after a change + soreness series", times, 2, "SQLite rows alone")
        )
        times = interleaved(lambda: open_now.pop().close(), rows, runs, open_with_a_change)
        print(summary("closing after a change", times, None, "SQLite rows alone"))
        print(
            summary(
                "open + every session and set",
                interleaved(open_and_every_record, rows, runs),
                2,
                "SQLite rows alone",
            )
        )
        print(
            summary(
                "the stored documents alone",
                interleaved(lambda: documents(folder), rows, runs),
                2,
                "SQLite rows alone",
            )
        )

        journal = Journal.open(folder, now=_now)
        db = sqlite3.connect(sqlite_path)
        db.execute("PRAGMA synchronous=FULL")
        counter = iter(range(1_000_000))

        def durable_note() -> None:
            journal.add_note(Note(date(2026, 11, 20), f"note {next(counter)}"))

        def sqlite_note() -> None:
            with db:
                db.execute("INSERT INTO notes(day, text) VALUES (?, ?)", ("2026-11-20", "note"))

        durable_note()  # the log created (a folder fsync) once, outside the measure
        sqlite_note()
        print(
            summary(
                "one durable write (a note)",
                interleaved(durable_note, sqlite_note, runs * 4),
                3,
                "SQLite WAL commit",
            )
        )
        journal.close()
        db.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
