"""Where a runner stands in their programme, worked out again from the journal every time.

Nothing about progress is stored: the phase, the run stage and every decision come from replaying
the records day by day from the day the programme was chosen. A run logged late, a next-morning
rating given a day after, or a record deleted from the Journal page therefore changes the plan
exactly as it should, and the app, the command line and the tests can never disagree.

The rules (each decision says its reason in words):
- A run is easy when the pain during and after it stays at or below the programme's acceptable
  pain, no pain started during it, and the next morning is no worse. The programme's number of
  easy runs at a stage steps up to the next stage. The pain-monitoring practice widely used in
  running rehabilitation is the model; the figures are the programme's.
- Pain above acceptable, or pain that started during the run, holds the stage. Pain above the
  step-back figure, or pain that started earlier in the run than the last time it did, steps back.
- A run whose next morning is not known yet counts once the learner says how it was.
- More than a week without a run in a running phase drops one stage: coming back from a layoff
  too fast is one of the training errors S3 names.
- A build phase adds its percentage a week only after an easy week, and never more than 10 %
  over what was actually run in the week before.
- A phase is left when all its criteria are met and the next phase's entry criteria too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from lesson_engine.journal.records import ProgrammeChoice, RunLog
from lesson_engine.programme.criteria import Where, unmet
from lesson_engine.programme.describe import day_name, stage_text
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity, Phase, Programme

HILLY = frozenset({"hilly", "downhill"})
"""Route tags a phase must allow hills for (``allows: hills``)."""
LAYOFF_DAYS = 8
"""A run after this many days or more without one, in a running phase, starts a stage lower."""
MAX_WEEKLY_RISE = 0.10
PAUSE_DAYS = 3
"""How many days the planned runs pause after pain at the lowest stage (``week.Status.PAUSED``)."""


class Action(StrEnum):
    START = "start"
    STEP_UP = "step up"
    HOLD = "hold"
    STEP_BACK = "step back"
    WAIT = "wait"
    NEXT_PHASE = "next phase"
    WELCOME_BACK = "welcome back"
    REST_FROM_RUNNING = "rest from running"
    """Pain that would step back at the lowest stage: a few days without running."""


@dataclass(frozen=True)
class Decision:
    day: date
    action: Action
    reason: str


@dataclass(frozen=True)
class Standing:
    """The runner's place on ``today``: the phase, the stage, and the decisions that led there."""

    programme: Programme
    choice: ProgrammeChoice
    today: date
    phase_index: int
    phase_started: date
    stage: int = 0
    """Index into the phase's run stages; ``len(stages)`` once the last one is passed."""
    build_s: int | None = None
    """How long each run of a build phase lasts now, in seconds."""
    easy: int = 0
    last_onset_min: float | None = None
    last_onset_km: float | None = None
    last_run: date | None = None
    """The day of the phase's latest run judged so far (for ``_after_layoff``)."""
    decisions: tuple[Decision, ...] = ()

    @property
    def phase(self) -> Phase:
        return self.programme.phases[self.phase_index]

    @property
    def runs_done(self) -> bool:
        runs = self.phase.of(Activity.RUN)
        if runs is None:
            return False
        if runs.build is not None:
            return self.build_s is not None and self.build_s >= runs.build.until_s
        return self.stage >= len(runs.stages)

    def planned_run_s(self) -> int | None:
        """How long today's run lasts (running and walking), or None when the phase has none."""
        runs = self.phase.of(Activity.RUN)
        if runs is None:
            return None
        if runs.build is not None:
            return self.build_s
        if not runs.stages:
            return None
        return runs.stages[min(self.stage, len(runs.stages) - 1)].total_s


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


def _decide(state: Standing, day: date, action: Action, reason: str, **changes: object) -> Standing:
    return replace(state, decisions=(*state.decisions, Decision(day, action, reason)), **changes)  # type: ignore[arg-type]


def _one_day(state: Standing, history: History, day: date) -> Standing:
    """One day's runs judged. The next phase, if its time has come, is only decided once the day
    is over (``standings``) and starts the day after: a day is always planned by the phase it
    began in."""
    runs = state.phase.of(Activity.RUN)
    if runs is not None:
        state = _after_layoff(state, history, day)
        for run in history.runs_on(day):
            state = (
                _judge_build_run(state, run)
                if runs.build is not None
                else _judge_stage_run(state, run)
            )
            state = replace(state, last_run=day)
        if runs.build is not None and (day - state.phase_started).days % 7 == 6:
            state = _end_of_build_week(state, history, day)
    return state


