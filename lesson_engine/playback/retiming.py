"""When a re-timed lesson may replace the one playing: the voice finishes cues as the lesson runs.

The voice learns each cue's real length only once it is synthesised, so the timeline is compiled
again while the lesson plays. The player takes the new one only when nothing already heard moves;
otherwise the learner would hear a jump.
"""

from __future__ import annotations

from lesson_engine.timeline import Timeline


def only_the_future_moved(old: Timeline, new: Timeline, current_event: int) -> bool:
    """Same lesson, same events and cues, and every event up to ``current_event`` unchanged."""
    if (new.lesson_id, new.digest, len(new.events)) != (
        old.lesson_id,
        old.digest,
        len(old.events),
    ):
        return False
    if [c.id for c in new.cues] != [c.id for c in old.cues]:
        return False
    return all(
        (before.start_ms, before.duration_ms) == (after.start_ms, after.duration_ms)
        for before, after in zip(
            old.events[: current_event + 1], new.events[: current_event + 1], strict=True
        )
    )
