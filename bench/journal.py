"""Journal benchmark: ten years of daily sessions and exercise logs.

Measures opening the journal and computing the soreness-trend series, and one durable write (a
note, fsynced), against SQLite doing the same work in the same run (WAL, synchronous=FULL).
Goals: open + series ≤ 150 ms, one durable write ≤ 30 ms.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from lesson_engine.journal.codec import log_to_doc, session_to_doc
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import ExerciseLog, Note, SessionEntry, Soreness
from lesson_engine.journal.trend import soreness_series

NOW = datetime(2026, 11, 20, 18, tzinfo=UTC)
DAYS = 3650


def _now() -> datetime:
    return NOW


def build(folder: Path) -> None:
    journal = Journal.open(folder, now=_now)
    by_year: dict[int, list[int]] = {}
    for i in range(DAYS):
        start = NOW - timedelta(days=DAYS - i)
        by_year.setdefault(start.year, []).append(i)
    for year, days in by_year.items():
        db = journal._year(year)  # bulk load: one write per year instead of 7,300
        sessions = db.table("sessions")
        logs = db.table("exercise_logs")
        sessions.insert_multiple(
            session_to_doc(
                SessionEntry(
                    "weight-shift-1",
                    "Weight shift 1",
                    NOW - timedelta(days=DAYS - i),
                    NOW - timedelta(days=DAYS - i) + timedelta(minutes=20),
                    True,
                    1.0,
                    1,
                    60_000,
                    Soreness(i % 7, ("outside-knee",), "right"),
                    Soreness(max(i % 7 - 1, 0)),
                    "a short note about the day",
                )
            )
            for i in days
        )
        logs.insert_multiple(
            log_to_doc(
                ExerciseLog(
                    "clamshell",
                    (NOW - timedelta(days=DAYS - i)).date(),
                    3,
                    15,
                    None,
                    "green band",
                    2,
                )
            )
            for i in days
        )
    journal.close()


def build_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        "CREATE TABLE sessions(id INTEGER PRIMARY KEY, lesson TEXT, started TEXT, before INT, after INT, note TEXT);"
        "CREATE TABLE logs(id INTEGER PRIMARY KEY, exercise TEXT, day TEXT, sets INT, reps INT);"
        "CREATE TABLE notes(id INTEGER PRIMARY KEY, day TEXT, text TEXT);"
    )
    with db:
        db.executemany(
            "INSERT INTO sessions(lesson, started, before, after, note) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    "weight-shift-1",
                    (NOW - timedelta(days=DAYS - i)).isoformat(),
                    i % 7,
                    max(i % 7 - 1, 0),
                    "a short note",
                )
                for i in range(DAYS)
            ],
        )
        db.executemany(
            "INSERT INTO logs(exercise, day, sets, reps) VALUES (?, ?, ?, ?)",
            [
                ("clamshell", (NOW - timedelta(days=DAYS - i)).date().isoformat(), 3, 15)
                for i in range(DAYS)
            ],
        )
    db.close()


def median_ms(work, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="seesaw-bench-journal-"))
    try:
        folder = root / "journal"
        build(folder)
        sqlite_path = root / "journal.sqlite"
        build_sqlite(sqlite_path)
        size = sum(p.stat().st_size for p in folder.glob("*.json")) / 1e6

        def open_and_series() -> None:
            with Journal.open(folder, now=_now) as journal:
                assert len(soreness_series(journal.sessions())) == DAYS

        def sqlite_open_and_series() -> None:
            db = sqlite3.connect(sqlite_path)
            rows = db.execute(
                "SELECT started, before, after FROM sessions ORDER BY started"
            ).fetchall()
            assert len(rows) == DAYS
            db.close()

        journal = Journal.open(folder, now=_now)
        counter = iter(range(10_000))

        def durable_note() -> None:
            journal.add_note(Note(date(2026, 11, 20), f"note {next(counter)}"))

        db = sqlite3.connect(sqlite_path)
        db.execute("PRAGMA synchronous=FULL")

        def sqlite_note() -> None:
            with db:
                db.execute("INSERT INTO notes(day, text) VALUES (?, ?)", ("2026-11-20", "note"))

        journal.close()
        ours_open = median_ms(open_and_series)
        theirs_open = median_ms(sqlite_open_and_series)
        journal = Journal.open(folder, now=_now)
        ours_write = median_ms(durable_note, 15)
        journal.close()
        theirs_write = median_ms(sqlite_note, 15)
        db.close()
        print(
            f"10 years, {DAYS} sessions + {DAYS} exercise logs ({size:.1f} MB of JSON in {len(list(folder.glob('20??.json')))} year files)"
        )
        print(
            f"open + soreness series: {ours_open:.0f} ms (goal ≤ 150); SQLite {theirs_open:.1f} ms; ratio {ours_open / theirs_open:.0f}x"
        )
        print(
            f"one durable write (a note): {ours_write:.1f} ms (goal ≤ 30); SQLite {theirs_write:.1f} ms; ratio {ours_write / theirs_write:.1f}x"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
