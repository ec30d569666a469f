"""Clocks for the player: the app's monotonic clock, and a manual one that tests move by hand.

The player reads time only through ``now_ms``, so no rule of playback ever depends on the real time
passing: a test of a 45-minute lesson runs in milliseconds.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now_ms(self) -> int:
        """Milliseconds on a clock that never goes backwards; only differences matter."""
        ...


class MonotonicClock:
    def now_ms(self) -> int:
        return time.monotonic_ns() // 1_000_000


class ManualClock:
    def __init__(self, start_ms: int = 0) -> None:
        self._now = start_ms

    def now_ms(self) -> int:
        return self._now

    def advance(self, ms: int) -> None:
        if ms < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += ms
