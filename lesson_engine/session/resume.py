"""The offer to resume: which saved place, if any, the library offers to continue.

Made at the first paint from the saved place alone (read without opening the journal) and again
whenever the library is shown; both ask here, so the offer never changes between the two. Only the
checkpoint part of the saved place matters here, so only it is read: the first paint imports as
little as it can.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lesson_engine.library.listing import Library
from lesson_engine.playback.checkpoint import Checkpoint


@dataclass(frozen=True)
class ResumeOffer:
    lesson_id: str
    title: str
    section_title: str
    position_ms: int
    total_ms: int


def offer_to_resume(saved: dict[str, Any] | None, library: Library) -> ResumeOffer | None:
    """Nothing when the place is finished, unreadable, or its lesson is no longer listed."""
    try:
        checkpoint = Checkpoint.from_dict(saved)
    except ValueError:
        return None
    entry = library.by_id(checkpoint.lesson_id)
    if entry is None or checkpoint.finished:
        return None
    total = entry.length_ms
    return ResumeOffer(
        entry.id, entry.title, checkpoint.section_title, min(checkpoint.position_ms, total), total
    )
