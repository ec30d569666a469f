"""What the programme's charts and its report for a clinician show, as plain series.

The outcome that matters most to a runner with this injury is how far into a run the pain starts,
and whether it starts at all: a run with no pain is kept as "none in N minutes", which is more
than a missing point. Weekly running is set against what the plan asked that week, and sessions
done against sessions planned, week by week (Monday to Sunday, the journal's one rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lesson_engine.journal.trend import week_start
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity, Programme
from lesson_engine.programme.progress import current_choice, standings
from lesson_engine.programme.week import Status, week_slots


@dataclass(frozen=True)
class Onset:
    day: date
    minutes: float
    """When pain started, or the run's whole length when it did not."""
    pain_free: bool
    km: float | None = None


@dataclass(frozen=True)
class Week:
    monday: date
    ran_min: float
    planned_min: float
    done: int
    planned: int


def onsets(history: History, since: date | None = None) -> list[Onset]:
    found = []
    for run in sorted(history.runs, key=lambda r: r.day):
        if since is not None and run.day < since:
            continue
        if run.pain_started_min is not None:
            found.append(Onset(run.day, run.pain_started_min, False, run.pain_started_km))
        elif run.pain_started_km is not None:
            share = run.pain_started_km / run.distance_km if run.distance_km else 1.0
            found.append(Onset(run.day, round(run.minutes * share, 1), False, run.pain_started_km))
        else:
            found.append(Onset(run.day, run.minutes, True, run.distance_km))
    return found


def weeks(programme: Programme, history: History, today: date) -> list[Week]:
    """Each week from the one the programme was chosen in to ``today``'s, oldest first."""
    choice = current_choice(history, today)
    if choice is None:
        return []
    mondays: list[date] = []
    monday = week_start(choice.day)
    while monday <= today:
        mondays.append(monday)
        monday += timedelta(days=7)
    starts = [max(m, choice.day) for m in mondays]
    ends = [min(m + timedelta(days=6), today) for m in mondays]
    at = standings(programme, choice, history, [*starts, *ends])  # one replay for every week
    found: list[Week] = []
    for monday, start, sunday in zip(mondays, starts, ends, strict=True):
        standing = at[start]
        runs = standing.phase.of(Activity.RUN)
        per_run = (standing.planned_run_s() or 0) / 60
        planned_min = per_run * runs.per_week if runs else 0.0
        ran = sum(r.minutes for r in history.runs if monday <= r.day <= sunday)
        slots = [
            s for s in week_slots(at[sunday], history, sunday) if s.status is not Status.SKIPPED
        ]
        done = sum(1 for s in slots if s.status is Status.DONE)
        found.append(Week(monday, ran, planned_min, done, len(slots)))
    return found


def streak(found: list[Week], today: date) -> int:
    """Whole weeks in a row, up to the last finished one, with every planned session done.

    Shown only when the learner turns it on: a count that resets can feel like blame, and rest
    is part of the plan. The week in progress counts once it is complete."""
    count = 0
    for week in reversed(found):
        finished = week.monday + timedelta(days=6) < today
        complete = week.planned > 0 and week.done >= week.planned
        if not finished and not complete:
            continue  # this week is not over yet: it neither counts nor breaks the run
        if not complete:
            break
        count += 1
    return count