def _after_layoff(state: Standing, history: History, day: date) -> Standing:
    """On the ``LAYOFF_DAYS``-th day since the last run of the phase, one step lower, once."""
    since = state.last_run or state.phase_started
    if (day - since).days != LAYOFF_DAYS:
        return state
    if (state.build_s is None and state.stage == 0) or (
        state.build_s is not None and not _can_lower_build(state)
    ):
        return state
    reason = (
        f"Welcome back. After {LAYOFF_DAYS} days or more without a run we start a little lower, "
        "at something you already did comfortably: coming back from a break too fast is one of "
        "the training errors behind this pain (S3)."
    )
    if state.build_s is not None:
        return _decide(state, day, Action.WELCOME_BACK, reason, build_s=_lower_build(state), easy=0)
    return _decide(state, day, Action.WELCOME_BACK, reason, stage=state.stage - 1, easy=0)


def _pain(run: RunLog) -> int:
    return max((p for p in (run.pain_during, run.pain_after) if p is not None), default=0)


def _onset_earlier(state: Standing, run: RunLog) -> str:
    """How the pain started earlier than the last time it started ("" when it did not),
    compared in minutes where both runs say when, else in distance where both say how far."""
    now_min, last_min = run.pain_started_min, state.last_onset_min
    now_km, last_km = run.pain_started_km, state.last_onset_km
    if now_min is not None and last_min is not None:
        earlier = now_min < last_min
        said = f"{now_min:g} minutes in, earlier than the time before ({last_min:g})"
    elif now_km is not None and last_km is not None:
        earlier = now_km < last_km
        said = f"{now_km:g} km in, earlier than the time before ({last_km:g} km)"
    else:
        return ""
    return said if earlier else ""


def _onsets(state: Standing, run: RunLog) -> dict[str, float | None]:
    """The last onset after this run, by minutes and by distance, for the next comparison."""
    return {
        "last_onset_min": run.pain_started_min
        if run.pain_started_min is not None
        else state.last_onset_min,
        "last_onset_km": run.pain_started_km
        if run.pain_started_km is not None
        else state.last_onset_km,
    }


def _run_verdict(state: Standing, run: RunLog) -> tuple[Action, str]:
    """Step back, hold, wait for the morning, or easy (``STEP_UP`` here means "an easy run")."""
    limits = state.programme.thresholds
    when = day_name(run.day)
    pain = _pain(run)
    if pain > limits.step_back_pain:
        return Action.STEP_BACK, f"{when}'s run hurt at {pain} of 10, above {limits.step_back_pain}"
    earlier = _onset_earlier(state, run)
    if earlier:
        return Action.STEP_BACK, f"on {when} pain started {earlier}"
    if run.pain_started:
        return Action.HOLD, f"pain started during {when}'s run"
    if pain > limits.acceptable_pain:
        return Action.HOLD, f"{when}'s run brought pain of {pain} of 10"
    hills = sorted(set(run.routes) & HILLY)
    if hills and "hills" not in state.phase.allows:
        return (
            Action.HOLD,
            f"{when}'s route was {' and '.join(hills)}, which this phase leaves out: no hills for "
            "the first weeks back (S3)",
        )
    morning = run.pain_next_morning
    if morning is None:
        return Action.WAIT, f"how the knee was the morning after {when}'s run is not known yet"
    if morning > limits.acceptable_pain and morning > pain:
        return Action.HOLD, f"the knee was worse the morning after {when}'s run ({morning} of 10)"
    return Action.STEP_UP, f"{when}'s run was easy"


def _rest_from_running(state: Standing, run: RunLog, why: str, at: str) -> Standing:
    """Pain that would step back where there is nothing lower: the runs pause for a few days."""
    return _decide(
        state,
        run.day,
        Action.REST_FROM_RUNNING,
        f"Staying at {at}, the lowest there is: {why}. The runs pause for {PAUSE_DAYS} days: "
        "cross-train or rest instead; if it keeps hurting here, see a clinician.",
        easy=0,
        **_onsets(state, run),
    )


