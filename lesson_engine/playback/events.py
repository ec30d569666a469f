"""What the player tells its listeners. Plain values, so any layer can react without Qt."""

from __future__ import annotations

from dataclasses import dataclass

from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.playback.get_ready import CountWord
from lesson_engine.playback.state import PlayerState
from lesson_engine.timeline import Cue, Event, SectionSpan


@dataclass(frozen=True)
class StateChanged:
    old: PlayerState
    new: PlayerState


@dataclass(frozen=True)
class EventStarted:
    """Sound for ``event`` must start now, ``offset_ms`` into it (non-zero after a resume)."""

    event: Event
    offset_ms: int


@dataclass(frozen=True)
class CueStarted:
    cue: Cue


@dataclass(frozen=True)
class SectionStarted:
    section: SectionSpan


@dataclass(frozen=True)
class Paused:
    position_ms: int


@dataclass(frozen=True)
class Resumed:
    position_ms: int


@dataclass(frozen=True)
class RestStarted:
    suggested_ms: int
    cue: Cue


@dataclass(frozen=True)
class RestEnded:
    rested_ms: int


@dataclass(frozen=True)
class RestOver:
    """A rest's suggested time is up: a chosen Rest's timer now counts up (``chosen``), or a
    suggested rest in the script has ended and the lesson goes on. A bell marks it."""

    chosen: bool


@dataclass(frozen=True)
class GettingReady:
    """The countdown before the instruction is heard from its start, ``ms`` long. After the end of
    a suggested rest (``after_rest``) its bell has just rung; otherwise a chime starts it.
    ``spoken`` is the count to say aloud, from now (empty when the learner has it shown only)."""

    ms: int
    after_rest: bool
    spoken: tuple[CountWord, ...] = ()


@dataclass(frozen=True)
class Seeked:
    position_ms: int


@dataclass(frozen=True)
class Finished:
    completed: bool
    position_ms: int


@dataclass(frozen=True)
class CheckpointDue:
    checkpoint: Checkpoint


PlayerEvent = (
    StateChanged
    | EventStarted
    | CueStarted
    | SectionStarted
    | Paused
    | Resumed
    | RestStarted
    | RestEnded
    | RestOver
    | GettingReady
    | Seeked
    | Finished
    | CheckpointDue
)
