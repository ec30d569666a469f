"""Catalogue entries and the claims the sources make about them, as values."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stance(StrEnum):
    """What a source says about an entry, from most to least in favour."""

    RECOMMENDED = "recommended"
    WITH_CONDITION = "with-condition"
    NEUTRAL = "neutral"
    COUNTERPRODUCTIVE = "counterproductive"
    NOT_MENTIONED = "not-mentioned"

    @property
    def label(self) -> str:
        return {
            "recommended": "Recommended",
            "with-condition": "Recommended, with a condition",
            "neutral": "Neutral",
            "counterproductive": "Counterproductive",
            "not-mentioned": "Not mentioned",
        }[self.value]


class School(StrEnum):
    MOVEMENT = "movement"
    STRENGTH = "strength"

    @property
    def label(self) -> str:
        return "Movement and coordination" if self is School.MOVEMENT else "Strength and stability"


READER_COMMENT = "reader comment"
AUTHOR_REPLY = "author's reply"
COMMENT_PARTS = (READER_COMMENT, AUTHOR_REPLY)
"""Parts of a page that are not its article: a claim resting on them says so, beside the reason."""
INTRODUCTION = "introduction"
"""The article's opening, before its first heading."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    school: School
    about: str
    sections: tuple[str, ...] = ()
    """The article's headings, as a reader finds them (long ones cut to five words and '…')."""

    @property
    def parts(self) -> tuple[str, ...]:
        """Where on the page a claim may rest: the opening, a section, or the comments."""
        return (INTRODUCTION, *self.sections, *COMMENT_PARTS)


@dataclass(frozen=True)
class Claim:
    source: str
    stance: Stance
    reason: str
    part: str = ""
    """Where the source says it: a section heading, "introduction", or a comment part."""

    @property
    def where(self) -> str:
        """The part as a reader would look for it: 'section “…”', or 'a reader comment'."""
        if not self.part:
            return ""
        if self.part in COMMENT_PARTS:
            return (
                f"in {'a' if self.part == READER_COMMENT else 'the'} {self.part}, not the article"
            )
        if self.part == INTRODUCTION:
            return "in the article's opening"
        return f"in the section “{self.part}”"


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    position: str
    equipment: tuple[str, ...]
    pelvis: str
    targets: tuple[str, ...]
    dose: str
    progression: str
    steps: tuple[str, ...]
    claims: tuple[Claim, ...]
    guided_set: str = ""
    illustration: str = ""

    def claim(self, source: str) -> Claim:
        return next(c for c in self.claims if c.source == source)


@dataclass(frozen=True)
class Catalogue:
    sources: tuple[Source, ...]
    entries: tuple[Entry, ...]

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def source(self, key: str) -> Source:
        return next(s for s in self.sources if s.key == key)

    @property
    def exercise_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entries if e.kind == "exercise")
