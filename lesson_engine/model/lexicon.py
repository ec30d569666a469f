"""A pronunciation lexicon: how the voice should say a word the instructor writes another way.

The neural voice reads "TFL" as a word and may read a number the way no instructor says it; a rule
``say: TFL = T F L`` changes what the voice is given, never the caption. Matching is by whole
word (a rule never changes a piece of a longer word), and case follows the rule as written: a rule
written all in lowercase matches the word in any case, a rule with a capital letter only that
exact spelling, so ``say: IT = I T`` leaves "it" alone. Where two rules could start at the same
place, the longer one wins ("IT band" before "IT"). What a rule puts in is never read again by
another rule, so the order rules are written in does not matter.

Cost: a text is split once into units (a run of letters and digits, or one other sign), and a
tree of the rules' units is walked from each unit that starts a rule, no deeper than the longest
rule; so a lexicon costs a lesson time in proportion to its text, never to the number of rules
times the text (the length of a rule is capped where rules are read, ``script/lexicon.py``). A
text without the first unit of any rule, most cues, is given back after one set intersection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

_UNIT = re.compile(r"(\s*)(\w+|[^\w\s])")
"""A unit and the spaces before it: a word is always one whole unit, any run of spaces is alike."""
_WORD = re.compile(r"\w")


class _Spelled:
    """A text as its units, each with its key in the tree of rules."""

    __slots__ = ("__dict__", "bare", "joined", "text", "units")

    def __init__(self, text: str) -> None:
        self.text = text
        pairs = _UNIT.findall(text)
        self.units: list[str] = [unit for _, unit in pairs]
        self.bare: list[str] = [unit.casefold() for unit in self.units]
        """Each unit in any case: its key where a rule starts."""
        self.joined: list[str] = [
            " " + key if spaces else key for (spaces, _), key in zip(pairs, self.bare, strict=True)
        ]
        """The same, with a space in front when spaces come before it: its key inside a rule
        ("e.g." is not "e. g.")."""

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Where each unit is in the text: needed only once a rule has matched."""
        return [match.span(2) for match in _UNIT.finditer(self.text)]


@dataclass(frozen=True)
class SayRule:
    written: str
    """What the script says, as the caption shows it."""
    spoken: str
    """What the voice is given instead."""
    line: int
    """Where the rule is written (in the lesson, or in the pack's lexicon file)."""

    @property
    def any_case(self) -> bool:
        return self.written == self.written.lower()

    @property
    def key(self) -> str:
        """Two rules with the same key would both claim the same word: one is a duplicate."""
        return " ".join(self.written.casefold().split())

    @cached_property
    def spelled(self) -> _Spelled:
        return _Spelled(self.written)

    @property
    def size(self) -> int:
        """Its words and signs: how deep matching it may have to look."""
        return len(self.spelled.units)


class _Node:
    __slots__ = ("children", "rule")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.rule: int | None = None


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[SayRule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rules)

    def merged_over(self, base: Lexicon) -> Lexicon:
        """These rules, and those of ``base`` (a pack's) for every word these do not cover."""
        mine = {rule.key for rule in self.rules}
        return Lexicon(self.rules + tuple(r for r in base.rules if r.key not in mine))

    def apply(self, text: str) -> str:
        """``text`` as the voice should read it (the very text when no rule matches)."""
        if not self.rules:
            return text
        spelled = _Spelled(text)
        out: list[str] = []
        done = 0
        for first, last, index in self._matches(spelled):
            out.append(text[done : spelled.spans[first][0]])
            out.append(self.rules[index].spoken)
            done = spelled.spans[last][1]
        if not out:
            return text
        out.append(text[done:])
        return "".join(out)

    def unused(self, texts: Iterable[str]) -> tuple[SayRule, ...]:
        """The rules that change nothing in any of ``texts`` (matching nowhere, or only where a
        longer rule wins), in the order they are written."""
        left = set(range(len(self.rules)))
        for text in texts:
            left.difference_update(index for _, _, index in self._matches(_Spelled(text)))
            if not left:
                break
        return tuple(rule for index, rule in enumerate(self.rules) if index in left)

    @cached_property
    def _tree(self) -> _Node:
        root = _Node()
        for index, rule in enumerate(self.rules):
            spelled = rule.spelled
            node = root
            for key in spelled.bare[:1] + spelled.joined[1:]:
                node = node.children.setdefault(key, _Node())
            if node.rule is None:
                node.rule = index
        return root

    def _matches(self, text: _Spelled) -> Iterator[tuple[int, int, int]]:
        """(first unit, last unit, rule) of each change, left to right, the longest first."""
        root = self._tree.children
        bare, joined = text.bare, text.joined
        if root.keys().isdisjoint(bare):
            return
        count = len(bare)
        at = 0
        while at < count:
            node = root.get(bare[at])
            best: tuple[int, int] | None = None
            end = at
            while node is not None:
                end += 1
                if node.rule is not None and self._fits(text, at, end, node.rule):
                    best = (end, node.rule)
                node = node.children.get(joined[end]) if end < count else None
            if best is None:
                at += 1
                continue
            yield at, best[0] - 1, best[1]
            at = best[0]

    def _fits(self, text: _Spelled, at: int, end: int, index: int) -> bool:
        """Whether rule ``index`` may change the units ``at`` to ``end`` of ``text``: its case,
        and no word running on from either end (a rule that starts or ends with a sign, such as
        "#1" or "e.g.")."""
        rule = self.rules[index]
        units = rule.spelled.units
        start, stop = text.spans[at][0], text.spans[end - 1][1]
        if start and not _WORD.match(units[0]) and _WORD.match(text.text[start - 1]):
            return False
        if stop < len(text.text) and not _WORD.match(units[-1]) and _WORD.match(text.text[stop]):
            return False
        return rule.any_case or text.units[at:end] == list(units)
