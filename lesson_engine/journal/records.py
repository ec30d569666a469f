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
    if offset:
        return moment.date()
    try:
        return moment.astimezone().date()
    except OverflowError:  # the calendar's first or last hours (a damaged record): its own date
        return moment.date()


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


ROUTES = ("flat", "hilly", "downhill", "camber", "track", "trail", "treadmill")
"""Route tags a run may carry: the ground and slopes the sources name as aggravators or as easy."""
CROSS_KINDS = ("cycling", "swimming", "pool running", "elliptical", "other")
RED_FLAGS = ("swelling", "locking", "night pain", "pain at rest")
"""Signs that do not fit the usual IT band pattern: any of them is a reason to see a clinician."""


@dataclass(frozen=True)
class RunLog:
    """One run: how long, how far, where, and how the knee answered during, after and the next
    morning. Distances are kept in kilometres whatever the learner's unit."""

    day: date
    minutes: float
    distance_km: float | None = None
    routes: tuple[str, ...] = ()
    pain_during: int | None = None
    pain_started_min: float | None = None
    """When pain began during the run, in minutes from the start; None when it did not."""
    pain_started_km: float | None = None
    pain_after: int | None = None
    pain_next_morning: int | None = None
    walk_breaks: bool = False
    note: str = ""
    id: str = ""

    @property
    def pain_started(self) -> bool:
        return self.pain_started_min is not None or self.pain_started_km is not None


@dataclass(frozen=True)
class CrossLog:
    day: date
    kind: str
    minutes: int
    note: str = ""
    id: str = ""


@dataclass(frozen=True)
class RedFlagCheck:
    """The weekly question about the signs in ``RED_FLAGS``; ``flags`` holds the ones answered yes."""

    day: date
    flags: tuple[str, ...] = ()
    id: str = ""


@dataclass(frozen=True)
class ProgrammeChoice:
    """The learner took up a programme on ``day``, starting at phase ``phase`` (0 for its first).

    Choices are kept, never replaced: the latest is the programme followed, and the earlier ones
    are the history a switch leaves behind."""

    day: date
    programme_id: str
    phase: int = 0
    usual_weekly_minutes: int | None = None
    """How much the learner ran in a usual week before the injury, if they said."""
    id: str = ""


@dataclass(frozen=True)
class PlanChange:
    """A planned session skipped or moved to another day of its week, as the learner chose."""

    day: date
    activity: str
    action: str
    """"skip" or "move"."""
    to_day: date | None = None
    id: str = ""
