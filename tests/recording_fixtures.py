"""Recordings made in the test: tones or spoken phrases at a sound card's rate, and their pitch.

An instructor's file is rarely Seesaw's own 22,050 Hz mono; these are written at 48 kHz stereo
(the commonest recorder setting) so every test that uses them also goes through the conversion.
"""

from __future__ import annotations

import itertools
import math
import wave
from array import array
from pathlib import Path

from audio.pcm import RATE, Clip

CARD_RATE = 48_000


def stereo_48k_tones(path: Path, tones: tuple[float, ...], seconds: float = 1.0) -> None:
    """A WAV at 48 kHz stereo of each tone in turn, ``seconds`` each (the right channel half as
    loud, so the channels differ and a mix-down is needed)."""
    frames_each = round(CARD_RATE * seconds)
    samples = array("h")
    for hz in tones:
        for n in range(frames_each):
            value = int(8000 * math.sin(2 * math.pi * hz * n / CARD_RATE))
            samples.extend((value, value // 2))
    write_wav(path, samples, CARD_RATE, 2)


def write_wav(path: Path, samples: array[int], rate: int, channels: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())


def dominant_hz(clip: Clip) -> float:
    """The pitch of a pure tone, from its rising zero crossings (0 for silence or nothing)."""
    samples = array("h", clip.pcm)
    rises = sum(1 for a, b in itertools.pairwise(samples) if a < 0 <= b)
    return rises * RATE / len(samples) if samples else 0.0
