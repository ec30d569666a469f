"""The Author page's Record this cue…: the author's own voice for the cue under the cursor.

Record, watch the level meter, Stop, listen, Retake as often as needed, then Use this take: the
take is trimmed of the room before and after it, made as loud as the voice that reads the other
cues, saved in the lesson's ``clips`` folder and put above the cue as ``[audio clips/…]``, as
Attach recording… does with a file. The capture itself is ``audio.capture``'s.

The take is written by the app's one writer, after every write asked before it, never on the
window's thread; the dialog stays open, saying so, until the take is on disk, and only then
closes and the line goes in. A disk that refuses it is said in the dialog, with the take still
there to use again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audio.capture.microphone import CaptureUnavailable, Microphone
from audio.capture.takes import UnusableTake, ready, save_take
from audio.output.protocol import AudioOutput
from audio.pcm import Clip
from lesson_engine.journal.writer import Later, at_once
from lesson_engine.script.durations import format_clock
from ui.desktop.widgets.button_line import add_buttons
from ui.desktop.widgets.shortcuts import bind
from ui.desktop.widgets.written import WhenWritten, refusal_in_words

METER_EVERY_MS = 50


class RecordCueDialog(QDialog):
    def __init__(
        self,
        cue_text: str,
        microphone: Microphone,
        voice: Callable[[], Clip | None],
        output: Callable[[], AudioOutput | None],
        parent: QWidget | None = None,
        *,
        save: Callable[[Clip], Path],
        later: Later = at_once,
    ) -> None:
        """``voice``: the voice's clip of the cue, which the take is made as loud as; ``save``
        writes a take and says where (raising OSError when the disk refuses), run by
        ``later``: the app's writer, in order with every other write."""
        super().__init__(parent)
        self.setWindowTitle("Record this cue")
        self.microphone = microphone
        self._voice = voice
        self._output = output
        self._save = save
        self._later = later
        self._when = WhenWritten(self)
        self.take: Clip | None = None
        self.saving = False
        self.saved: Path | None = None
        """Where the take used is, once on disk."""
        words = QLabel(f"“{cue_text}”")
        words.setWordWrap(True)
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Microphone level")
        self.status = QLabel("Press Record, say the cue, then press Stop.")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        self.buttons = add_buttons(
            row,
            [
                ("record", "Record", "", self.record),
                ("stop", "Stop", "", self.stop),
                ("play", "Play take", "", self.play),
                ("retake", "Retake", "Record the cue again", self.record),
                ("use", "Use this take", "", self.use),
                ("cancel", "Cancel", "", self.reject),
            ],
        )
        self.buttons["use"].setProperty("role", "primary")
        layout = self._column = QVBoxLayout(self)
        layout.addWidget(words)
        layout.addWidget(self.meter)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(METER_EVERY_MS)
        self._meter_timer.timeout.connect(self._show_level)
        self.finished.connect(lambda _result: self._end())
        self._enable()

    def _say(self, text: str) -> None:
        """Show ``text`` under the meter, taller if it needs: the note after Stop or an error
        wraps to more lines than the first one, and the dialog keeps the height it opened with
        unless told (the words were cut and the buttons squeezed)."""
        self.status.setText(text)
        self._column.activate()
        needed = self._column.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _enable(self) -> None:
        recording, saving = self.microphone.recording, self.saving
        self.buttons["record"].setVisible(self.take is None)
        self.buttons["record"].setEnabled(not recording)
        self.buttons["stop"].setEnabled(recording)
        self.buttons["retake"].setVisible(self.take is not None)
        self.buttons["retake"].setEnabled(not saving)
        for key in ("play", "use"):
            self.buttons[key].setEnabled(self.take is not None and not recording and not saving)
        self.buttons["cancel"].setEnabled(not saving)

    def record(self) -> None:
        self.take = None
        try:
            self.microphone.start()
        except CaptureUnavailable as exc:
            self._say(f"{str(exc)[0].upper()}{str(exc)[1:]}.")
            return
        self._say("Recording… press Stop when you have said the cue.")
        self._meter_timer.start()
        self._enable()

    def _show_level(self) -> None:
        self.meter.setValue(round(min(self.microphone.level(), 1.0) * 100))
        if self.microphone.recording:
            self._say(f"Recording… {format_clock(self.microphone.take().duration_ms)}")

    def stop(self) -> None:
        raw = self.microphone.stop()
        self._meter_timer.stop()
        self.meter.setValue(0)
        try:
            self.take = ready(raw, self._voice())
        except UnusableTake as exc:
            self.take = None
            self._say(f"{str(exc)[0].upper()}{str(exc)[1:]}. Try again, a little louder.")
        else:
            seconds = self.take.duration_ms / 1000
            self._say(
                f"A take of {seconds:.1f} s, trimmed and as loud as the voice. "
                "Play it, take it again, or use it."
            )
        self._enable()

    def use(self) -> None:
        """Hand the take to the writer; the dialog closes once it is on disk."""
        if self.take is None or self.saving:
            return
        take = self.take
        self.saving = True
        self._say("Saving the take…")
        self._enable()
        self._when.behind(self._later, lambda: self._save(take), self._saved, self._refused)

    def _saved(self, path: Path) -> None:
        self.saving, self.saved = False, path
        self.accept()

    def _refused(self, problem: Exception) -> None:
        self.saving = False
        self._say(
            f"The take could not be saved: {refusal_in_words(problem)}. It is still here: "
            "use it again once the disk has room, or cancel."
        )
        self._enable()

    def reject(self) -> None:
        """Cancel, Escape or the window's close: not while the take is being written (where
        it lands is what the page must say)."""
        if not self.saving:
            super().reject()

    def play(self) -> None:
        output = self._output()
        if output is None or self.take is None:
            self._say("Sound is off or could not start, so the take cannot be heard.")
            return
        output.play(self.take)

    def _end(self) -> None:
        self._meter_timer.stop()
        self.microphone.stop()
        output = self._output()
        if output is not None:
            output.stop()


@dataclass
class RecordCue:
    """Record this cue…, from the dialog to the saved take; the Author page inserts the line."""

    parent: QWidget
    show: Callable[[RecordCueDialog], bool] = lambda dialog: dialog.exec() == 1
    output: Callable[[], AudioOutput | None] = lambda: None
    voice: Callable[[str], Clip | None] = lambda _text: None
    """The voice's clip of a cue's words (set by the app): a take is made as loud."""
    later: Later = at_once
    """Where the take is written: the app's one writer (``Journal.later``), or at once."""

    def button(self, action: Callable[[], None]) -> QPushButton:
        button = QPushButton("Record this cue…")
        button.setToolTip("Record your own voice for the cue under the cursor (Ctrl+Shift+R)")
        button.setAccessibleName("Record this cue")
        button.clicked.connect(action)
        bind(self.parent, "Ctrl+Shift+R", action)
        return button

    def run(self, cue_text: str, clips: Path) -> Path | None:
        """The take used, once on disk in ``clips``; None when the author cancelled (a disk
        that refused it was said in the dialog, which stayed open with the take)."""
        dialog = RecordCueDialog(
            cue_text,
            Microphone(),
            lambda: self.voice(cue_text),
            self.output,
            self.parent,
            save=lambda take: save_take(take, clips, cue_text),
            later=self.later,
        )
        return dialog.saved if self.show(dialog) else None
