"""The pieces the lesson-body parser and its argument checks share: vocabulary, limits, lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lesson_engine.model.lesson import Step

DIRECTIVES = ("pause", "rest", "repeat", "sides", "count", "audio", "metronome", "bell")
PLACEHOLDERS = ("side", "other")
IMPLICIT_SECTION = "Introduction"
MAX_REPEAT = 100
MAX_NESTING = 8
"""How deep [repeat] and [sides] blocks may nest: deeper is a mistake, and parsing it costs."""
MAX_NUMBER_DIGITS = 9
MAX_EXPANDED_STEPS = 20_000
BPM_RANGE = (40, 240)
LIMITS_MS = {"pause": 600_000, "rest": 1_800_000, "every": 600_000, "metronome": 1_800_000}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
EXAMPLES = {
    "pause": "[pause 8s]",
    "rest": "[rest 60s] Roll onto your back and rest.",
    "repeat": "[repeat 6 every 7s]",
    "sides": "[sides left, right]",
    "count": "[count]",
    "audio": "[audio clips/ending.ogg]",
    "metronome": "[metronome 172 for 60s]",
    "bell": "[bell]",
}


def whole_number(text: str) -> int | None:
    """``text`` as a whole number (a leading minus allowed), or None.

    Only ASCII digits count: ``int()`` also takes "²" as text to reject, or "٣" as three, which no
    editor shows as a number a lesson means. At most ``MAX_NUMBER_DIGITS`` digits, so a hostile
    file cannot make the checker convert a number of thousands of digits.
    """
    digits = text.removeprefix("-")
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    if len(digits) > MAX_NUMBER_DIGITS:
        return None
    return int(text)


class Line(NamedTuple):
    """One body line as the parser sees it; a named tuple because a large file has many, and a
    frozen dataclass costs several times more to build."""

    number: int
    indent: int
    """Width of the indentation, a tab as four spaces: what nests blocks."""
    content: str
    lead: int = 0
    """Characters before ``content`` (a tab is one): ``lead + 1`` is the content's column, as
    editors count columns in diagnostics."""

    @property
    def is_blank(self) -> bool:
        return not self.content

    @property
    def is_comment(self) -> bool:
        return self.content.startswith("//")


@dataclass(frozen=True)
class Context:
    depth: int = 0
    in_repeat: bool = False
    in_sides: bool = False


@dataclass
class Block:
    """What one block has gathered so far; lives only while that block is parsed."""

    steps: list[Step] = field(default_factory=list)
    paragraph: list[tuple[Line, int, str]] = field(default_factory=list)
    audio: tuple[Path, Line] | None = None
