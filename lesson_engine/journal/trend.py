"""The soreness trend and the weekly count: what the journal's chart and its exports show.

One rule for "a week" (Monday to Sunday, by the day the session started) and one for the trend
(each session's before and after rating, oldest first), so the chart, the Markdown export and
anything else that summarises the journal always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lesson_engine.journal.records import SessionEntry


@dataclass(frozen=True)
class SorenessPoint:
    day: date
    before: int | None
    after: int | None


def soreness_series(sessions: Iterable[SessionEntry]) -> list[SorenessPoint]:
    """One point per day with a session, oldest first: the day's first rating before a lesson
    and its last rating after one (how the day began and how it ended). A day with no rating of
    a kind has None there (drawn as a gap)."""
    days: dict[date, SorenessPoint] = {}
    for s in sorted(sessions, key=lambda s: s.started_at):
        day = s.day
        point = days.get(day)
        if point is None:
            days[day] = SorenessPoint(day, s.before.level, s.after.level)
            continue
        before = point.before if point.before is not None else s.before.level
        after = s.after.level if s.after.level is not None else point.after
        days[day] = SorenessPoint(day, before, after)
    return list(days.values())


def week_starts(first: date, last: date) -> list[date]:
    """The Mondays from ``first``'s week to ``last``'s: where the chart labels its weeks."""
    start = week_start(first)
    return [start + timedelta(weeks=i) for i in range((week_start(last) - start).days // 7 + 1)]


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def sessions_per_week(days: Iterable[date], weeks: int, today: date) -> list[tuple[date, int]]:
    """Counts for the last ``weeks`` weeks ending with the week of ``today``, oldest first."""
    last = week_start(today)
    starts = [last - timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(starts, 0)
    for day in days:
        start = week_start(day)
        if start in counts:
            counts[start] += 1
    return list(counts.items())
