"""A voice that makes a tone of known length, so audio tests know exactly what to expect."""

from __future__ import annotations

import math
from array import array

from audio.pcm import RATE, Clip


class ToneVoice:
    """Speaks every text as a 440 Hz tone, 100 ms per word; counts how often it is asked."""

    name = "tone"
    label = "Test tone"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def synthesize(self, text: str, speed: float) -> Clip:
        self.calls.append(text)
        return tone(100 * len(text.split()))


def tone(ms: int, hz: float = 440.0) -> Clip:
    frames = RATE * ms // 1000
    return Clip(
        array(
            "h", (int(8000 * math.sin(2 * math.pi * hz * n / RATE)) for n in range(frames))
        ).tobytes()
    )
