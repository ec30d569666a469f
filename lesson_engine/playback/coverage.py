"""Which parts of a lesson were actually heard, as merged spans of its timeline.

The journal's "how much of the lesson" must count what was played, not how far the position got:
Page Down over a section moves the position without anyone hearing it, and Back plays a cue twice
without adding to the lesson. Spans are in timeline milliseconds; a re-timed timeline never moves
what was already heard (``Player.swap_timeline``), so they stay true.
"""

from __future__ import annotations

from bisect import insort


class Coverage:
    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        """Mark [start, end) heard, merging it with what touches it."""
        if end <= start:
            return
        insort(self._spans, (start, end))
        merged: list[tuple[int, int]] = []
        for span_start, span_end in self._spans:
            if merged and span_start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], span_end))
            else:
                merged.append((span_start, span_end))
        self._spans = merged

    def within(self, start: int, end: int) -> int:
        """How much of [start, end) was heard."""
        return sum(max(0, min(end, e) - max(start, s)) for s, e in self._spans)

    @property
    def total_ms(self) -> int:
        return sum(e - s for s, e in self._spans)
