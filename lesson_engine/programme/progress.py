"""Where a runner stands in their programme, worked out again from the journal every time.

Nothing about progress is stored: the phase, the run stage and every decision come from replaying
the records day by day from the day the programme was chosen. A run logged late, a next-morning
rating given a day after, or a record deleted from the Journal page therefore changes the plan
exactly as it should, and the app, the command line and the tests can never disagree.

The replay's own rules (each decision says its reason in words); how a single run moves the plan
is in ``run_rules``, and what a standing holds in ``standing``:
- More than a week without a run in a running phase drops one stage: coming back from a layoff
  too fast is one of the training errors S3 names.
- A phase is left when all its criteria are met and the next phase's entry criteria too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from lesson_engine.journal.records import ProgrammeChoice
from lesson_engine.programme.criteria import Where, unmet
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity, Programme
from lesson_engine.programme.run_rules import (
    PAUSE_DAYS,
    can_lower_build,
    end_of_build_week,
    judge_build_run,
    judge_stage_run,
    lower_build,
)
from lesson_engine.programme.standing import Action, Decision, Standing, decided

__all__ = [
    "LAYOFF_DAYS",
    "PAUSE_DAYS",
    "Action",
    "Decision",
    "Standing",
    "current_choice",
    "stand",
    "standings",
]

LAYOFF_DAYS = 8
"""A run after this many days or more without one, in a running phase, starts a stage lower."""


def current_choice(history: History, today: date) -> ProgrammeChoice | None:
    """The programme followed on ``today``: the latest choice made on or before it."""
    made = [c for c in history.choices if c.day <= today]
    return max(made, key=lambda c: (c.day, c.id)) if made else None


def stand(programme: Programme, choice: ProgrammeChoice, history: History, today: date) -> Standing:
    """Replay every day from the choice to ``today``."""
    found = standings(programme, choice, history, [today])
    return found[today] if today in found else replace(_start(programme, choice), today=today)


def _start(programme: Programme, choice: ProgrammeChoice) -> Standing:
    first = min(choice.phase, len(programme.phases) - 1)
    return _enter_phase(
        Standing(programme, choice, choice.day, first, choice.day),
        first,
        choice.day,
        f"Starting {programme.title} at '{programme.phases[first].title}'.",
        Action.START,
    )


def standings(
    programme: Programme, choice: ProgrammeChoice, history: History, days: list[date]
) -> dict[date, Standing]:
    """The runner's standing on each of ``days``, from one replay (for the weekly charts): each
    exactly what ``stand`` gives for that day."""
    wanted = sorted(d for d in set(days) if d >= choice.day)
    found: dict[date, Standing] = {}
    if not wanted:
        return found
    state = _start(programme, choice)
    day, last = choice.day, wanted[-1]
    while day <= last:
        state = _one_day(state, history, day)
        if day in wanted:
            found[day] = replace(state, today=day)
        state = _maybe_next_phase(state, history, day)  # once the day is over
        day += timedelta(days=1)
    return found


def _enter_phase(state: Standing, index: int, day: date, reason: str, action: Action) -> Standing:
    phase = state.programme.phases[index]
    runs = phase.of(Activity.RUN)
    build_s = runs.build.start_s if runs is not None and runs.build is not None else None
    return replace(
        state,
        phase_index=index,
        phase_started=day,
        stage=0,
        build_s=build_s,
        easy=0,
        last_run=None,
        decisions=(*state.decisions, Decision(day, action, reason)),
    )


def _one_day(state: Standing, history: History, day: date) -> Standing:
    """One day's runs judged. The next phase, if its time has come, is only decided once the day
    is over (``standings``) and starts the day after: a day is always planned by the phase it
    began in."""
    runs = state.phase.of(Activity.RUN)
    if runs is not None:
        state = _after_layoff(state, history, day)
        for run in history.runs_on(day):
            state = (
                judge_build_run(state, run)
                if runs.build is not None
                else judge_stage_run(state, run)
            )
            state = replace(state, last_run=day)
        if runs.build is not None and (day - state.phase_started).days % 7 == 6:
            state = end_of_build_week(state, history, day)
    return state


def _after_layoff(state: Standing, history: History, day: date) -> Standing:
    """On the ``LAYOFF_DAYS``-th day since the last run of the phase, one step lower, once."""
    since = state.last_run or state.phase_started
    if (day - since).days != LAYOFF_DAYS:
        return state
    if (state.build_s is None and state.stage == 0) or (
        state.build_s is not None and not can_lower_build(state)
    ):
        return state
    reason = (
        f"Welcome back. After {LAYOFF_DAYS} days or more without a run we start a little lower, "
        "at something you already did comfortably: coming back from a break too fast is one of "
        "the training errors behind this pain (S3)."
    )
    if state.build_s is not None:
        return decided(state, day, Action.WELCOME_BACK, reason, build_s=lower_build(state), easy=0)
    return decided(state, day, Action.WELCOME_BACK, reason, stage=state.stage - 1, easy=0)


def _maybe_next_phase(state: Standing, history: History, day: date) -> Standing:
    index = state.phase_index
    if index + 1 >= len(state.programme.phases):
        return state
    if (day - state.phase_started).days + 1 < 7 * state.phase.weeks_min:
        return state
    usual = state.choice.usual_weekly_minutes
    here = Where(state.phase_started, state.phase, state.runs_done, usual)
    if unmet(state.phase.leave, history, day, here):
        return state
    nxt = state.programme.phases[index + 1]
    if unmet(nxt.enter, history, day, Where(state.choice.day, nxt, state.runs_done, usual)):
        return state
    met = "; ".join(c.written for c in state.phase.leave) or "its weeks are done"
    return _enter_phase(
        state,
        index + 1,
        day + timedelta(days=1),
        f"On to '{nxt.title}': '{state.phase.title}' is done ({met}).",
        Action.NEXT_PHASE,
    )
