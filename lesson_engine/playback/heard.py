"""How much of a lesson one player has had heard: what the journal records as done.

Each stretch is counted once (``Coverage``): Back replays a cue without adding to the lesson, and
a jump moves the position without anyone hearing what it passed. What was heard before a
restore comes from the checkpoint and is added to it. A section counts as skipped when less
than half of it was heard, from where this player started on.
"""

from __future__ import annotations

from collections.abc import Sequence

from lesson_engine.playback.coverage import Coverage
from lesson_engine.timeline import SectionSpan


class Heard:
    def __init__(self, started_ms: int) -> None:
        self._spans = Coverage()
        self._started_ms = started_ms
        self.earlier_ms = 0
        """Heard before this player was restored from a checkpoint."""

    def add(self, start_ms: int, end_ms: int) -> None:
        """[start, end) of the timeline was heard."""
        self._spans.add(start_ms, end_ms)

    def total_ms(self, playing_from: int, playing_to: int) -> int:
        """All heard, each part once, with the stretch playing now (not yet added) in it."""
        now = playing_to - playing_from
        return (
            self.earlier_ms
            + self._spans.total_ms
            + now
            - self._spans.within(playing_from, playing_to)
        )

    def skipped(self, sections: Sequence[SectionSpan]) -> tuple[str, ...]:
        """Titles of the sections, from where this player started, of which less than half was
        heard (the whole lesson when it started at the beginning)."""
        return tuple(
            s.title
            for s in sections
            if s.end_ms > self._started_ms
            and self._spans.within(s.start_ms, s.end_ms) * 2 < s.end_ms - s.start_ms
        )
