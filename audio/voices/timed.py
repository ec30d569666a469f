"""A whole lesson timed by its real clips, every spoken cue made (or found cached) first.

For rendering and measuring, where the whole lesson is needed at once; the app instead starts
at once and re-times as the synthesis worker fills the cache. Apart from ``chain.py``, which the
app loads at start, because it unrolls the lesson (the timeline's compiler).
"""

from __future__ import annotations

from collections.abc import Callable

from audio.voices.chain import VoiceChain
from lesson_engine.model.lesson import Lesson
from lesson_engine.timeline import EventKind, Timeline, compile_timeline


def timed_by_voice(
    lesson: Lesson, chain: VoiceChain, progress: Callable[[int, int], None] | None = None
) -> Timeline:
    """The lesson timed by ``chain``'s clips; ``progress`` hears (done, of) as each is made."""
    speech = [
        e.utterance
        for e in compile_timeline(lesson, chain.duration_of).events
        if e.kind is EventKind.SPEECH
    ]
    unique = list(dict.fromkeys(speech))
    for done, utterance in enumerate(unique, start=1):
        chain.clip_for(utterance)
        if progress:
            progress(done, len(unique))
    return compile_timeline(lesson, chain.duration_of)
