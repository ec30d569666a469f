"""Where a learner is in a lesson, small enough to save every few seconds.

A checkpoint names the cue, not only a time: when the lesson file changed since it was saved
(the digest differs), the player can still land on the same instruction, or at least its section.
It also carries the rests taken so far, so a session resumed after a crash keeps its full record.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, fields
from typing import Any

from lesson_engine.playback.state import PlayerState

CHECKPOINT_VERSION = 1


@dataclass(frozen=True)
class Checkpoint:
    lesson_id: str
    digest: str
    position_ms: int
    cue_id: str
    cue_index: int
    section_index: int
    section_title: str
    state: str
    rests_taken: int = 0
    rested_ms: int = 0
    furthest_ms: int = 0
    heard_ms: int = 0

    @property
    def finished(self) -> bool:
        """The lesson ended (finished or stopped): there is nothing left to resume."""
        return self.state == PlayerState.FINISHED.value

    def to_dict(self) -> dict[str, Any]:
        return {"version": CHECKPOINT_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: object) -> Checkpoint:
        """Rebuild a saved checkpoint; anything malformed raises ValueError with the reason."""
        if not isinstance(data, dict):
            raise ValueError("a checkpoint must be a mapping")
        version = data.get("version", CHECKPOINT_VERSION)
        if version != CHECKPOINT_VERSION:
            raise ValueError(f"unknown checkpoint version {version!r}")
        values: dict[str, Any] = {}
        for spec in fields(cls):
            if spec.name not in data:
                if spec.default is not MISSING:
                    continue
                raise ValueError(f"the checkpoint has no '{spec.name}'")
            value = data[spec.name]
            expected = int if spec.type in ("int", int) else str
            if not isinstance(value, expected) or isinstance(value, bool):
                raise ValueError(f"'{spec.name}' should be {expected.__name__}, not {value!r}")
            if isinstance(value, int) and value < 0:
                raise ValueError(f"'{spec.name}' cannot be negative")
            values[spec.name] = value
        return cls(**values)
