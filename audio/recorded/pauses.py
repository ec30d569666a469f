"""Where the speaker paused: the quiet stretches of a recorded lesson, and the spans between them.

A recorded lesson is split into cues at the instructor's own pauses, and a boundary may only fall
in silence, never inside a word: each boundary is the middle of a quiet stretch at least
``MIN_PAUSE_MS`` long (shorter gaps are the breaths and stops inside a sentence). The spans run
boundary to boundary, so played one after another they are the recording itself, pauses and all.

"Quiet" is judged against the recording's own loudness, not a fixed level, since one instructor
records close to a good microphone and another across a room with a fan running. Over 10 ms
frames: the speech level is the 99th percentile of the frames' RMS (the loud syllables, ignoring
the odd click), the noise floor the 10th; a frame is quiet when it is more than 35 dB under the
speech level, or, in a noisy room, under twice (6 dB over) the noise floor. A recording whose
floor comes within 12 dB of its speech has no pauses that can be told apart, and is said so.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from audio.pcm import SAMPLE_BYTES, Clip, frames_to_ms, ms_to_frames

with warnings.catch_warnings():
    # The standard library's until Python 3.13, then the audioop-lts package Seesaw depends on.
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

FRAME_MS = 10
MIN_PAUSE_MS = 700
"""Shorter quiet stretches are breaths and stops inside an instruction, not the end of one."""
SPEECH_PERCENTILE = 99
FLOOR_PERCENTILE = 10
QUIET_UNDER_SPEECH = 10 ** (-35 / 20)
QUIET_OVER_FLOOR = 2.0
TOO_NOISY = 10 ** (-12 / 20)


class NoPauses(ValueError):
    """The recording has no speech, or is too noisy to tell its pauses from its speech."""


@dataclass(frozen=True)
class Loudness:
    """The recording's loudness over 10 ms frames, and the level under which a frame is quiet."""

    frame_rms: tuple[int, ...]
    quiet_under: float

    def quiet(self, frame: int) -> bool:
        return self.frame_rms[frame] < self.quiet_under

    @property
    def frames(self) -> int:
        return len(self.frame_rms)


@dataclass(frozen=True)
class Quiet:
    """A quiet stretch, in ms from the start of the recording."""

    start_ms: int
    end_ms: int

    @property
    def middle_ms(self) -> int:
        return (self.start_ms + self.end_ms) // 2


def loudness(clip: Clip) -> Loudness:
    """The frames' loudness and the quiet level, as the module's docstring says; raises NoPauses."""
    rms = frame_rms(clip)
    if not rms:
        raise NoPauses("the recording is empty")
    ordered = sorted(rms)
    speech = speech_level(ordered)
    floor = ordered[len(ordered) * FLOOR_PERCENTILE // 100]
    if speech == 0:
        raise NoPauses("the recording is silent from start to end")
    if floor >= speech * TOO_NOISY:
        raise NoPauses(
            "its quiet parts are nearly as loud as its speech, so no pauses can be told apart"
        )
    return Loudness(rms, max(speech * QUIET_UNDER_SPEECH, floor * QUIET_OVER_FLOOR))


def frame_rms(clip: Clip) -> tuple[int, ...]:
    """The RMS of each 10 ms frame of the clip."""
    step = ms_to_frames(FRAME_MS) * SAMPLE_BYTES
    pcm = clip.pcm
    return tuple(audioop.rms(pcm[at : at + step], SAMPLE_BYTES) for at in range(0, len(pcm), step))


def speech_level(ordered_rms: list[int]) -> int:
    """The level of the loud syllables: the 99th percentile of the frames' RMS, in order."""
    return ordered_rms[min(len(ordered_rms) - 1, len(ordered_rms) * SPEECH_PERCENTILE // 100)]


def quiet_stretches(level: Loudness, min_pause_ms: int = MIN_PAUSE_MS) -> list[Quiet]:
    """The quiet stretches at least ``min_pause_ms`` long between speech, in order (the silence
    before the first word and after the last is not a pause between instructions)."""
    found: list[Quiet] = []
    frame_frames = ms_to_frames(FRAME_MS)
    run_start: int | None = None
    heard_speech = False
    for frame in range(level.frames):
        if level.quiet(frame):
            if run_start is None:
                run_start = frame
            continue
        if run_start is not None and heard_speech:
            start, end = (frames_to_ms(f * frame_frames) for f in (run_start, frame))
            if end - start >= min_pause_ms:
                found.append(Quiet(start, end))
        run_start, heard_speech = None, True
    return found
