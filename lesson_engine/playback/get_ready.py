"""Get ready: the few seconds between Space and the voice, for a learner getting back into position.

After Pause or Rest the learner may be sitting up, reaching for water, eyes closed. Space must
not bring the voice back a tenth of a second later, mid-sentence: a soft chime says "here we go",
the screen counts "Ready… 3, 2, 1", and then the instruction is heard from its start. The end of
a suggested rest in the script leads into its next instruction the same way (its bell is the
signal there), and the moment a chosen Rest's suggested time is over is marked by a bell, so a
learner with closed eyes hears both.

The length is the learner's setting; the player holds the position still for that long, so the
countdown adds to the lesson's time rather than eating into the instruction.

A learner whose eyes are closed cannot read the count, so it may also be said aloud (a second
setting, off by default): "Ready, 3" as the countdown starts, then each number as the screen
shows it, in the lesson's own voice. ``spoken_count`` says which words fall when; every word any
choice can say is in ``COUNT_WORDS``, so the voice can make them all before the lesson starts
(made when due, a word would come late or not at all).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GET_READY_CHOICES_MS = (0, 3_000, 5_000)
"""Off, 3 s, 5 s: the choices Settings offers."""
DEFAULT_GET_READY_MS = 3_000


def countdown_text(remaining_ms: int) -> str:
    """What the screen shows with ``remaining_ms`` of the countdown left: "Ready… 3"."""
    return f"Ready… {max(1, math.ceil(remaining_ms / 1000))}"


@dataclass(frozen=True)
class CountWord:
    """``text`` is said ``at_ms`` into the countdown."""

    at_ms: int
    text: str


def spoken_count(ms: int) -> tuple[CountWord, ...]:
    """The count said aloud for a countdown ``ms`` long: each number as the screen shows it
    (``countdown_text``), "Ready, 3" first. Said with a comma, not the screen's ellipsis: an
    ellipsis between words is a pause to the voice (``script/spoken.py``), which would push the
    first number most of the way to the second."""
    seconds = ms // 1000
    return tuple(
        CountWord((seconds - n) * 1000, f"Ready, {n}" if n == seconds else str(n))
        for n in range(seconds, 0, -1)
    )


COUNT_WORDS = tuple(
    dict.fromkeys(word.text for ms in GET_READY_CHOICES_MS for word in spoken_count(ms))
)
"""Every word a spoken count can say, whatever the chosen length."""


def choice_label(ms: int) -> str:
    return "Off" if ms == 0 else f"{ms // 1000} s"
