"""What the app needs from the journal and the audio layer, as small protocols.

``ui.app`` adapts the real journal and audio to these; tests pass in-memory versions. Keeping the
surface this small is what lets the lesson flow be tested without a disk or a sound card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from lesson_engine.journal.export import to_csv, to_markdown
from lesson_engine.journal.records import ExerciseLog, Note, SessionEntry
from lesson_engine.playback.player import Player
from lesson_engine.timeline import Timeline, Utterance, estimate_speech_ms


class JournalPort(Protocol):
    """The parts of ``lesson_engine.journal.Journal`` the app uses; ``MemoryJournal`` has them too."""

    def load_checkpoint(self) -> dict[str, Any] | None: ...
    def save_checkpoint(self, data: dict[str, Any]) -> None: ...
    def clear_checkpoint(self) -> None: ...
    def add_session(self, entry: SessionEntry) -> SessionEntry: ...
    def sessions(self) -> list[SessionEntry]: ...
    def update_session_note(self, session_id: str, text: str) -> None: ...
    def add_note(self, note: Note) -> Note: ...
    def notes(self) -> list[Note]: ...
    def add_exercise_log(self, log: ExerciseLog) -> ExerciseLog: ...
    def exercise_logs(self) -> list[ExerciseLog]: ...
    def export_csv(self, path: Path) -> None: ...
    def export_markdown(self, path: Path) -> None: ...


def lesson_status(journal: JournalPort) -> dict[str, str]:
    """Lesson id → "done" or "in progress", for the library."""
    status = {s.lesson_id: "done" for s in journal.sessions() if s.completed}
    saved = journal.load_checkpoint()
    if saved and saved.get("state") != "finished" and saved.get("lesson_id"):
        status[str(saved["lesson_id"])] = "in progress"
    return status


class AudioPort(Protocol):
    description: str
    """Which voice and output are in use, in words, e.g. "Voice: Joe (offline)"."""
    timing_key: str
    """Names how speech is timed, so cached lesson lengths of one voice are not shown for another."""

    def duration_of(self, utterance: Utterance) -> int: ...
    def attach(self, player: Player) -> Callable[[], None]: ...
    def prepare(self, timeline: Timeline) -> None: ...
    def ready_first(self, timeline: Timeline, position_ms: int = 0) -> None: ...
    def take_new_lengths(self) -> bool: ...
    def progress(self) -> tuple[int, int]: ...


@dataclass
class MemoryJournal:
    """A journal kept in memory: for tests, and for when the journal on disk cannot be opened."""

    checkpoint: dict[str, Any] | None = None
    stored: list[SessionEntry] = field(default_factory=list)
    free_notes: list[Note] = field(default_factory=list)
    logs: list[ExerciseLog] = field(default_factory=list)
    checkpoint_writes: int = 0
    today: date = field(default_factory=date.today)

    def load_checkpoint(self) -> dict[str, Any] | None:
        return self.checkpoint

    def save_checkpoint(self, data: dict[str, Any]) -> None:
        self.checkpoint = dict(data)
        self.checkpoint_writes += 1

    def clear_checkpoint(self) -> None:
        self.checkpoint = None

    def add_session(self, entry: SessionEntry) -> SessionEntry:
        stored = replace(entry, id=f"m-{len(self.stored) + 1}")
        self.stored.append(stored)
        return stored

    def sessions(self) -> list[SessionEntry]:
        return sorted(self.stored, key=lambda s: s.started_at)

    def update_session_note(self, session_id: str, text: str) -> None:
        self.stored = [replace(s, note=text) if s.id == session_id else s for s in self.stored]

    def add_note(self, note: Note) -> Note:
        stored = replace(note, id=f"n-{len(self.free_notes) + 1}")
        self.free_notes.append(stored)
        return stored

    def notes(self) -> list[Note]:
        return list(self.free_notes)

    def add_exercise_log(self, log: ExerciseLog) -> ExerciseLog:
        stored = replace(log, id=f"e-{len(self.logs) + 1}")
        self.logs.append(stored)
        return stored

    def exercise_logs(self) -> list[ExerciseLog]:
        return list(self.logs)

    def export_csv(self, path: Path) -> None:
        path.write_text(to_csv(self.sessions(), self.logs), encoding="utf-8")

    def export_markdown(self, path: Path) -> None:
        path.write_text(
            to_markdown(self.sessions(), [], self.notes(), self.today), encoding="utf-8"
        )


class SilentAudio:
    """Captions only: cues last as long as reading them takes, and nothing is played."""

    description = "Captions only (no sound)"
    timing_key = "estimate"

    def duration_of(self, utterance: Utterance) -> int:
        return estimate_speech_ms(utterance)

    def attach(self, player: Player) -> Callable[[], None]:
        return lambda: None

    def prepare(self, timeline: Timeline) -> None:
        return None

    def ready_first(self, timeline: Timeline, position_ms: int = 0) -> None:
        return None

    def take_new_lengths(self) -> bool:
        return False

    def progress(self) -> tuple[int, int]:
        return (0, 0)
