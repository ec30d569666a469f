"""The saved place: where a learner is in a lesson, and the session around it, as the journal keeps it.

Written on every player transition and every few seconds, so a closed laptop or a crash costs at
most a few seconds. It is the player's checkpoint plus the session draft (``record``). Reading it
never raises: a place whose checkpoint cannot be read is no place, and the app starts as if there
were none; a session draft that cannot be read in part keeps the parts that can.
A lesson that finished but was never checked out (the app closed on the last form) is turned into
a journal entry on the next start by ``entry_for_finished``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from lesson_engine.journal.records import SessionEntry
from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.playback.state import PlayerState
from lesson_engine.session.record import SessionDraft, session_entry


@dataclass(frozen=True)
class SavedPlace:
    checkpoint: Checkpoint
    draft: SessionDraft

    @property
    def lesson_id(self) -> str:
        return self.checkpoint.lesson_id

    @property
    def finished(self) -> bool:
        return self.checkpoint.finished

    def to_dict(self) -> dict[str, Any]:
        return {**self.checkpoint.to_dict(), "session": self.draft.to_dict()}

    @classmethod
    def from_dict(cls, data: object, now: datetime) -> SavedPlace | None:
        if not isinstance(data, dict):
            return None
        try:
            checkpoint = Checkpoint.from_dict(data)
        except ValueError:
            return None
        return cls(checkpoint, SessionDraft.from_dict(data.get("session"), now))


def place_to_continue(checkpoint: Checkpoint) -> dict[str, Any]:
    """What stays saved after a deliberate Stop, once that session is in the journal.

    The place alone, paused, so the library keeps offering to continue from it. It carries no
    session draft and no rests: those were recorded with the session just saved, so continuing
    starts a new session and nothing is counted twice.
    """
    paused = replace(
        checkpoint, state=PlayerState.PAUSED.value, rests_taken=0, rested_ms=0, heard_ms=0
    )
    return paused.to_dict()


def place_to_save(
    checkpoint: Checkpoint,
    draft: SessionDraft,
    *,
    now: datetime,
    completed: bool,
    skipped_sections: tuple[str, ...] = (),
) -> SavedPlace:
    """What goes to the journal for ``checkpoint``: once the lesson is over, the draft says when
    it ended, whether it was completed and which sections were skipped, so a crash on the
    check-out form loses none of it."""
    if checkpoint.finished:
        draft = draft.ended(now, completed, skipped_sections)
    return SavedPlace(checkpoint, draft)


def entry_for_finished(
    place: SavedPlace, *, title: str | None, total_ms: int | None, now: datetime
) -> SessionEntry | None:
    """The journal entry for a lesson that ended without check-out; None if it has not ended.

    ``title`` and ``total_ms`` come from the library when the lesson is still listed; otherwise
    the draft's title and the furthest point reached stand in.
    """
    if not place.finished:
        return None
    checkpoint = place.checkpoint
    draft = place.draft if title is None else replace(place.draft, title=title)
    total = (
        total_ms if total_ms is not None else max(checkpoint.furthest_ms, checkpoint.position_ms, 1)
    )
    return session_entry(
        lesson_id=checkpoint.lesson_id,
        draft=draft,
        ended_at=draft.ended_at or now,
        reached_end=draft.completed,
        heard_ms=checkpoint.heard_ms,
        total_ms=total,
        rests_taken=checkpoint.rests_taken,
        rested_ms=checkpoint.rested_ms,
        after=draft.after,
        skipped_sections=draft.skipped_sections,
    )
