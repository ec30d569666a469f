"""Correcting a session's soreness ratings, before and after, as the learner remembers them.

A rating given in a hurry (the wrong number tapped on the check-out, a level skipped) would bend
the chart for good; the learner can set it right, or clear it, later. Where it hurt and on which
side stay as they were given: those are chosen on the check-in, not remembered numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.journal.records import SessionEntry, Soreness
from lesson_engine.journal.validation import MAX_SORENESS

AskRatings = Callable[[QWidget, SessionEntry], "SessionEntry | None"]
"""Shows the ratings of a session and returns it corrected, or None when cancelled."""

NOT_RATED = -1


class RatingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, session: SessionEntry) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Soreness ratings: {session.lesson_title}")
        self._session = session
        self.before = self._rating(session.before, "Soreness before the lesson, 0 to 10")
        self.after = self._rating(session.after, "Soreness after the lesson, 0 to 10")
        explain = QLabel(f"{session.day:%A %d %B %Y}. 0 is no pain, 10 the worst you can imagine.")
        explain.setWordWrap(True)
        explain.setProperty("role", "muted")
        form = QFormLayout()
        form.addRow("Before", self.before)
        form.addRow("After", self.after)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _rating(soreness: Soreness, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(NOT_RATED, MAX_SORENESS)
        spin.setSpecialValueText("not rated")
        spin.setValue(NOT_RATED if soreness.level is None else soreness.level)
        spin.setAccessibleName(name)
        return spin

    def corrected(self) -> SessionEntry:
        def level(spin: QSpinBox) -> int | None:
            return None if spin.value() == NOT_RATED else spin.value()

        return replace(
            self._session,
            before=replace(self._session.before, level=level(self.before)),
            after=replace(self._session.after, level=level(self.after)),
        )


def ask_ratings(parent: QWidget, session: SessionEntry) -> SessionEntry | None:
    dialog = RatingsDialog(parent, session)
    return dialog.corrected() if dialog.exec() else None
