"""What a session records: the check-ins, and the journal entry built when a lesson ends.

The rules a learner would ask about live here and nowhere else: a rating is 0–10 or skipped,
places and sides come from the journal's own lists, a note is capped as the journal caps it, and
"completed part" is where the lesson was stopped (a skip ahead is not work done) or all of it once
the lesson finished. The desktop app and the saved place (``saved_place``) both build the journal
entry through ``session_entry``, so a session saved at once and one settled after a crash agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from lesson_engine.journal.records import PLACES, SIDES, SessionEntry, Soreness
from lesson_engine.journal.validation import MAX_NOTE_CHARS, JournalInputError, check_level


@dataclass(frozen=True)
class CheckIn:
    """What the learner said before or after a lesson; every part is optional (Skip is always there)."""

    soreness: int | None = None
    places: tuple[str, ...] = ()
    side: str | None = None
    note: str = ""

    def rating(self) -> Soreness:
        return Soreness(self.soreness, self.places, self.side)

    def to_dict(self) -> dict[str, Any]:
        return {
            "soreness": self.soreness,
            "places": list(self.places),
            "side": self.side,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: object) -> CheckIn:
        """A saved check-in; anything the journal would refuse is dropped, never raised."""
        if not isinstance(data, dict):
            return cls()
        level = data.get("soreness")
        places = data.get("places")
        side = data.get("side")
        note = data.get("note")
        return cls(
            level if _accepted(check_level, level) else None,
            tuple(p for p in places if p in PLACES) if isinstance(places, list) else (),
            side if side in SIDES else None,
            note[:MAX_NOTE_CHARS] if isinstance(note, str) else "",
        )


@dataclass(frozen=True)
class SessionDraft:
    """The session being followed, saved inside every checkpoint so that a crash loses none of it."""

    title: str
    started_at: datetime
    before: CheckIn = field(default_factory=CheckIn)
    ended_at: datetime | None = None
    """Set once the lesson has finished (the learner may still be on the check-out form)."""
    completed: bool = False
    after: CheckIn | None = None
    """The check-out as typed so far (saved within a second of each change), or None."""
    skipped_sections: tuple[str, ...] = ()
    """Set with ``ended_at``: the sections less than half heard, kept for a crash on check-out."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "started_at": self.started_at.isoformat(),
            "before": self.before.to_dict(),
        }
        if self.ended_at is not None:
            data["ended_at"] = self.ended_at.isoformat()
            data["completed"] = self.completed
            data["skipped_sections"] = list(self.skipped_sections)
        if self.after is not None:
            data["after"] = self.after.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: object, now: datetime) -> SessionDraft:
        """Each part read on its own; what cannot be read is left out (an unreadable start: ``now``)."""
        if not isinstance(data, dict):
            data = {}
        title = data.get("title")
        skipped = data.get("skipped_sections")
        return cls(
            title=title if isinstance(title, str) else "",
            started_at=_time(data.get("started_at")) or now,
            before=CheckIn.from_dict(data.get("before")),
            ended_at=_time(data.get("ended_at")),
            completed=data.get("completed") is True,
            after=CheckIn.from_dict(data["after"]) if "after" in data else None,
            skipped_sections=tuple(t for t in skipped if isinstance(t, str))
            if isinstance(skipped, list)
            else (),
        )

    def ended(
        self, at: datetime, completed: bool, skipped_sections: tuple[str, ...] = ()
    ) -> SessionDraft:
        """The draft once the lesson is over (the learner may still be on the check-out form)."""
        return replace(self, ended_at=at, completed=completed, skipped_sections=skipped_sections)


FINISHED_SHARE = 0.5
"""A lesson is finished when its end was reached with at least half of it heard: a learner may
skip a section they know well, but skipping to the end is not doing the lesson."""
NOT_A_SESSION_MS = 60_000
"""A start left within its first minute of sound, with nothing rated or typed, is not recorded."""


def completed_fraction(heard_ms: int, total_ms: int) -> float:
    """The journal's share of the lesson: what was heard, each part once, not where it stood."""
    return min(max(heard_ms, 0) / max(total_ms, 1), 1.0)


def is_finished(reached_end: bool, heard_ms: int, total_ms: int) -> bool:
    return reached_end and completed_fraction(heard_ms, total_ms) >= FINISHED_SHARE


def is_a_session(reached_end: bool, heard_ms: int, before: CheckIn, after: CheckIn) -> bool:
    """False for a start abandoned at once (a wrong pick, a phone call) with nothing to keep."""
    return reached_end or heard_ms >= NOT_A_SESSION_MS or before != CheckIn() or after != CheckIn()


def session_entry(
    *,
    lesson_id: str,
    draft: SessionDraft,
    ended_at: datetime,
    reached_end: bool,
    heard_ms: int,
    total_ms: int,
    rests_taken: int,
    rested_ms: int,
    after: CheckIn | None = None,
    skipped_sections: tuple[str, ...] = (),
) -> SessionEntry:
    after = after or CheckIn()
    return SessionEntry(
        lesson_id=lesson_id,
        lesson_title=draft.title,
        started_at=draft.started_at,
        ended_at=ended_at,
        completed=is_finished(reached_end, heard_ms, total_ms),
        completed_fraction=completed_fraction(heard_ms, total_ms),
        skipped_sections=skipped_sections,
        rests_taken=rests_taken,
        rested_ms=rested_ms,
        before=draft.before.rating(),
        after=after.rating(),
        note=after.note,
    )


def _accepted(check: Callable[[Any, str], None], value: object) -> bool:
    """Whether the journal's own check takes ``value``: its rules, not a copy of them."""
    try:
        check(value, "")
    except JournalInputError:
        return False
    return True


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
