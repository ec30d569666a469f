"""The rest screen: the timer in large type, and what resting means for the lesson.

It replaces the caption while the learner rests (a rest they chose, which lasts as long as they
want) or while the script's suggested rest runs (which ends on its own). A chosen rest counts its
suggested time down and then, past zero, how much longer they rested: resting longer is always
allowed, and the screen says so rather than hurrying them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lesson_engine.script.durations import format_clock


class RestPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Resting")
        self.title.setProperty("role", "rest-title")
        self.timer = QLabel("0:00")
        self.timer.setProperty("role", "rest-timer")
        self.timer.setAccessibleDescription("Rest timer")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title, self.timer, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)

    def show_rest(self, remaining_ms: int, *, chosen: bool, caption: str) -> None:
        """``remaining_ms`` of the suggested rest (below zero once it is over); ``chosen`` for
        a rest the learner took, else the script's own, whose ``caption`` says what to do."""
        if remaining_ms >= 0:
            self.timer.setText(format_clock(remaining_ms + 999))
        else:
            self.timer.setText(f"+{format_clock(-remaining_ms)}")
        if chosen:
            self.title.setText("Resting")
            self.hint.setText(
                (
                    "The suggested rest is over; the timer counts how much longer you rested. "
                    if remaining_ms < 0
                    else ""
                )
                + "Rest as long as you need. When you press Resume (Space), "
                "the last instruction is said again."
            )
        else:
            self.title.setText("Suggested rest")
            self.hint.setText(
                f"{caption}\nThe lesson goes on when the timer ends. Press Rest (R) to rest longer."
            )
