"""The dialog for a journal note: wrapped, starting at the end of the text, a draft as it is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import QInputDialog, QPlainTextEdit, QWidget


class Dismissed:
    """The dialog was closed by its window, not cancelled: the X, or the desktop closing every
    window as the learner logs out or shuts down. The words typed stay as a draft."""


DISMISSED = Dismissed()
TextDialog = Callable[[QWidget, str, str, Callable[[str], None]], "str | Dismissed | None"]
"""Asks for a note: parent, title, the text to start from, and where to send each change (the
draft). Returns the text, None when cancelled (Cancel, Esc), or ``DISMISSED``. Tests answer
without a dialog."""
DRAFT_AFTER_MS = 500


class _NoteDialog(QInputDialog):
    closed_by_window = False

    def closeEvent(self, event: QCloseEvent) -> None:  # Cancel and Esc reject without closing
        self.closed_by_window = True
        super().closeEvent(event)


def ask_text(
    parent: QWidget, title: str, initial: str, keep: Callable[[str], None]
) -> str | Dismissed | None:
    dialog = _NoteDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText("Note:")
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(initial)
    dialog.resize(620, 360)  # room to read a paragraph, wrapped, not one long scrolling line
    dialog.textValueChanged.connect(keep)
    for editor in dialog.findChildren(QPlainTextEdit):
        editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Qt selects the whole note on show; one key press would replace it. Start at its end.
        QTimer.singleShot(0, lambda e=editor: e.moveCursor(QTextCursor.MoveOperation.End))
    if dialog.exec():
        return dialog.textValue()
    return DISMISSED if dialog.closed_by_window else None
