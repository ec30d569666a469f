"""Records and a fixed clock for journal tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from lesson_engine.journal.records import SessionEntry, Soreness

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def clock(now: datetime = NOW):
    return lambda: now


def session(
    days_ago: int = 0, before: int | None = 5, after: int | None = 3, note: str = ""
) -> SessionEntry:
    start = NOW - timedelta(days=days_ago, hours=2)
    return SessionEntry(
        lesson_id="weight-shift-1",
        lesson_title="Weight shift 1",
        started_at=start,
        ended_at=start + timedelta(minutes=20),
        completed=True,
        completed_fraction=1.0,
        rests_taken=1,
        rested_ms=60_000,
        before=Soreness(before, ("outside-knee",), "right"),
        after=Soreness(after, ("outside-knee",), "right"),
        note=note,
    )


def day(days_ago: int) -> date:
    return (NOW - timedelta(days=days_ago)).date()
