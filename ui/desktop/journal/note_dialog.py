"""The dialog for a journal note: wrapped, starting at the end of the text, a draft as it is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QPlainTextEdit, QWidget

TextDialog = Callable[[QWidget, str, str, Callable[[str], None]], "str | None"]
"""Asks for a note: parent, title, the text to start from, and where to send each change (the
draft). Returns the text, or None when cancelled. Tests answer without a dialog."""
DRAFT_AFTER_MS = 500


def ask_text(parent: QWidget, title: str, initial: str, keep: Callable[[str], None]) -> str | None:
    dialog = QInputDialog(parent)
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
    return dialog.textValue() if dialog.exec() else None
