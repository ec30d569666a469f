"""How one run moves the plan: judged easy, held, stepped back, or waiting for its morning.

- A run is easy when the pain during and after it stays at or below the programme's acceptable
  pain, no pain started during it, and the next morning is no worse. The programme's number of
  easy runs at a stage steps up to the next stage. The pain-monitoring practice widely used in
  running rehabilitation is the model; the figures are the programme's.
- Pain above acceptable, or pain that started during the run, holds the stage. Pain above the
  step-back figure, or pain that started earlier in the run than the last time it did, steps back;
  at the lowest stage, the runs pause for ``PAUSE_DAYS`` instead.
- A run whose next morning is not known yet counts once the learner says how it was.
- A build phase adds its percentage a week only after an easy week, and never more than 10 %
  over what was actually run in the week before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from lesson_engine.journal.records import RunLog
from lesson_engine.programme.describe import day_name, stage_text
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity
from lesson_engine.programme.standing import Action, Standing, decided
from lesson_engine.wording import sentence_start

HILLY = frozenset({"hilly", "downhill"})
"""Route tags a phase must allow hills for (``allows: hills``)."""
MAX_WEEKLY_RISE = 0.10
PAUSE_DAYS = 3
"""How many days the planned runs pause after pain at the lowest stage (``week.Status.PAUSED``)."""


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
    return decided(
        state,
        run.day,
        Action.REST_FROM_RUNNING,
        f"Staying at {at}, the lowest there is: {why}. The runs pause for {PAUSE_DAYS} days: "
        "cross-train or rest instead; if it keeps hurting here, see a clinician.",
        easy=0,
        **_onsets(state, run),
    )


def judge_stage_run(state: Standing, run: RunLog) -> Standing:
    runs = state.phase.of(Activity.RUN)
    assert runs is not None and runs.stages
    verdict, why = _run_verdict(state, run)
    at = min(state.stage, len(runs.stages) - 1)
    stage_name = f"stage {at + 1} ({stage_text(runs.stages[at])})"
    if verdict is Action.STEP_BACK:
        if state.stage == 0:
            return _rest_from_running(state, run, why, stage_name)
        back = state.stage - 1
        return decided(
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
        return decided(
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
        return decided(
            state, run.day, Action.HOLD, f"{sentence_start(why)} at {stage_name}.{more}", easy=easy
        )
    nxt = state.stage + 1
    ahead = (
        f"stage {nxt + 1} ({stage_text(runs.stages[nxt])})"
        if nxt < len(runs.stages)
        else "the end of this phase's runs"
    )
    return decided(
        state,
        run.day,
        Action.STEP_UP,
        f"Stepping up to {ahead}: {needed} easy runs at {stage_name}, no pain the next morning.",
        stage=nxt,
        easy=0,
    )


def judge_build_run(state: Standing, run: RunLog) -> Standing:
    verdict, why = _run_verdict(state, run)
    now = f"{(state.build_s or 0) // 60} minutes a run"
    if verdict is Action.STEP_BACK:
        if not can_lower_build(state):
            return _rest_from_running(state, run, why, now)
        lowered = lower_build(state)
        return decided(
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
        return decided(
            state, run.day, Action.WAIT, f"Staying at {now}: {why}.", **_onsets(state, run)
        )
    return decided(
        state, run.day, Action.HOLD, f"Holding at {now}: {why}.", easy=0, **_onsets(state, run)
    )


def can_lower_build(state: Standing) -> bool:
    runs = state.phase.of(Activity.RUN)
    return runs is not None and runs.build is not None and (state.build_s or 0) > runs.build.start_s


def lower_build(state: Standing) -> int:
    runs = state.phase.of(Activity.RUN)
    assert runs is not None and runs.build is not None and state.build_s is not None
    lowered = round(state.build_s / (1 + runs.build.percent / 100))
    return max(runs.build.start_s, lowered)


def end_of_build_week(state: Standing, history: History, day: date) -> Standing:
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
        return decided(
            state,
            day,
            Action.HOLD,
            f"Staying at {state.build_s // 60} minutes a run: last week's {ran_s // 60} minutes "
            "of running allow no more than 10 % on top.",
            easy=0,
        )
    return decided(
        state,
        day,
        Action.STEP_UP,
        f"Adding to each run: {new // 60} minutes from now on, after an easy week of "
        f"{ran_s // 60} minutes running (no more than 10 % a week, S3, S4).",
        build_s=new,
        easy=0,
    )
