"""The bell and the metronome click, generated rather than shipped as samples.

A soft bell: two sine partials with a slow exponential decay and a short fade-in, quiet enough not
to startle someone lying on the floor. A click: a 25 ms burst of a high partial with a fast decay.
A chime: higher and shorter than the bell and quieter still, so "get ready" is not mistaken for
"the rest is over".

Tones are made once and kept: a bell made at the moment it is due rang late by the time it took
to compute (about 170 ms when it was made sample by sample). A tone of any length is the start of
one longer tone, so each kind is kept as the longest prefix made so far and only extended; past
the point where its decay rounds to zero a tone is silence, and nothing more is computed.
``sounds.prepare_sounds`` makes a lesson's tones ahead of time, on a background thread.
"""

from __future__ import annotations

import math
import threading
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from audio.pcm import RATE, Clip, ms_to_frames

BELL_HZ = (523.25, 1046.5)
CHIME_HZ = (880.0, 1318.5)
CLICK_HZ = 2_000.0
FADE_IN_S = 0.004


@dataclass
class _Tone:
    """One kind of tone, kept as far as it has been made (a lock: made from two threads)."""

    partials: tuple[float, ...]
    decay_s: float
    peak: float
    made: array[int] = field(default_factory=lambda: array("h"))
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def audible_frames(self) -> int:
        """Where the decay, at the loudest the partials can add up to, rounds to zero."""
        loudest = self.peak * sum(1 / (i + 1) for i in range(len(self.partials))) * 32767
        return math.ceil(self.decay_s * RATE * math.log(max(loudest, 1.0))) + 1

    def first(self, frames: int) -> bytes:
        """The tone's first ``frames`` frames, silence past its audible end."""
        audible = min(frames, self.audible_frames)
        with self.lock:
            if len(self.made) < audible:
                self.made.extend(_samples(self, len(self.made), audible))
            pcm = self.made[:audible].tobytes()
        return pcm + bytes((frames - audible) * 2)


def _samples(tone: _Tone, start: int, end: int) -> array[int]:
    """Frames ``start`` to ``end`` of ``tone``: a list comprehension over math's C functions,
    several times faster than a loop (no numpy: it is not one of Seesaw's dependencies)."""
    scale = tone.peak * 32767
    weighted = [(2 * math.pi * hz / RATE, 1 / (i + 1)) for i, hz in enumerate(tone.partials)]
    loud = scale * sum(w for _, w in weighted)
    fade = max(int(RATE * FADE_IN_S), 1)
    k = -1 / (tone.decay_s * RATE)
    sin, exp = math.sin, math.exp
    if len(weighted) == 2:
        (w1, a1), (w2, a2) = weighted
        values = [
            (sin(w1 * n) * a1 + sin(w2 * n) * a2) * exp(k * n) * scale for n in range(start, end)
        ]
    else:
        values = [
            sum(sin(w * n) * a for w, a in weighted) * exp(k * n) * scale for n in range(start, end)
        ]
    for n in range(start, min(fade, end)):
        values[n - start] *= n / fade
    if loud > 32767:  # cannot happen with the tones below; kept so a louder one clips, not wraps
        values = [max(-32767.0, min(32767.0, v)) for v in values]
    return array("h", map(int, values))


_BELL = _Tone(BELL_HZ, 0.7, 0.35)
_CHIME = _Tone(CHIME_HZ, 0.35, 0.25)
_CLICK = _Tone((CLICK_HZ,), 0.006, 0.6)


def bell(ms: int = 2_500) -> Clip:
    return Clip(_BELL.first(ms_to_frames(ms)))


def chime(ms: int = 1_200) -> Clip:
    return Clip(_CHIME.first(ms_to_frames(ms)))


@lru_cache(maxsize=1)
def _click() -> array[int]:
    return array("h", _CLICK.first(ms_to_frames(25)))


@lru_cache(maxsize=16)
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
