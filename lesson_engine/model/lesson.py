"""A parsed lesson: what the instructor wrote, as immutable values.

Every step keeps the line it came from, so the timeline, the player and the Author screen can
always point back at the script. Nothing here knows about time or sound: durations of spoken cues
are decided later by a voice (see ``timeline.compile_timeline``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lesson_engine.model.header import Header
from lesson_engine.model.lexicon import Lexicon
from lesson_engine.model.recordings import Span


@dataclass(frozen=True)
class Speak:
    """A paragraph the voice says; its text is also the caption."""

    text: str
    line: int
    audio: Path | None = None
    span: Span | None = None
    """The part of ``audio`` this cue plays; None for all of it."""


@dataclass(frozen=True)
class Pause:
    """Silence for the movement; the last instruction stays on screen."""

    duration_ms: int
    line: int


@dataclass(frozen=True)
class Rest:
    """A suggested rest: the cue is spoken, then the rest timer runs for ``duration_ms``."""

    duration_ms: int
    text: str
    line: int
    audio: Path | None = None
    span: Span | None = None
    """The part of ``audio`` this cue plays; None for all of it."""


@dataclass(frozen=True)
class Count:
    """Says the round number of the enclosing repeat aloud."""

    line: int


@dataclass(frozen=True)
class Bell:
    line: int


@dataclass(frozen=True)
class Metronome:
    bpm: int
    duration_ms: int
    line: int


@dataclass(frozen=True)
class Repeat:
    """Runs ``body`` ``times`` times; each round lasts at least ``every_ms`` when given."""

    times: int
    every_ms: int | None
    body: tuple[Step, ...]
    line: int


@dataclass(frozen=True)
class Sides:
    """Runs ``body`` once per side, filling ``{side}`` and ``{other}`` in its text."""

    sides: tuple[str, str]
    body: tuple[Step, ...]
    line: int


Step = Speak | Pause | Rest | Count | Bell | Metronome | Repeat | Sides


@dataclass(frozen=True)
class Section:
    title: str
    line: int
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Lesson:
    header: Header
    sections: tuple[Section, ...]
    digest: str
    """A hash of the normalised text: a checkpoint from another version of the file is noticed."""
    path: Path | None = None
    lexicon: Lexicon = field(default_factory=Lexicon)
    """How the voice says words the script writes another way: the lesson's rules over its pack's."""

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def title(self) -> str:
        return self.header.title

    def recordings(self) -> list[Path]:
        """Every instructor recording the lesson uses, in script order (a recording whose spans
        several cues play is listed for each: a pack keeps it once, by name)."""
        found: list[Path] = []

        def walk(steps: tuple[Step, ...]) -> None:
            for step in steps:
                if isinstance(step, Speak | Rest) and step.audio is not None:
                    found.append(step.audio)
                elif isinstance(step, Repeat | Sides):
                    walk(step.body)

        for section in self.sections:
            walk(section.steps)
        return found

    def spoken_texts(self) -> list[str]:
        """Every text the voice may say, as written, and the names of the sides it fills in."""
        found: list[str] = []

        def walk(steps: tuple[Step, ...]) -> None:
            for step in steps:
                if isinstance(step, Speak | Rest):
                    found.append(step.text)
                elif isinstance(step, Repeat | Sides):
                    if isinstance(step, Sides):
                        found.extend(step.sides)
                    walk(step.body)

        for section in self.sections:
            walk(section.steps)
        return found
