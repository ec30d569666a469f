"""What the rules read: every record a programme's decisions rest on, gathered once.

The rules never open the journal themselves; the app and the command line build a ``History``
from it (``from_journal``) and tests build one by hand, so a decision table of ten weeks runs in
milliseconds with no disk and no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, CROSS, PLAN_CHANGES, RED_FLAG_CHECKS, RUNS
from lesson_engine.journal.records import (
    CrossLog,
    ExerciseLog,
    PlanChange,
    ProgrammeChoice,
    RedFlagCheck,
    RunLog,
    SessionEntry,
)

HALF = 0.5
"""A lesson or guided set counts as done on a day when at least half of it was heard."""


@dataclass(frozen=True)
class History:
    choices: tuple[ProgrammeChoice, ...] = ()
    runs: tuple[RunLog, ...] = ()
    cross: tuple[CrossLog, ...] = ()
    sessions: tuple[SessionEntry, ...] = ()
    sets: tuple[ExerciseLog, ...] = ()
    flags: tuple[RedFlagCheck, ...] = ()
    changes: tuple[PlanChange, ...] = ()
    guided_sets: Mapping[str, str] = field(default_factory=dict)
    """Exercise id → the lesson that guides a set of it (from the catalogue), so a set logged by
    hand counts for the strength session that names its guided set."""

    # The replay asks these for every day of the programme: each is worked out once, on first
    # use (a frozen value's fields never change), so a year of records replays in milliseconds.

    @cached_property
    def _runs_by_day(self) -> dict[date, list[RunLog]]:
        found: dict[date, list[RunLog]] = {}
        for run in self.runs:
            found.setdefault(run.day, []).append(run)
        return found

    @cached_property
    def _days_by_lesson(self) -> dict[str, set[date]]:
        """Each lesson's days done (heard at least half), sets logged by hand counted for their
        guided set."""
        found: dict[str, set[date]] = {}
        for s in self.sessions:
            if s.completed_fraction >= HALF:
                found.setdefault(s.lesson_id, set()).add(s.day)
        for log in self.sets:
            lesson = self.guided_sets.get(log.exercise_id)
            if lesson is not None:
                found.setdefault(lesson, set()).add(log.day)
        return found

    @cached_property
    def strength_days(self) -> set[date]:
        """Days with a guided set heard at least half through, or a set logged by hand."""
        guided = set(self.guided_sets.values())
        days = {
            s.day for s in self.sessions if s.completed_fraction >= HALF and s.lesson_id in guided
        }
        days.update(log.day for log in self.sets)
        return days

    @cached_property
    def other_lesson_days(self) -> set[date]:
        """Days with any lesson but a guided set heard at least half through."""
        guided = set(self.guided_sets.values())
        return {
            s.day
            for s in self.sessions
            if s.completed_fraction >= HALF and s.lesson_id not in guided
        }

    def runs_on(self, day: date) -> list[RunLog]:
        return list(self._runs_by_day.get(day, ()))

    def lesson_days(self, lesson_ids: Iterable[str]) -> set[date]:
        """Days on which one of these lessons (or sets of their exercises) was done."""
        days: set[date] = set()
        for lesson_id in lesson_ids:
            days |= self._days_by_lesson.get(lesson_id, set())
        return days

    def cross_days(self) -> set[date]:
        return {c.day for c in self.cross}

    def run_days(self) -> set[date]:
        return {r.day for r in self.runs}

    @cached_property
    def ratings(self) -> dict[date, int]:
        """Each day's highest soreness rating: check-ins, check-outs and logged sets."""
        days: dict[date, int] = {}
        for s in self.sessions:
            for level in (s.before.level, s.after.level):
                if level is not None:
                    days[s.day] = max(days.get(s.day, 0), level)
        for log in self.sets:
            if log.soreness is not None:
                days[log.day] = max(days.get(log.day, 0), log.soreness)
        return days


def from_journal(journal: Journal, guided_sets: Mapping[str, str]) -> History:
    return History(
        choices=tuple(journal.records(CHOICES)),
        runs=tuple(journal.records(RUNS)),
        cross=tuple(journal.records(CROSS)),
        sessions=tuple(journal.sessions()),
        sets=tuple(journal.exercise_logs()),
        flags=tuple(journal.records(RED_FLAG_CHECKS)),
        changes=tuple(journal.records(PLAN_CHANGES)),
        guided_sets=dict(guided_sets),
    )
