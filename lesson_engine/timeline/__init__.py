"""A lesson unrolled into a flat list of timed events: what the player plays and the renderer mixes.

Repeats are unrolled and sides expanded here, once, so the player never interprets the script: it
only moves a position along ``events``. Spoken cues take their length from a voice
(``duration_of``); without one, ``estimate_speech_ms`` lets a lesson run on captions alone.

Cue ids must survive edits elsewhere in the file (a checkpoint names a cue, and a resumed lesson
must land on the same instruction), so they are built from the section title, the cue's own text
(or, for a span of a recording, the recording and where the span starts), its round and side,
never from line numbers.

``model.py`` holds what a timeline is (events, cues, sections, and the estimate of how long
speech lasts); ``compiler.py`` unrolls a lesson into one.
"""

from lesson_engine.timeline.compiler import compile_timeline, count_word
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
