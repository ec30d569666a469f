"""A take made ready for a lesson: silence trimmed from both ends, as loud as the voice, saved.

A take starts when the author presses Record and ends when they press Stop, so it begins and
ends with a few seconds of the room; a cue that starts after two seconds of nothing sounds
broken. Quiet is judged as the recording import judges it (``audio.recorded.pauses``), against
the take's own loudness. The level is then matched to the voice that reads the other cues, so a
learner does not reach for the volume between a recorded cue and a synthesised one.
"""

from __future__ import annotations

import warnings
import wave
from io import BytesIO
from pathlib import Path

from audio.pcm import RATE, SAMPLE_BYTES, Clip, ms_to_frames
from audio.recorded.pauses import (
    FRAME_MS,
    QUIET_UNDER_SPEECH,
    NoPauses,
    frame_rms,
    loudness,
    speech_level,
)
from lesson_engine.model.ids import slug
from lesson_engine.storage import write_atomically

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # see audio.recorded.pauses
    import audioop

LEAD_MS = 100
TAIL_MS = 250
"""Kept before the first word and after the last: speech fades, and a cut right at it clicks."""
DEFAULT_SPEECH_RMS = 4_000
"""The neural voice's speech level (3,700 to 5,500 measured on three phrases, about 18 dB under
full scale), for when the voice has no clip of the cue at hand."""
MAX_PEAK = 29_000
"""About 1 dB under full scale: louder is never made of a take, whatever the voice."""
MAX_GAIN = 10.0


class UnusableTake(ValueError):
    pass


def speech_rms(clip: Clip) -> float:
    """The RMS of a clip's speech: its frames within 35 dB of its loud syllables, so neither
    the silences between words nor a take's long ends make it seem quieter than it sounds."""
    rms = frame_rms(clip)
    level = speech_level(sorted(rms)) if rms else 0
    loud = [r for r in rms if r >= level * QUIET_UNDER_SPEECH]
    return (sum(r * r for r in loud) / len(loud)) ** 0.5 if level and loud else 0.0


def trimmed(take: Clip) -> Clip:
    """The take from just before the first sound to just after the last; raises UnusableTake."""
    try:
        level = loudness(take)
    except NoPauses as exc:
        raise UnusableTake(f"nothing was heard: {exc}") from None
    loud = [f for f in range(level.frames) if not level.quiet(f)]
    if not loud:
        raise UnusableTake("nothing was heard: the take is quiet throughout")
    start_ms = max(0, loud[0] * FRAME_MS - LEAD_MS)
    end_ms = min(take.duration_ms, (loud[-1] + 1) * FRAME_MS + TAIL_MS)
    return Clip(
        take.pcm[ms_to_frames(start_ms) * SAMPLE_BYTES : ms_to_frames(end_ms) * SAMPLE_BYTES]
    )


def matched(take: Clip, voice: Clip | None) -> Clip:
    """The take as loud as ``voice`` speaks (or the usual voice level), never clipping."""
    target = speech_rms(voice) if voice is not None else DEFAULT_SPEECH_RMS
    own = speech_rms(take)
    peak = audioop.max(take.pcm, SAMPLE_BYTES)
    if not own or not peak:
        raise UnusableTake("nothing was heard: the take is silent")
    gain = min(target / own, MAX_PEAK / peak, MAX_GAIN)
    return Clip(audioop.mul(take.pcm, SAMPLE_BYTES, gain))


def ready(take: Clip, voice: Clip | None) -> Clip:
    """What Use this take keeps: trimmed, then matched to the voice."""
    return matched(trimmed(take), voice)


def save_take(clip: Clip, folder: Path, cue_text: str) -> Path:
    """The take as a WAV in ``folder``, named for the cue's first words, never over another;
    raises OSError when the disk refuses."""
    base = slug(" ".join(cue_text.split()[:5]), "cue")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{base}.wav"
    number = 2
    while path.exists():
        path, number = folder / f"{base}-{number}.wav", number + 1
    data = BytesIO()
    with wave.open(data, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_BYTES)
        out.setframerate(RATE)
        out.writeframes(clip.pcm)
    write_atomically(path, data.getvalue(), shared=True)
    return path
