"""A lesson unrolled into a flat list of timed events: what the player plays and the renderer mixes.

Repeats are unrolled and sides expanded here, once, so the player never interprets the script: it
only moves a position along ``events``. Spoken cues take their length from a voice
(``duration_of``); without one, ``estimate_speech_ms`` lets a lesson run on captions alone.

Cue ids must survive edits elsewhere in the file (a checkpoint names a cue, and a resumed lesson
must land on the same instruction), so they are built from the section title, the cue's own text
(or, for a span of a recording, the recording and where the span starts), its round and side,
never from line numbers.

``model.py`` holds what a timeline is (events, cues, sections, and the estimate of how long
speech lasts); ``compiler.py`` unrolls a lesson into one. The compiler is imported when it is
first asked for (``__getattr__`` below), not with the package: the voices and Today's programmes
need what a timeline is from the app's start, but a lesson is unrolled only when one is played
or timed, and the compiler brings the whole lesson model with it (some 15 ms of a start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lesson_engine.timeline.model import (
    BELL_MS,
    BREATH_MS,
    MIN_SPEECH_MS,
    REST_CAPTION,
    WORDS_PER_MINUTE,
    Cue,
    DurationOf,
    Event,
    EventKind,
    SectionSpan,
    Timeline,
    Utterance,
    estimate_speech_ms,
)

if TYPE_CHECKING:
    from lesson_engine.timeline.compiler import compile_timeline, count_word

_COMPILER = ("compile_timeline", "count_word")

__all__ = [
    "BELL_MS",
    "BREATH_MS",
    "MIN_SPEECH_MS",
    "REST_CAPTION",
    "WORDS_PER_MINUTE",
    "Cue",
    "DurationOf",
    "Event",
    "EventKind",
    "SectionSpan",
    "Timeline",
    "Utterance",
    "compile_timeline",
    "count_word",
    "estimate_speech_ms",
]


def __getattr__(name: str) -> object:
    """``compile_timeline`` and ``count_word``, from the compiler imported on first use."""
    if name in _COMPILER:
        from lesson_engine.timeline import compiler

        found: object = getattr(compiler, name)
        globals()[name] = found  # asked once: later lookups find it as any other name
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
