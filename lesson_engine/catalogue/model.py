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


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    school: School
    about: str


@dataclass(frozen=True)
class Claim:
    source: str
    stance: Stance
    reason: str


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
