"""Export audio from the Author page: the lesson on screen written as WAV, OGG or MP3.

Synthesising a long lesson takes minutes, so the work runs on a thread of its own while the page
stays alive, with a progress bar and a Cancel that stops it between two cues or events. The file
is made by ``audio.render.track.render_lesson``, the same code as ``seesaw render``, which writes
beside the target and puts the file in place only when whole: a cancel or a failure leaves
whatever was there before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from audio.render.encode import EncodingUnavailable, check_can_write
from audio.render.track import RenderCancelled, render_lesson
from audio.voices.chain import VoiceChain
from lesson_engine.model.lesson import Lesson
from lesson_engine.script.durations import format_clock

MakeChain = Callable[[], VoiceChain]
"""The voice to export with, made on the export's own thread (loading a voice takes time)."""

STAGES = {"voice": (0, 70), "render": (70, 90), "encode": (90, 99)}
"""Where each stage of ``render_lesson`` runs on the bar, in percent: the voice is the slow part;
100 is shown only once the file is in place."""


def percent(stage: str, done: int, total: int) -> int:
    low, high = STAGES.get(stage, (0, 99))
    return low + (high - low) * done // max(total, 1)


def cannot_write(out: Path) -> str:
    """Why ``out`` cannot be written at all (a format Seesaw lacks, no ffmpeg), or ""."""
    try:
        check_can_write(out)
    except (ValueError, EncodingUnavailable) as exc:
        return f"Could not export to {out.name}: {exc}."
    return ""


class LessonExport(QObject):
    """One export at a time, off the UI thread; its signals arrive on the UI thread."""

    progress = Signal(int)  # percent
    finished = Signal(bool, str)  # written, and what to tell the author

    def __init__(self, make_chain: MakeChain, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._make_chain = make_chain
        self._cancel = threading.Event()
        self.worker: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.is_alive()

    def start(self, lesson: Lesson, out: Path) -> None:
        self._cancel = cancel = threading.Event()
        self.progress.emit(0)

        def work() -> None:
            try:
                chain = self._make_chain()
                timeline = render_lesson(
                    lesson,
                    chain,
                    out,
                    lambda stage, done, total: self.progress.emit(percent(stage, done, total)),
                    cancel.is_set,
                )
            except RenderCancelled:
                self.finished.emit(False, f"Export cancelled: {out.name} was not written.")
                return
            except (ValueError, EncodingUnavailable) as exc:
                self.finished.emit(False, f"Could not export to {out.name}: {exc}.")
                return
            except OSError as exc:
                self.finished.emit(
                    False,
                    f"Could not write {out}: {exc.strerror or exc}. Nothing was replaced, and "
                    "the lesson is as it was.",
                )
                return
            self.progress.emit(100)
            notes = "".join(f" Note: {problem}" for problem in chain.problems)
            self.finished.emit(
                True,
                f"Exported “{lesson.title}” to {out} ({format_clock(timeline.total_ms)}, "
                f"{chain.description[0].lower()}{chain.description[1:]}).{notes}",
            )

        self.worker = threading.Thread(target=work, name="author-export", daemon=True)
        self.worker.start()

    def cancel(self) -> None:
        self._cancel.set()

    def stop(self, wait_s: float = 5.0) -> None:
        """Seesaw is closing: cancel, and give the export a moment to take its temporary file
        away (it stops at the next cue or event), so no stray file is left beside the target."""
        self.cancel()
        if self.worker is not None:
            self.worker.join(wait_s)


class ExportBar(QWidget):
    """The export's progress and its Cancel, shown only while an export runs."""

    def __init__(self, export: LessonExport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.export = export
        self.label = QLabel("Exporting…")
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setAccessibleName("Export progress")
        self.cancel = QPushButton("Cancel export")
        self.cancel.setAccessibleName("Cancel export")
        self.cancel.setToolTip("Stop the export; nothing is written")
        self.cancel.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel)
        export.progress.connect(self.bar.setValue)
        export.finished.connect(lambda _written, _message: self.hide())
        self.hide()

    def begin(self, out: Path) -> None:
        self.label.setText(f"Exporting {out.name}…")
        self.bar.setValue(0)
        self.cancel.setEnabled(True)
        self.show()

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.label.setText("Cancelling…")
        self.export.cancel()
