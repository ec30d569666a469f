"""What the app needs from the journal and the audio layer, as small protocols.

``ui.app`` adapts the real journal and audio to these; tests pass in-memory versions. Keeping the
surface this small is what lets the lesson flow be tested without a disk or a sound card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from lesson_engine.player import Player
from lesson_engine.timeline import Timeline, Utterance

from .checkin_view import CheckIn


@dataclass(frozen=True)
class SessionRecord:
    lesson_id: str
    lesson_title: str
    started_at: datetime
    ended_at: datetime
    completed: bool
    completed_fraction: float
    rests_taken: int
    rested_ms: int
    before: CheckIn
    after: CheckIn
    id: str = ""
    """Given by the journal when stored; empty before."""


@dataclass(frozen=True)
class FreeNote:
    id: str
    day: date
    text: str


class JournalPort(Protocol):
    def load_checkpoint(self) -> dict[str, Any] | None: ...
    def save_checkpoint(self, data: dict[str, Any]) -> None: ...
    def clear_checkpoint(self) -> None: ...
    def record_session(self, record: SessionRecord) -> None: ...
    def lesson_status(self) -> dict[str, str]: ...
    def sessions(self) -> list[SessionRecord]: ...
    def notes(self) -> list[FreeNote]: ...
    def add_note(self, day: date, text: str) -> None: ...
    def update_session_note(self, session_id: str, text: str) -> None: ...
    def export_csv(self, path: Path) -> None: ...
    def export_markdown(self, path: Path) -> None: ...


class AudioPort(Protocol):
    description: str
    """Which voice and output are in use, in words, e.g. "Voice: Joe (offline)"."""
    timing_key: str
    """Names how speech is timed, so cached lesson lengths of one voice are not shown for another."""

    def duration_of(self, utterance: Utterance) -> int: ...
    def attach(self, player: Player) -> Callable[[], None]: ...
    def prepare(self, timeline: Timeline) -> None: ...


@dataclass
class MemoryJournal:
    """A journal that keeps everything in memory: for tests and for a journal that failed to open."""

    checkpoint: dict[str, Any] | None = None
    stored: list[SessionRecord] = field(default_factory=list)
    free_notes: list[FreeNote] = field(default_factory=list)
    checkpoint_writes: int = 0

    def load_checkpoint(self) -> dict[str, Any] | None:
        return self.checkpoint

    def save_checkpoint(self, data: dict[str, Any]) -> None:
        self.checkpoint = dict(data)
        self.checkpoint_writes += 1

    def clear_checkpoint(self) -> None:
        self.checkpoint = None

    def record_session(self, record: SessionRecord) -> None:
        self.stored.append(replace(record, id=f"s{len(self.stored) + 1}"))

    def sessions(self) -> list[SessionRecord]:
        return list(self.stored)

    def notes(self) -> list[FreeNote]:
        return list(self.free_notes)

    def add_note(self, day: date, text: str) -> None:
        self.free_notes.append(FreeNote(f"n{len(self.free_notes) + 1}", day, text))

    def update_session_note(self, session_id: str, text: str) -> None:
        self.stored = [
            replace(s, after=replace(s.after, note=text)) if s.id == session_id else s
            for s in self.stored
        ]

    def export_csv(self, path: Path) -> None:
        lines = ["date,lesson,completed,soreness_before,soreness_after,note"]
        for s in self.stored:
            note = s.after.note.replace('"', '""')
            lines.append(
                f"{s.started_at:%Y-%m-%d},{s.lesson_id},{s.completed},"
                f'{_blank(s.before.soreness)},{_blank(s.after.soreness)},"{note}"'
            )
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def export_markdown(self, path: Path) -> None:
        rows = [f"- {s.started_at:%Y-%m-%d} {s.lesson_title}: {s.after.note}" for s in self.stored]
        path.write_text("# Seesaw journal\n\n" + "\n".join(rows) + "\n", encoding="utf-8")

    def lesson_status(self) -> dict[str, str]:
        status = {s.lesson_id: "done" for s in self.stored if s.completed}
        if self.checkpoint:
            status[self.checkpoint["lesson_id"]] = "in progress"
        return status


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


class SilentAudio:
    """Captions only: cues last as long as reading them takes, and nothing is played."""

    description = "Captions only (no sound)"
    timing_key = "estimate"

    def duration_of(self, utterance: Utterance) -> int:
        from lesson_engine.timeline import estimate_speech_ms

        return estimate_speech_ms(utterance)

    def attach(self, player: Player) -> Callable[[], None]:
        return lambda: None

    def prepare(self, timeline: Timeline) -> None:
        return None
