""" "My results": the runner's own soreness on days they did an exercise, against days they did not.

Only days with a soreness rating count at all, so "days without the exercise" means days the
runner rated soreness and did not log it — not every day of the year. A day's soreness is the
lowest "after" rating of that day's sessions, else its "before" rating, else the soreness written
on an exercise log. This is the runner's own record, not evidence: the view says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import mean

from lesson_engine.journal.records import ExerciseLog, SessionEntry


@dataclass(frozen=True)
class PersonalResult:
    exercise_id: str
    with_days: int
    with_mean: float | None
    without_days: int
    without_mean: float | None


def daily_soreness(
    sessions: Iterable[SessionEntry], logs: Iterable[ExerciseLog]
) -> dict[date, int]:
    days: dict[date, int] = {}
    for s in sessions:
        level = s.after.level if s.after.level is not None else s.before.level
        if level is not None:
            day = s.day
            days[day] = min(days.get(day, level), level)
    for log in logs:
        if log.soreness is not None and log.day not in days:
            days[log.day] = log.soreness
    return days


def my_results(
    exercise_ids: Iterable[str], sessions: Iterable[SessionEntry], logs: Iterable[ExerciseLog]
) -> list[PersonalResult]:
    logs = list(logs)
    soreness = daily_soreness(sessions, logs)
    results = []
    for exercise in exercise_ids:
        done = {log.day for log in logs if log.exercise_id == exercise}
        with_values = [v for d, v in soreness.items() if d in done]
        without_values = [v for d, v in soreness.items() if d not in done]
        results.append(
            PersonalResult(
                exercise,
                len(with_values),
                round(mean(with_values), 2) if with_values else None,
                len(without_values),
                round(mean(without_values), 2) if without_values else None,
            )
        )
    return results
