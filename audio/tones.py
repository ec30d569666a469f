"""The bell and the metronome click, generated rather than shipped as samples.

A soft bell: two sine partials with a slow exponential decay and a short fade-in, quiet enough not
to startle someone lying on the floor. A click: a 25 ms burst of a high partial with a fast decay.
A chime: higher and shorter than the bell and quieter still, so "get ready" is not mistaken for
"the rest is over".
"""

from __future__ import annotations

import math
from array import array
from functools import lru_cache

from audio.pcm import RATE, Clip, ms_to_frames

BELL_HZ = (523.25, 1046.5)
CHIME_HZ = (880.0, 1318.5)
CLICK_HZ = 2_000.0


def _tone(ms: int, partials: tuple[float, ...], decay_s: float, peak: float) -> array[int]:
    frames = ms_to_frames(ms)
    samples = array("h", bytes(frames * 2))
    fade = max(int(RATE * 0.004), 1)
    for n in range(frames):
        t = n / RATE
        value = sum(math.sin(2 * math.pi * hz * t) / (i + 1) for i, hz in enumerate(partials))
        envelope = math.exp(-t / decay_s) * min(n / fade, 1.0)
        samples[n] = int(max(-1.0, min(1.0, value * envelope * peak)) * 32767)
    return samples


@lru_cache(maxsize=8)
def bell(ms: int = 2_500) -> Clip:
    return Clip(_tone(ms, BELL_HZ, 0.7, 0.35).tobytes())


@lru_cache(maxsize=2)
def chime(ms: int = 1_200) -> Clip:
    return Clip(_tone(ms, CHIME_HZ, 0.35, 0.25).tobytes())


@lru_cache(maxsize=1)
def _click() -> array[int]:
    return _tone(25, (CLICK_HZ,), 0.006, 0.6)


@lru_cache(maxsize=8)
def metronome(bpm: int, ms: int) -> Clip:
    """Clicks on every beat from the first frame, over silence, exactly ``ms`` long."""
    total = ms_to_frames(ms)
    track = array("h", bytes(total * 2))
    click = _click()
    beat = 60 * RATE / bpm
    n = 0
    while (start := round(n * beat)) < total:
        end = min(start + len(click), total)
        track[start:end] = click[: end - start]
        n += 1
    return Clip(track.tobytes())


def beat_frames(bpm: int, ms: int) -> list[int]:
    """Where the clicks start, in frames: what a test or the renderer can check against."""
    beat = 60 * RATE / bpm
    total = ms_to_frames(ms)
    return [round(n * beat) for n in range(math.ceil(total / beat)) if round(n * beat) < total]
