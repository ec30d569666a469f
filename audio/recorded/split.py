"""A recorded lesson split into spans, and the author's changes to the split: merge, split, nudge.

One value the command line writes at once and the Author page's review changes step by step:
each change gives a new ``Split`` (the old one stays as it was, for Undo), and the rule that a
boundary belongs in silence is kept here, not in the review's widgets. A boundary the author
nudges into speech is allowed (they can hear what we cannot) but ``in_speech`` says so.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from audio.pcm import Clip
from audio.recorded.pauses import (
    FRAME_MS,
    MIN_PAUSE_MS,
    Loudness,
    Quiet,
    loudness,
    quiet_stretches,
)

MIN_SPEECH_MS = 250
"""Less sound than this between two pauses is a noise, not an instruction."""
SPLIT_PAUSE_MS = 150
"""The shortest quiet stretch a span is split at when the author asks: a breath, not a stop."""


class CannotSplit(ValueError):
    pass


@dataclass(frozen=True)
class Split:
    total_ms: int
    cuts: tuple[int, ...]
    """Where each span ends and the next begins, in ms, increasing, inside (0, total_ms)."""
    level: Loudness

    @classmethod
    def of(cls, clip: Clip, min_pause_ms: int = MIN_PAUSE_MS) -> Split:
        """The split at the speaker's pauses (see ``pauses``); raises NoPauses."""
        level = loudness(clip)
        cuts = tuple(q.middle_ms for q in quiet_stretches(level, min_pause_ms))
        return cls(clip.duration_ms, cuts, level).without_blips()

    def without_blips(self) -> Split:
        """Each span with less than ``MIN_SPEECH_MS`` of sound in it (a cough, a chair, a
        click between two pauses) joined to the span before it (the first, to the one after):
        it is not an instruction of its own."""
        split = self
        index = 0
        while len(split.cuts) and index <= len(split.cuts):
            if split.speech_ms(index) >= MIN_SPEECH_MS:
                index += 1
            else:
                split = split.merge(index - 1 if index else 0)
        return split

    def spans(self) -> list[tuple[int, int]]:
        edges = (0, *self.cuts, self.total_ms)
        return list(itertools.pairwise(edges))

    def speech_ms(self, index: int) -> int:
        """How much of span ``index`` is not quiet: what a paragraph of the transcript is
        matched against."""
        start, end = self.spans()[index]
        frames = range(start // FRAME_MS, min(end // FRAME_MS, self.level.frames))
        return sum(FRAME_MS for f in frames if not self.level.quiet(f))

    def in_speech(self, cut: int) -> bool:
        """Whether boundary ``cut`` falls where someone is speaking (it would cut a word)."""
        frame = self.cuts[cut] // FRAME_MS
        return frame < self.level.frames and not self.level.quiet(frame)

    def merge(self, index: int) -> Split:
        """Span ``index`` and the one after it as one."""
        if not 0 <= index < len(self.cuts):
            raise IndexError(f"there is no span after span {index + 1}")
        return replace(self, cuts=self.cuts[:index] + self.cuts[index + 1 :])

    def split(self, index: int) -> Split:
        """Span ``index`` cut in two at the middle of its longest quiet stretch."""
        start, end = self.spans()[index]
        inside = [
            q
            for q in quiet_stretches(self.level, SPLIT_PAUSE_MS)
            if q.start_ms > start and q.end_ms < end
        ]
        if not inside:
            raise CannotSplit("this span has no pause to split it at")
        longest: Quiet = max(inside, key=lambda q: q.end_ms - q.start_ms)
        return replace(self, cuts=tuple(sorted((*self.cuts, longest.middle_ms))))

    def nudge(self, cut: int, by_ms: int) -> Split:
        """Boundary ``cut`` moved by ``by_ms``, kept a frame clear of its neighbours."""
        low = (self.cuts[cut - 1] if cut else 0) + FRAME_MS
        high = (self.cuts[cut + 1] if cut + 1 < len(self.cuts) else self.total_ms) - FRAME_MS
        moved = min(max(self.cuts[cut] + by_ms, low), high)
        return replace(self, cuts=(*self.cuts[:cut], moved, *self.cuts[cut + 1 :]))
