"""A programme as values: the phases a runner goes through, what each week holds, and the rules.

A programme is written by an instructor as plain text (``docs/programme-format.md``) and read by
``programme/parser.py``; nothing here knows about files. Every figure a rule uses (the pain a run
may bring and still count as easy, the pain that steps back, how many easy runs step up, when to
suggest a clinician) is part of the programme, so an instructor who follows another school of
pain monitoring can write it down instead of asking for a new release.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Activity(StrEnum):
    """What a planned session is; each kind is done (and counted) in its own way."""

    LESSON = "lesson"
    STRENGTH = "strength"
    RUN = "run"
    CROSS = "cross"

    @property
    def label(self) -> str:
        return {
            "lesson": "Movement lesson",
            "strength": "Strength",
            "run": "Run",
            "cross": "Cross-training",
        }[self.value]


class School(StrEnum):
    MOVEMENT = "movement"
    STRENGTH = "strength"
    COMBINED = "combined"


class Need(StrEnum):
    """The kinds of criterion a phase may name to be entered or left."""

    WEEKS = "weeks"
    """At least ``count`` weeks in the phase."""
    STRENGTH = "strength"
    """``count`` strength sessions done in the phase."""
    LESSONS = "lessons"
    """``count`` movement lessons done in the phase."""
    SORENESS = "soreness"
    """The last ``count`` days that have a soreness rating all rated at most ``level``."""
    RUNS_DONE = "runs done"
    """Every run stage of the phase stepped up from (or the build's target reached)."""
    PREVIOUS_VOLUME = "previous volume"
    """A week of running at least as long as the runner's usual week before the injury."""


@dataclass(frozen=True)
class Criterion:
    need: Need
    count: int = 0
    level: int = 0
    written: str = ""
    """As the instructor wrote it, for the reasons Today gives."""
    line: int = 0


@dataclass(frozen=True)
class RunStage:
    """One rung of a run-walk ladder: ``rounds`` times (run, then walk); a continuous run has one
    round and no walk."""

    run_s: int
    walk_s: int = 0
    rounds: int = 1
    sources: tuple[str, ...] = ()
    line: int = 0

    @property
    def running_s(self) -> int:
        return self.run_s * self.rounds

    @property
    def total_s(self) -> int:
        return (self.run_s + self.walk_s) * self.rounds


@dataclass(frozen=True)
class Build:
    """Continuous runs that grow by ``percent`` a week, from ``start_s`` to ``until_s`` a run."""

    start_s: int
    percent: int
    until_s: int


@dataclass(frozen=True)
class Weekly:
    """One kind of session and how many of it a week, with what it consists of."""

    activity: Activity
    per_week: int
    items: tuple[str, ...] = ()
    """Lesson ids, in the order to take them (lessons and strength sets)."""
    minutes: int = 0
    """How long a cross-training session lasts."""
    text: str = ""
    """The instructor's words for it (the kinds of cross-training, say)."""
    stages: tuple[RunStage, ...] = ()
    build: Build | None = None
    sources: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Advice:
    """A sentence the phase shows on Today, with its source."""

    text: str
    sources: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Phase:
    title: str
    weekly: tuple[Weekly, ...]
    weeks_min: int = 1
    weeks_max: int | None = None
    enter: tuple[Criterion, ...] = ()
    leave: tuple[Criterion, ...] = ()
    advice: tuple[Advice, ...] = ()
    allows: frozenset[str] = frozenset()
    """"hills" and "speed": allowed only where a phase says so."""
    line: int = 0

    def of(self, activity: Activity) -> Weekly | None:
        return next((w for w in self.weekly if w.activity is activity), None)


@dataclass(frozen=True)
class Thresholds:
    """The pain-monitoring figures the rules use, 0–10 ratings.

    The defaults follow the pain-monitoring practice widely used in running rehabilitation: pain
    up to 2 of 10 during or after a run is acceptable; above 5 is a reason to step back.
    """

    acceptable_pain: int = 2
    step_back_pain: int = 5
    easy_runs: int = 2
    """Easy runs at a stage before stepping up."""
    clinician_weeks: int = 4
    """Weeks without improvement after which Today suggests seeing a clinician."""


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    phases: tuple[Phase, ...]
    summary: str = ""
    school: School = School.COMBINED
    sources: tuple[str, ...] = ()
    author: str = ""
    thresholds: Thresholds = field(default_factory=Thresholds)
    path: Path | None = None
    digest: str = ""