def _judge_stage_run(state: Standing, run: RunLog) -> Standing:
    runs = state.phase.of(Activity.RUN)
    assert runs is not None and runs.stages
    verdict, why = _run_verdict(state, run)
    at = min(state.stage, len(runs.stages) - 1)
    stage_name = f"stage {at + 1} ({stage_text(runs.stages[at])})"
    if verdict is Action.STEP_BACK:
        if state.stage == 0:
            return _rest_from_running(state, run, why, stage_name)
        back = state.stage - 1
        return _decide(
            state,
            run.day,
            Action.STEP_BACK,
            f"Stepping back to stage {back + 1}: {why}.",
            stage=back,
            easy=0,
            **_onsets(state, run),
        )
    if verdict in (Action.HOLD, Action.WAIT):
        word = "Holding at" if verdict is Action.HOLD else "Staying at"
        easy = 0 if verdict is Action.HOLD else state.easy
        return _decide(
            state,
            run.day,
            verdict,
            f"{word} {stage_name}: {why}.",
            easy=easy,
            **_onsets(state, run),
        )
    easy = state.easy + 1
    needed = state.programme.thresholds.easy_runs
    if easy < needed or state.stage >= len(runs.stages):
        left = needed - easy
        more = f" {left} more like it steps up." if left > 0 else ""
        return _decide(
            state, run.day, Action.HOLD, f"{why.capitalize()} at {stage_name}.{more}", easy=easy
        )
    nxt = state.stage + 1
    ahead = (
        f"stage {nxt + 1} ({stage_text(runs.stages[nxt])})"
        if nxt < len(runs.stages)
        else "the end of this phase's runs"
    )
    return _decide(
        state,
        run.day,
        Action.STEP_UP,
        f"Stepping up to {ahead}: {needed} easy runs at {stage_name}, no pain the next morning.",
        stage=nxt,
        easy=0,
    )


def _judge_build_run(state: Standing, run: RunLog) -> Standing:
    verdict, why = _run_verdict(state, run)
    now = f"{(state.build_s or 0) // 60} minutes a run"
    if verdict is Action.STEP_BACK:
        if not _can_lower_build(state):
            return _rest_from_running(state, run, why, now)
        lowered = _lower_build(state)
        return _decide(
            state,
            run.day,
            Action.STEP_BACK,
            f"Stepping back to {lowered // 60} minutes a run: {why}.",
            build_s=lowered,
            easy=0,
            **_onsets(state, run),
        )
    if verdict is Action.STEP_UP:
        return replace(state, easy=state.easy + 1, **_onsets(state, run))  # type: ignore[arg-type]
    if verdict is Action.WAIT:  # counted once the morning is known, as at a stage
        return _decide(
            state, run.day, Action.WAIT, f"Staying at {now}: {why}.", **_onsets(state, run)
        )
    return _decide(
        state, run.day, Action.HOLD, f"Holding at {now}: {why}.", easy=0, **_onsets(state, run)
    )


def _can_lower_build(state: Standing) -> bool:
    runs = state.phase.of(Activity.RUN)
    return runs is not None and runs.build is not None and (state.build_s or 0) > runs.build.start_s


def _lower_build(state: Standing) -> int:
    runs = state.phase.of(Activity.RUN)
    assert runs is not None and runs.build is not None and state.build_s is not None
    lowered = round(state.build_s / (1 + runs.build.percent / 100))
    return max(runs.build.start_s, lowered)


def _end_of_build_week(state: Standing, history: History, day: date) -> Standing:
    runs = state.phase.of(Activity.RUN)
    assert runs is not None and runs.build is not None and state.build_s is not None
    week = [r for r in history.runs if day - timedelta(days=6) <= r.day <= day]
    hard = any(
        d.day >= day - timedelta(days=6)
        and d.action in (Action.HOLD, Action.STEP_BACK, Action.REST_FROM_RUNNING)
        for d in state.decisions
    )
    if not week or hard or state.easy < min(len(week), runs.per_week):
        return replace(state, easy=0)
    if state.build_s >= runs.build.until_s:
        return replace(state, easy=0)
    ran_s = round(sum(r.minutes for r in week) * 60)
    wanted = round(state.build_s * (1 + runs.build.percent / 100))
    cap = round(ran_s * (1 + MAX_WEEKLY_RISE) / runs.per_week)
    new = min(wanted, max(cap, state.build_s)) // 60 * 60  # whole minutes, never over 10 %
    new = min(max(new, state.build_s), runs.build.until_s)
    if new <= state.build_s:
        return _decide(
            state,
            day,
            Action.HOLD,
            f"Staying at {state.build_s // 60} minutes a run: last week's {ran_s // 60} minutes "
            "of running allow no more than 10 % on top.",
            easy=0,
        )
    return _decide(
        state,
        day,
        Action.STEP_UP,
        f"Adding to each run: {new // 60} minutes from now on, after an easy week of "
        f"{ran_s // 60} minutes running (no more than 10 % a week, S3, S4).",
        build_s=new,
        easy=0,
    )


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
