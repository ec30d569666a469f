"""This week's plan: which session falls on which day, and what became of each.

A week runs Monday to Sunday (``journal/trend.week_start``, the journal's one rule for a week).
Each kind of session is spread over the week on days of its own (runs never on two days running
when three or fewer are planned), starting from the day the programme was chosen in its first
week. A session done on another day than planned still counts (a run on Thursday fills the
Wednesday run); the learner can also skip one or move it to another day, and nothing is ever
called a failure: a past session not done is simply "not done".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from lesson_engine.journal.trend import week_start
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity, Weekly
from lesson_engine.programme.progress import PAUSE_DAYS, Action, Standing

SHIFT = {Activity.RUN: 0, Activity.LESSON: 0, Activity.STRENGTH: 1, Activity.CROSS: 1}
"""Where each kind's days start in the week, so strength and cross-training fall between runs."""


class Status(StrEnum):
    DONE = "done"
    TODAY = "today"
    LATER = "later"
    NOT_DONE = "not done"
    SKIPPED = "skipped"
    PAUSED = "paused"
    """A run in the days after pain at the lowest stage: rest or cross-train instead."""


@dataclass(frozen=True)
class Slot:
    activity: Activity
    day: date
    """The day it is planned for (after a move)."""
    status: Status
    done_on: date | None = None
    moved_from: date | None = None


def spread(count: int, shift: int) -> list[int]:
    """Weekday numbers (0 = Monday) for ``count`` sessions, as evenly apart as the week allows."""
    return sorted({(shift + round(i * 7 / count)) % 7 for i in range(count)})


def week_slots(standing: Standing, history: History, today: date) -> list[Slot]:
    """The sessions of ``today``'s week, in day order."""
    monday = week_start(today)
    slots: list[Slot] = []
    for weekly in standing.phase.weekly:
        slots.extend(_slots_of(weekly, standing, history, monday, today))
    return sorted(slots, key=lambda s: (s.day, s.activity.value))


def _slots_of(
    weekly: Weekly, standing: Standing, history: History, monday: date, today: date
) -> list[Slot]:
    first = max(monday, standing.choice.day)
    days = [monday + timedelta(days=d) for d in spread(weekly.per_week, SHIFT[weekly.activity])]
    planned: list[tuple[date, date | None, bool]] = []  # (day, moved from, skipped)
    changes = [c for c in history.changes if c.activity == weekly.activity.value]
    for day in days:
        if day < first:
            continue
        latest = [c for c in changes if c.day == day]  # the learner's last word on this session
        last = latest[-1] if latest else None
        if last is not None and last.action == "move" and last.to_day is not None:
            planned.append((last.to_day, day, False))
        else:
            planned.append((day, None, last is not None and last.action == "skip"))
    done = sorted(d for d in _done_days(weekly, history) if monday <= d < monday + timedelta(7))
    filled: dict[int, date] = {}
    for day in list(done):  # a session on its own day fills that day's slot
        index = next(
            (i for i, p in enumerate(planned) if p[0] == day and i not in filled and not p[2]),
            None,
        )
        if index is not None:
            filled[index] = day
            done.remove(day)
    for day in done:  # any other fills the earliest open slot
        index = next((i for i, p in enumerate(planned) if i not in filled and not p[2]), None)
        if index is None:
            break
        filled[index] = day
    pauses = (
        [d.day for d in standing.decisions if d.action is Action.REST_FROM_RUNNING]
        if weekly.activity is Activity.RUN
        else []
    )
    slots = []
    for i, (day, moved_from, skipped) in enumerate(planned):
        if i in filled:
            status = Status.DONE
        elif skipped:
            status = Status.SKIPPED
        elif any(0 < (day - paused).days <= PAUSE_DAYS for paused in pauses):
            status = Status.PAUSED
        elif day < today:
            status = Status.NOT_DONE
        elif day == today:
            status = Status.TODAY
        else:
            status = Status.LATER
        slots.append(Slot(weekly.activity, day, status, filled.get(i), moved_from))
    return slots


def _done_days(weekly: Weekly, history: History) -> set[date]:
    if weekly.activity is Activity.RUN:
        return history.run_days()
    if weekly.activity is Activity.CROSS:
        return history.cross_days()
    return history.lesson_days(weekly.items)
