"""What a timeline is: timed events, the cues and sections they make up, and how long speech
lasts when no voice has timed it (captions only)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from lesson_engine.model.recordings import Span
from lesson_engine.script.spoken import pieces

BELL_MS = 2500
WORDS_PER_MINUTE = 150
"""A calm speaking pace: captions-only timing assumes it, and espeak is asked for it."""
BREATH_MS = 650
"""The silence after every spoken cue, whichever voice speaks it (estimated or synthesised).

The voices have always added 650 ms, and clips in learners' caches hold it, so that is the value;
the captions-only estimate used 700 ms until the two were made one."""
MIN_SPEECH_MS = 1200
REST_CAPTION = "Rest as long as you need."


class EventKind(StrEnum):
    SPEECH = "speech"
    PAUSE = "pause"
    REST = "rest"
    BELL = "bell"
    METRONOME = "metronome"


@dataclass(frozen=True)
class Utterance:
    """What a voice must produce for one spoken event; also the key of its cached clip."""

    text: str
    audio: Path | None = None
    span: Span | None = None
    """The part of ``audio`` spoken: a cue of a long recorded lesson plays only its span."""


DurationOf = Callable[[Utterance], int]


def estimate_speech_ms(utterance: Utterance) -> int:
    """Captions-only length: about 150 words a minute and a breath, so reading is never rushed;
    a pause written inside the cue lasts as long as it says, as it does when a voice reads."""
    parts = pieces(utterance.text)
    words = sum(len(said.split()) for said, _ in parts)
    pauses = sum(pause_ms for _, pause_ms in parts)
    return max(MIN_SPEECH_MS, round(words * 60_000 / WORDS_PER_MINUTE) + BREATH_MS) + pauses


@dataclass(frozen=True)
class Event:
    index: int
    start_ms: int
    duration_ms: int
    kind: EventKind
    text: str
    """What is spoken (SPEECH only): the lexicon applied, pauses as ``[pause 0.6s]`` markers."""
    caption: str
    """What the screen shows: the instruction, kept on screen through the pauses after it."""
    section: int
    cue: int
    line: int
    audio: Path | None = None
    span: Span | None = None
    round: int | None = None
    rounds: int | None = None
    side: str | None = None
    bpm: int | None = None

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms

    @property
    def utterance(self) -> Utterance:
        return Utterance(self.text, self.audio, self.span)


@dataclass(frozen=True)
class Cue:
    """One instruction: the event that gives it and the pauses or rest that follow."""

    index: int
    id: str
    start_ms: int
    end_ms: int
    section: int
    caption: str
    line: int
    first_event: int
    last_event: int


@dataclass(frozen=True)
class SectionSpan:
    index: int
    title: str
    start_ms: int
    end_ms: int
    first_cue: int
    last_cue: int
    line: int


@dataclass(frozen=True)
class Timeline:
    lesson_id: str
    title: str
    digest: str
    events: tuple[Event, ...]
    cues: tuple[Cue, ...]
    sections: tuple[SectionSpan, ...]
    total_ms: int
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _cue_ids: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(e.start_ms for e in self.events))
        object.__setattr__(self, "_cue_ids", {c.id: c.index for c in self.cues})

    def event_index_at(self, ms: int) -> int:
        """The event playing at ``ms``; positions at or past the end give the last event."""
        return max(0, min(bisect.bisect_right(self._starts, ms) - 1, len(self.events) - 1))

    def event_at(self, ms: int) -> Event:
        return self.events[self.event_index_at(ms)]

    def cue_at(self, ms: int) -> Cue:
        return self.cues[self.event_at(ms).cue]

    def section_at(self, ms: int) -> SectionSpan:
        return self.sections[self.event_at(ms).section]

    def cue_by_id(self, cue_id: str) -> Cue | None:
        index = self._cue_ids.get(cue_id)
        return None if index is None else self.cues[index]

    def section_by_title(self, title: str) -> SectionSpan | None:
        return next((s for s in self.sections if s.title == title), None)

    def cue_for_line(self, line: int) -> Cue:
        """The first cue written on or above ``line``: where "play from here" starts."""
        best: Cue | None = None
        for cue in self.cues:
            if cue.line <= line and (best is None or cue.line > best.line):
                best = cue
        return best or self.cues[0]

    def next_cue(self, ms: int) -> Cue | None:
        index = self.cue_at(ms).index + 1
        return self.cues[index] if index < len(self.cues) else None
