"""A pronunciation lexicon: how the voice should say a word the instructor writes another way.

The neural voice reads "TFL" as a word and may read a number the way no instructor says it; a rule
``say: TFL = T F L`` changes what the voice is given, never the caption. Matching is by whole
word (a rule never changes a piece of a longer word), and case follows the rule as written: a rule
written all in lowercase matches the word in any case, a rule with a capital letter only that
exact spelling, so ``say: IT = I T`` leaves "it" alone. Where two rules could start at the same
place, the longer one wins ("IT band" before "IT"). What a rule puts in is never read again by
another rule, so the order rules are written in does not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property


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

    def matches(self, text: str) -> bool:
        """Whether this rule would change something in ``text``."""
        return re.search(_pattern_of(self), text) is not None


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[SayRule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rules)

    def merged_over(self, base: Lexicon) -> Lexicon:
        """These rules, and those of ``base`` (a pack's) for every word these do not cover."""
        mine = {rule.key for rule in self.rules}
        return Lexicon(self.rules + tuple(r for r in base.rules if r.key not in mine))

    @cached_property
    def _compiled(self) -> re.Pattern[str] | None:
        if not self.rules:
            return None
        ordered = sorted(enumerate(self.rules), key=lambda item: -len(item[1].written))
        return re.compile("|".join(f"(?P<r{index}>{_pattern_of(rule)})" for index, rule in ordered))

    def apply(self, text: str) -> str:
        """``text`` as the voice should read it (unchanged when no rule matches)."""
        pattern = self._compiled
        if pattern is None:
            return text
        return pattern.sub(lambda m: self.rules[int(str(m.lastgroup)[1:])].spoken, text)


def _pattern_of(rule: SayRule) -> str:
    """The whole word or words of ``rule``: not inside a longer word, any spaces between words."""
    words = r"\s+".join(re.escape(word) for word in rule.written.split())
    body = f"(?i:{words})" if rule.any_case else words
    return rf"(?<!\w){body}(?!\w)"
