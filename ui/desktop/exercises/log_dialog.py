"""Logging a strength set, or correcting one: sets, repetitions or a hold, side, load, soreness.

The form starts from the dose the exercise's card gives ("3 × 15 a side"), so the card, the log
and what the learner did agree unless the learner changes it; where the sources give no dose, the
repetitions start empty and the learner says what they did. Every field can be changed, and a set
already logged opens with what it holds.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.catalogue.model import Entry
from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.records import SIDES, ExerciseLog
from lesson_engine.journal.validation import MAX_SORENESS, MAX_TEXT_CHARS

SIDE_NAMES = {"left": "Left leg", "right": "Right leg", "both": "Both legs"}
AskLog = Callable[[QWidget, str, ExerciseLog], "ExerciseLog | None"]
"""Shows the form for a set (parent, exercise name, the set to start from); None if cancelled."""


def dose_from_card(entry: Entry) -> tuple[int, int | None, str | None]:
    """Sets, repetitions and side as the card gives them ("3 × 15 a side": 3, 15, "both");
    one set with no repetitions when the sources give no dose."""
    match = re.search(r"(\d+)\s*[×x]\s*(\d+)", entry.dose)
    if match is None:
        return 1, None, None
    side = "both" if "a side" in entry.dose or "each side" in entry.dose else None
    return int(match.group(1)), int(match.group(2)), side


DRAFT_AFTER_MS = 500


def note_draft_key(log: ExerciseLog) -> str:
    return f"set-note:{log.exercise_id}:{log.id or 'new'}"


class LogSetDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        name: str,
        log: ExerciseLog,
        drafts: Drafts | None = None,
    ) -> None:
        """With ``drafts``, the note is kept as it is typed (half a second after the first
        change not yet on disk) and offered again if the form was closed by a crash or the
        window; Save or Cancel lets the draft go."""
        super().__init__(parent)
        self._drafts = drafts
        self._key = note_draft_key(log)
        kept = drafts.get(self._key) if drafts is not None else ""
        if kept:
            log = replace(log, note=kept)
        self.setWindowTitle(f"Log a set: {name}")
        self._log = log
        self.sets = self._spin(1, 20, log.sets, "Sets")
        self.reps = self._spin(0, 200, log.reps or 0, "Repetitions (0 for a hold)")
        self.hold = self._spin(0, 600, log.hold_s or 0, "Hold in seconds (0 for repetitions)")
        self.side = QComboBox()
        self.side.setAccessibleName("Side")
        self.side.addItem("Not said", None)
        for key in SIDES:
            self.side.addItem(SIDE_NAMES[key], key)
        self.side.setCurrentIndex(max(self.side.findData(log.side), 0))
        self.load = QLineEdit(log.load)
        self.load.setMaxLength(MAX_TEXT_CHARS)
        self.load.setPlaceholderText("e.g. light band, 2 kg (optional)")
        self.load.setAccessibleName("Load or band")
        self.soreness = self._spin(-1, MAX_SORENESS, -1 if log.soreness is None else log.soreness)
        self.soreness.setSpecialValueText("not rated")
        self.soreness.setAccessibleName("Soreness afterwards, 0 to 10")
        self.note = QLineEdit(log.note)
        self.note.setAccessibleName("Note")
        self.problem = QLabel("")
        self.problem.setProperty("role", "caution")
        form = QFormLayout()
        form.addRow("Sets", self.sets)
        form.addRow("Repetitions", self.reps)
        form.addRow("Or hold (s)", self.hold)
        form.addRow("Side", self.side)
        form.addRow("Load", self.load)
        form.addRow("Soreness after", self.soreness)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self._cancel)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_AFTER_MS)
        self._timer.timeout.connect(self._keep)
        if drafts is not None:
            self.note.textChanged.connect(
                lambda _text: None if self._timer.isActive() else self._timer.start()
            )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _spin(self, low: int, high: int, value: int, name: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setAccessibleName(name)
        return spin

    def result_log(self) -> ExerciseLog:
        return replace(
            self._log,
            sets=self.sets.value(),
            reps=self.reps.value() or None,
            hold_s=self.hold.value() or None,
            side=self.side.currentData(),
            load=self.load.text().strip(),
            soreness=None if self.soreness.value() < 0 else self.soreness.value(),
            note=self.note.text().strip(),
        )

    def _keep(self) -> None:
        if self._drafts is not None:
            with contextlib.suppress(OSError):  # only the safety net is lost, not the words
                self._drafts.keep(self._key, self.note.text())

    def _let_go(self) -> None:
        self._timer.stop()
        if self._drafts is not None:
            with contextlib.suppress(OSError):
                self._drafts.drop(self._key)

    def _accept(self) -> None:
        log = self.result_log()
        if log.reps is None and log.hold_s is None:
            self.problem.setText("Give the repetitions or the hold time.")
            return
        self._let_go()
        self.accept()

    def _cancel(self) -> None:
        self._let_go()
        self.reject()

    def done(self, result: int) -> None:
        """Closed by Esc or the window: the note's last half second is kept with the rest."""
        if self._timer.isActive():
            self._timer.stop()
            self._keep()
        super().done(result)


def ask_log(
    parent: QWidget, name: str, log: ExerciseLog, drafts: Drafts | None = None
) -> ExerciseLog | None:
    dialog = LogSetDialog(parent, name, log, drafts)
    return dialog.result_log() if dialog.exec() else None
