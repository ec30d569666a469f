"""The question Stop asks before a lesson or a preview ends early, and the dialog that asks it.

Stop is the one control that loses the flow of a lesson, so it asks first; the lesson pauses
while it asks (``PlayerView.request_stop``). Tests answer with a function instead of a dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

STOP_LESSON = (
    "Stop here? Next you can note how it felt. The library keeps your place and offers to "
    "continue from it until you start a lesson from its beginning."
)
STOP_PREVIEW = "Stop the preview? Nothing from a preview goes to the journal."
ConfirmStop = Callable[[QWidget, str], bool]
"""Asks the learner ``question`` over ``parent``; True to stop. Tests answer without a dialog."""


def ask_to_stop(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(
        parent,
        "Stop?",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
