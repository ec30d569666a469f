"""Today's page as values: what to do today and why, this week, and what to ask the runner.

The app's Today page and ``seesaw today`` both print this, so they always say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lesson_engine.journal.records import RunLog
from lesson_engine.programme.clinician import (
    first_stage_reason,
    no_improvement_reason,
    red_flag_reason,
)
from lesson_engine.programme.criteria import Where, unmet
from lesson_engine.programme.describe import minutes, stage_text
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity, Advice, Weekly
from lesson_engine.programme.progress import Action, Decision, Standing
from lesson_engine.programme.week import Slot, Status, week_slots

RED_FLAG_EVERY_DAYS = 7
AWAY_DAYS = 7


@dataclass(frozen=True)
class Item:
    slot: Slot
    what: str
    lessons: tuple[str, ...] = ()
    """Lessons to open for it, the one to take next first."""
    run_s: int | None = None
    why: str = ""
    """Why it is planned: the rule's last word on the runs, or the phase's line and its source."""


@dataclass(frozen=True)
class Today:
    day: date
    standing: Standing
    items: tuple[Item, ...]
    """Today's sessions (planned today, or moved here)."""
    week: tuple[Item, ...]
    news: tuple[Decision, ...]
    """Decisions of the last three days, newest last."""
    advice: tuple[Advice, ...]
    still_to_come: tuple[str, ...]
    over_time: str
    """Said when the phase has run past its longest weeks: no blame, and what it may mean."""
    clinician: str | None
    ask_morning: RunLog | None
    ask_red_flags: bool
    welcome_back: bool

    @property
    def week_number(self) -> int:
        return (self.day - self.standing.choice.day).days // 7 + 1


def today(standing: Standing, history: History) -> Today:
    day = standing.today
    slots = week_slots(standing, history, day)
    week = tuple(_item(slot, standing, history) for slot in slots)
    items = tuple(i for i in week if i.slot.day == day and i.slot.status is not Status.SKIPPED)
    phase = standing.phase
    here = Where(
        standing.phase_started, phase, standing.runs_done, standing.choice.usual_weekly_minutes
    )
    still = unmet(phase.leave, history, day, here)
    clinician = (
        red_flag_reason(history, day)
        or first_stage_reason(standing.decisions, day)
        or no_improvement_reason(
            history, standing.choice.day, day, standing.programme.thresholds.clinician_weeks
        )
    )
    return Today(
        day=day,
        standing=standing,
        items=items,
        week=week,
        news=tuple(d for d in standing.decisions if d.day >= day - timedelta(days=2)),
        advice=phase.advice,
        still_to_come=tuple(still),
        over_time=_over_time(standing, day),
        clinician=clinician,
        ask_morning=_morning_question(history, day),
        ask_red_flags=_red_flags_due(history, standing, day),
        welcome_back=_away(history, standing, day),
    )


def _over_time(standing: Standing, day: date) -> str:
    longest = standing.phase.weeks_max
    week = (day - standing.phase_started).days // 7 + 1
    if longest is None or week <= longest:
        return ""
    return (
        f"This phase usually takes at most {longest} weeks, and this is week {week}. That is "
        "no failure: the knee sets the pace. If nothing has changed for weeks, a clinician can "
        "look for what a programme cannot see."
    )


RUN_DECISIONS = (
    Action.STEP_UP,
    Action.HOLD,
    Action.STEP_BACK,
    Action.WAIT,
    Action.WELCOME_BACK,
    Action.REST_FROM_RUNNING,
)


def _why(weekly: Weekly, standing: Standing) -> str:
    """Why this session is planned today, in the words Today shows under it."""
    cited = f" ({', '.join(weekly.sources)})" if weekly.sources else ""
    if weekly.activity is Activity.RUN:
        latest = [
            d
            for d in standing.decisions
            if d.action in RUN_DECISIONS and d.day >= standing.phase_started
        ]
        if latest:
            return latest[-1].reason
        return f"The first runs of '{standing.phase.title}', {weekly.per_week} a week{cited}."
    return f"{weekly.per_week} a week in '{standing.phase.title}'{cited}."


def _item(slot: Slot, standing: Standing, history: History) -> Item:
    weekly = standing.phase.of(slot.activity)
    assert weekly is not None
    why = _why(weekly, standing)
    if slot.activity is Activity.RUN:
        return Item(slot, run_text(standing, weekly), run_s=standing.planned_run_s(), why=why)
    if slot.activity is Activity.CROSS:
        return Item(slot, f"{weekly.minutes} min: {weekly.text}".rstrip(": "), why=why)
    order = _next_lessons(weekly, history)
    return Item(slot, ", ".join(order), lessons=order, why=why)


def run_text(standing: Standing, weekly: Weekly) -> str:
    if weekly.build is not None and standing.build_s is not None:
        return f"run {minutes(standing.build_s)} easy, without stopping"
    stage = weekly.stages[min(standing.stage, len(weekly.stages) - 1)]
    return f"stage {min(standing.stage, len(weekly.stages) - 1) + 1}: {stage_text(stage)}"


def _next_lessons(weekly: Weekly, history: History) -> tuple[str, ...]:
    """The phase's lessons, the one never done (or done longest ago) first."""
    last: dict[str, date] = {}
    for s in history.sessions:
        if s.lesson_id in weekly.items:
            last[s.lesson_id] = max(last.get(s.lesson_id, s.day), s.day)
    if weekly.activity is Activity.STRENGTH:
        return weekly.items  # a strength session is the whole list, in the programme's order
    return tuple(sorted(weekly.items, key=lambda i: (i in last, last.get(i, date.min))))


def _morning_question(history: History, day: date) -> RunLog | None:
    """The latest run, if it was before today and nobody has said how the next morning was."""
    earlier = [r for r in history.runs if r.day < day]
    if not earlier:
        return None
    latest = max(earlier, key=lambda r: (r.day, r.id))
    if latest.pain_next_morning is not None or any(r.day > latest.day for r in history.runs):
        return None
    return latest


def _red_flags_due(history: History, standing: Standing, day: date) -> bool:
    asked = [c.day for c in history.flags if c.day <= day]
    return not asked or (day - max(asked)).days >= RED_FLAG_EVERY_DAYS


def _away(history: History, standing: Standing, day: date) -> bool:
    """Nothing logged for a week or more (and the programme older than that)."""
    if (day - standing.choice.day).days < AWAY_DAYS:
        return False
    days = history.run_days() | history.cross_days()
    days.update(s.day for s in history.sessions)
    days.update(s.day for s in history.sets)
    recent = [d for d in days if d < day]
    return not recent or (day - max(recent)).days >= AWAY_DAYS
