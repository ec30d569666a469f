"""The soreness trend and the weekly count: what the journal's chart and its exports show.

One rule for "a week" (Monday to Sunday, by the day the session started) and one for the trend
(each session's before and after rating, oldest first), so the chart, the Markdown export and
anything else that summarises the journal always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from lesson_engine.journal.records import SessionEntry, learner_day


@dataclass(frozen=True)
class SorenessPoint:
    day: date
    before: int | None
    after: int | None


def soreness_series(sessions: Iterable[SessionEntry]) -> list[SorenessPoint]:
    """One point per day with a session, oldest first: the day's first rating before a lesson
    and its last rating after one (how the day began and how it ended). A day with no rating of
    a kind has None there (drawn as a gap). Ten years are read at every opening, so each day's
    ratings are gathered first and its point made once."""
    days: dict[date, tuple[int | None, int | None]] = {}
    for s in sorted(sessions, key=_started):
        day = learner_day(s.started_at)  # what ``SessionEntry.day`` says, without the detour
        before, after = s.before.level, s.after.level
        seen = days.get(day)
        if seen is not None:
            if seen[0] is not None:
                before = seen[0]
            if after is None:
                after = seen[1]
        days[day] = (before, after)
    return [SorenessPoint(day, before, after) for day, (before, after) in days.items()]


_started = attrgetter("started_at")


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
