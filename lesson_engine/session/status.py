"""A lesson's status in the library: "done" once a session completed it, "in progress" while a
place in it is saved and not finished."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lesson_engine.journal.records import SessionEntry
from lesson_engine.playback.checkpoint import Checkpoint

DONE = "done"
IN_PROGRESS = "in progress"


def lesson_status(sessions: Iterable[SessionEntry], saved: dict[str, Any] | None) -> dict[str, str]:
    """Lesson id → ``DONE`` or ``IN_PROGRESS``; lessons not mentioned have no status yet."""
    status = {s.lesson_id: DONE for s in sessions if s.completed}
    try:
        checkpoint = Checkpoint.from_dict(saved)
    except ValueError:
        return status
    if not checkpoint.finished:
        status[checkpoint.lesson_id] = IN_PROGRESS
    return status
