"""What the journal holds, as values. Times are timezone-aware; dates are the learner's local days.

``learner_day`` is the one rule for turning a moment into a day: a session at 7 in the morning in
Auckland is on that Auckland day in the journal, its chart, its exports and its checks, although
in UTC it is still the evening before. A session keeps the offset of the clock it was started by
("07:00+13:00"), so it stays on the day it happened after the learner flies home; moments kept in
UTC (older records, or a computer set to UTC) fall on the day of this computer's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

PLACES = ("outside-knee", "hip", "other")
SIDES = ("left", "right", "both")


def learner_day(moment: datetime) -> date:
    """The day on the learner's calendar when ``moment`` happened: where they were, if the moment
    says (a non-zero offset), else in this computer's time zone."""
    offset = moment.utcoffset()
    return moment.date() if offset else moment.astimezone().date()


@dataclass(frozen=True)
class Soreness:
    """A 0–10 rating and where it hurts; ``level`` None means the learner skipped the question."""

    level: int | None = None
    places: tuple[str, ...] = ()
    side: str | None = None


@dataclass(frozen=True)
class SessionEntry:
    lesson_id: str
    lesson_title: str
    started_at: datetime
    ended_at: datetime
    completed: bool
    completed_fraction: float
    rests_taken: int = 0
    rested_ms: int = 0
    before: Soreness = field(default_factory=Soreness)
    after: Soreness = field(default_factory=Soreness)
    note: str = ""
    id: str = ""
    skipped_sections: tuple[str, ...] = ()
    """Sections of which less than half was heard (skipped with Page Down, or stopped early)."""

    @property
    def day(self) -> date:
        return learner_day(self.started_at)


@dataclass(frozen=True)
class ExerciseLog:
    exercise_id: str
    day: date
    sets: int
    reps: int | None = None
    hold_s: int | None = None
    load: str = ""
    soreness: int | None = None
    note: str = ""
    id: str = ""
    side: str | None = None
    """Which leg the dose was for ("left", "right", "both"), or None when not said."""


@dataclass(frozen=True)
class Removed:
    """A record taken out of the journal, kept whole so that Undo can put it back as it was."""

    table: str
    year: int
    doc_id: int
    doc: dict[str, Any]


@dataclass(frozen=True)
class Replaced:
    """A record as it was before a correction (a note, ratings, a set), so Undo can restore it."""

    table: str
    year: int
    doc_id: int
    doc: dict[str, Any]


@dataclass(frozen=True)
class Note:
    day: date
    text: str
    id: str = ""
