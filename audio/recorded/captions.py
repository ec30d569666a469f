"""A transcript's paragraphs as the captions of a recording's spans, in order.

When the transcript has as many paragraphs as the recording has spans, each caption is its
paragraph. Otherwise one side is grouped to match the other: spans are joined (or paragraphs
are) so that each group's share of the speech is as close as can be to its paragraph's share
of the words, since a speaker's pace is steadier than the lengths of their pauses. What was
joined is said in words, so the author knows which cues to check.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

PLACEHOLDER_CAPTION = "(recorded instruction {number})"


@dataclass(frozen=True)
class Captions:
    texts: tuple[str, ...]
    """One caption for each group of spans, in order."""
    groups: tuple[range, ...]
    """Which spans each caption covers (joined spans share one cue)."""
    note: str
    """What was done to make them match, in words; empty when nothing was."""


def paragraphs(transcript: str) -> list[str]:
    """The paragraphs of a plain-text transcript (blank lines between), each on one line."""
    found = [" ".join(block.split()) for block in re.split(r"\n\s*\n", transcript)]
    return [p for p in found if p]


def placeholder_captions(spans: int) -> Captions:
    texts = tuple(PLACEHOLDER_CAPTION.format(number=n) for n in range(1, spans + 1))
    return Captions(texts, tuple(range(n, n + 1) for n in range(spans)), "")


def align(speech_ms: list[int], texts: list[str]) -> Captions:
    """Captions for spans whose speech lasts ``speech_ms``, from the paragraphs ``texts``."""
    if not texts:
        return placeholder_captions(len(speech_ms))
    words = [max(1, len(t.split())) for t in texts]
    ones = tuple(range(n, n + 1) for n in range(len(speech_ms)))
    if len(texts) == len(speech_ms):
        return Captions(tuple(texts), ones, "")
    spans_joined = len(speech_ms) > len(texts)
    groups = group(speech_ms, words) if spans_joined else group(words, speech_ms)
    shown = ", ".join(f"{g.start + 1}–{g.stop}" for g in groups if len(g) > 1)
    counts = f"{len(speech_ms)} spans between pauses and the transcript {len(texts)} paragraphs"
    if spans_joined:
        note = (
            f"The recording has {counts}: spans {shown} were joined, each group's speech "
            "matched to its paragraph's share of the words."
        )
        return Captions(tuple(texts), tuple(groups), note)
    note = (
        f"The recording has {counts}: paragraphs {shown} were joined into one caption, each "
        "group's words matched to its span's share of the speech."
    )
    return Captions(tuple(" ".join(texts[i] for i in g) for g in groups), ones, note)


def group(longer: list[int], shorter: list[int]) -> list[range]:
    """``longer`` cut into ``len(shorter)`` runs whose shares of the total best match the
    shares of ``shorter``'s items (least total distance between the cuts, by dynamic
    programming; the lists are as long as a lesson's cues, so the square is small)."""
    parts = len(shorter)
    total_long, total_short = sum(longer) or 1, sum(shorter) or 1
    cumulative = [0]
    for weight in longer:
        cumulative.append(cumulative[-1] + weight)
    targets, running = [], 0
    for weight in shorter[:-1]:
        running += weight
        targets.append(running / total_short)
    # cost[k][j]: the best total distance with cut k (0-based) after item j of ``longer``.
    n = len(longer)
    inf = float("inf")
    cost = [[inf] * n for _ in range(parts - 1)]
    back = [[0] * n for _ in range(parts - 1)]
    for k, target in enumerate(targets):
        best, best_at = inf, 0
        for j in range(k, n - (parts - 1 - k)):
            if k:
                if cost[k - 1][j - 1] < best:
                    best, best_at = cost[k - 1][j - 1], j - 1
                reach = best
            else:
                reach = 0.0
            cost[k][j] = reach + abs(cumulative[j + 1] / total_long - target)
            back[k][j] = best_at
    cuts: list[int] = []
    if parts > 1:
        j = min(range(n), key=lambda at: cost[parts - 2][at])
        for k in range(parts - 2, -1, -1):
            cuts.append(j)
            j = back[k][j]
        cuts.reverse()
    edges = [0, *(c + 1 for c in cuts), n]
    return [range(a, b) for a, b in itertools.pairwise(edges)]
