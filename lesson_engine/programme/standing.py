"""What the programme's replay works out: where a runner stands, and each decision on the way.

``progress`` replays the journal into a ``Standing``; ``run_rules`` judges each run against it.
Both add their decisions with ``decided``, so every step up, hold or step back carries its day and
its reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from lesson_engine.journal.records import ProgrammeChoice
from lesson_engine.programme.model import Activity, Phase, Programme


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
    """The day of the phase's latest run judged so far (for ``progress._after_layoff``)."""
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


def decided(state: Standing, day: date, action: Action, reason: str, **changes: object) -> Standing:
    """``state`` with ``changes`` made and the decision that made them, with its reason, added."""
    return replace(state, decisions=(*state.decisions, Decision(day, action, reason)), **changes)  # type: ignore[arg-type]
