"""Timed parts: how long is left of the part playing now, for a learner who looks up from the floor.

A metronome interval, or a pause long enough to move in (10 s and more), is a part the learner
does rather than listens to; with eyes on the ceiling, "0:42 left" says how long to keep going.
Short pauses (the breath after a cue, a repeat's beat) are not counted: a number that flickers
and vanishes would only distract.
"""

from __future__ import annotations

from lesson_engine.script.durations import format_clock
from lesson_engine.timeline import Event, EventKind

TIMED_FROM_MS = 10_000
"""The shortest pause counted down; a metronome interval is counted whatever its length."""


def is_timed_part(event: Event) -> bool:
    if event.kind is EventKind.METRONOME:
        return True
    return event.kind is EventKind.PAUSE and event.duration_ms >= TIMED_FROM_MS


def part_left_ms(event: Event, position_ms: int) -> int | None:
    """How long is left of ``event`` at ``position_ms``, or None when it is not a timed part."""
    if not is_timed_part(event):
        return None
    return max(event.end_ms - position_ms, 0)


def part_left_text(left_ms: int) -> str:
    """ "0:42 left": whole seconds, rounded up, so "0:00" never shows while time is left."""
    return f"{format_clock(left_ms + 999)} left"
