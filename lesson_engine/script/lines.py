"""The pieces the lesson-body parser and its argument checks share: vocabulary, limits, lines."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import is_, ne, sub
from pathlib import Path
from typing import TYPE_CHECKING

from lesson_engine.model.recordings import Span

if TYPE_CHECKING:  # a type only: what a timeline's captions need from here loads no lesson model
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
_INDENT = " \t"


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


class BodyLines:
    """Every body line measured once, as parallel lists indexed from the first body line.

    Lists of strings and numbers rather than an object a line: a file at the size cap can have a
    quarter of a million lines, and building an object for each costs more than parsing them.
    So the measuring is done with ``map`` over built-in string methods, which runs without a
    Python step a line; only lines indented with a tab are looked at one by one.
    """

    __slots__ = ("_text_at", "content", "first_number", "indent", "lead", "tabs")

    def __init__(self, lines: tuple[str, ...], start: int) -> None:
        body = lines[start:]
        stripped = list(map(str.lstrip, body, repeat(_INDENT)))
        self.first_number = start + 1
        """Line number (1-based, as editors count) of ``content[0]``."""
        self.content: list[str] = list(map(str.rstrip, stripped))
        """Each line without its indentation and trailing blanks: empty for a blank line."""
        self._text_at = list(compress(count(), self.content))
        """The index of every line that is not blank, to step over a run of blank lines at once."""
        if all(map(is_, body, stripped)):  # lstrip gives back the very line when nothing went
            self.lead = [0] * len(body)
        else:
            self.lead = list(map(sub, map(len, body), map(len, stripped)))
        """Characters before the content (a tab is one): ``lead + 1`` is the content's column."""
        self.indent = self.lead
        """Width of the indentation, a tab as four spaces: what nests blocks."""
        self.tabs: list[tuple[int, int]] = []
        """(index, column) of the first tab in each indentation before content."""
        if "\t" not in "".join(body):
            return
        spaces_only = map(len, map(str.lstrip, body, repeat(" ")))
        for index in compress(count(), map(ne, spaces_only, map(len, stripped))):
            leading = body[index][: self.lead[index]]  # a tab in it: lstrip(" ") stopped early
            if self.indent is self.lead:
                self.indent = self.lead.copy()
            self.indent[index] = len(leading.replace("\t", "    "))
            if self.content[index]:
                self.tabs.append((index, leading.index("\t") + 1))

    def __len__(self) -> int:
        return len(self.content)

    def next_text(self, index: int) -> int:
        """The index of the first line at or after ``index`` that is not blank (or the end)."""
        found = bisect_left(self._text_at, index)
        return self._text_at[found] if found < len(self._text_at) else len(self.content)


@dataclass(frozen=True, slots=True)
class Context:
    depth: int = 0
    in_repeat: bool = False
    in_sides: bool = False

    def inside(self, name: str) -> Context:
        """The context of the block under a ``[repeat]`` or ``[sides]`` (``name``) found here."""
        return _CONTEXTS[
            self.depth + 1, self.in_repeat or name == "repeat", self.in_sides or name == "sides"
        ]


_CONTEXTS = {
    (depth, in_repeat, in_sides): Context(depth, in_repeat, in_sides)
    for depth in range(MAX_NESTING + 2)
    for in_repeat in (False, True)
    for in_sides in (False, True)
}
"""Every context there can be, made once: a file can open tens of thousands of blocks."""
TOP_LEVEL = _CONTEXTS[0, False, False]


Part = tuple[int, int, str]
"""A piece of a cue: its line number, the characters before it on that line, and its text."""


@dataclass(slots=True)
class Block:
    """What one block has gathered so far; lives only while that block is parsed."""

    steps: list[Step] = field(default_factory=list)
    paragraph: list[Part] = field(default_factory=list)
    audio: tuple[Path, int] | None = None
    """The recording of an ``[audio]`` line waiting for its cue, and that line's number."""
    span: Span | None = None
    """The part of that recording the cue plays, when the line names one."""
    unrolled: int = 0
    """How many steps the steps kept so far unroll into (a [repeat 3] of two cues: six)."""
