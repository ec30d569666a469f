"""Where a learner is in a lesson, small enough to save every few seconds.

A checkpoint names the cue, not only a time: when the lesson file changed since it was saved
(the digest differs), the player can still land on the same instruction, or at least its section.
It also carries the rests taken so far, so a session resumed after a crash keeps its full record.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from lesson_engine.playback.state import PlayerState

if TYPE_CHECKING:  # the first paint reads a saved place without loading the timeline
    from lesson_engine.timeline import Timeline

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

    def place_in(self, timeline: Timeline) -> int:
        """Where this place is in ``timeline``: the start of the saved cue, so its instruction
        is heard again; when the lesson changed and the cue is gone, the saved section (found by
        title, then by number); failing that, the beginning."""
        if self.lesson_id != timeline.lesson_id:
            raise ValueError(
                f"the checkpoint is for lesson '{self.lesson_id}', not '{timeline.lesson_id}'"
            )
        cue = timeline.cue_by_id(self.cue_id)
        if cue is not None:
            return cue.start_ms
        section = timeline.section_by_title(self.section_title)
        if section is None and self.section_index < len(timeline.sections):
            section = timeline.sections[self.section_index]
        return section.start_ms if section else 0

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
