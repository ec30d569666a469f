"""What each timeline event sounds like: the one rule, for live playback and for rendering alike.

A cue speaks its utterance, a bell rings for the event's length, a metronome clicks at its beat
for its length, and a pause or a suggested rest is silence. Live playback and an exported file
must never disagree about this, so both ask here; they differ only in where speech comes from
(live playback takes what is already synthesised and never waits; rendering synthesises).

Marks are the sounds of moments the learner made rather than the script: the gentle bell when a
rest's suggested time is over, and the soft chime that starts the get-ready countdown (none
after a suggested rest: its bell has just rung). They sound over the lesson's own sound.
"""

from __future__ import annotations

from collections.abc import Callable

from audio import tones
from audio.pcm import Clip
from lesson_engine.playback.events import GettingReady, RestOver
from lesson_engine.timeline import Event, EventKind, Utterance

Speech = Callable[[Utterance], Clip | None]


def sound_for(event: Event, speech: Speech) -> Clip | None:
    """The clip that sounds for ``event``, or None for silence."""
    if event.kind is EventKind.SPEECH:
        return speech(event.utterance)
    if event.kind is EventKind.BELL:
        return tones.bell(event.duration_ms)
    if event.kind is EventKind.METRONOME and event.bpm:
        return tones.metronome(event.bpm, event.duration_ms)
    return None


def mark_for(moment: RestOver | GettingReady) -> Clip | None:
    """The mark that sounds for ``moment``, or None."""
    if isinstance(moment, RestOver):
        return tones.bell()
    return None if moment.after_rest else tones.chime()


def make_marks() -> None:
    """Make the marks ahead of need (they are kept): made when due, they would sound late."""
    tones.bell()
    tones.chime()
