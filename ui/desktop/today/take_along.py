""" "Take it with you…": today's run written as an audio file for a phone, off the UI thread.

Synthesising and encoding a 25-minute session takes seconds; the page stays alive meanwhile and
says when the file is written (or why it was not) in the banner. The file is written by the same
code as ``seesaw today --take-run`` (``audio/render/run_track``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from audio.render.encode import EncodingUnavailable, formats_in_words
from lesson_engine.programme.model import RunStage

AskPath = Callable[[QWidget, str], str]
"""Where to write (parent, a proposed name); "" when cancelled. Tests answer without a dialog."""


def ask_save_path(parent: QWidget, proposed: str) -> str:
    from PySide6.QtWidgets import QFileDialog  # each Qt class costs on first use: only here

    path, _ = QFileDialog.getSaveFileName(
        parent, "Take today's run with you", proposed, f"Audio ({formats_in_words()})"
    )
    return path


class RunExport(QObject):
    finished = Signal(str)
    """What to tell the learner: the file written, or why it was not."""

    def __init__(
        self,
        voice: Callable[[], str],
        cache: Path,
        cadence: Callable[[], int | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        """``cadence``: the beat while running, steps a minute, or None for none (the setting)."""
        super().__init__(parent)
        self._voice = voice
        self._cache = cache
        self._cadence = cadence
        self.worker: threading.Thread | None = None

    def start(self, stage: RunStage, out: Path) -> None:
        # Imported when a run is first taken along, not at start (the renderer is large).
        from audio.render.run_track import write_run_track

        voice, cadence = self._voice(), self._cadence()

        def work() -> None:
            try:
                track = write_run_track(stage, out, cadence=cadence, voice=voice, cache=self._cache)
            except (ValueError, EncodingUnavailable, OSError) as exc:
                self.finished.emit(f"Today's run could not be written to {out.name}: {exc}")
                return
            spoken = "" if track.spoken else " No voice was available: it holds bells only."
            self.finished.emit(
                f"Today's run is in {track.path} ({round(track.total_ms / 60_000)} min). "
                f"Start it as you set off on the warm-up walk.{spoken}"
            )

        self.worker = threading.Thread(target=work, name="take-run", daemon=True)
        self.worker.start()
