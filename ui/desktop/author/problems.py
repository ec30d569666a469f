"""The Author page's list of problems, and their wavy underlines in the script.

Each problem is listed as the command line prints it (``line:column  severity: message``, then
the hint), so what the author reads here and what ``seesaw check`` prints never differ; choosing
one puts the cursor at its line and column. A problem in another file (the pack's
``lexicon.txt``, whose rules every lesson of the pack uses) is listed with that file's name and
its own line, and neither underlined nor jumped to: those lines are not the script's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPlainTextEdit, QTextEdit

from lesson_engine.script.diagnostics import Diagnostic


def cursor_at(editor: QPlainTextEdit, line: int, column: int) -> QTextCursor:
    """A cursor at ``line``:``column`` as the checker counts them (from 1), kept inside the text."""
    block = editor.document().findBlockByNumber(max(line - 1, 0))
    cursor = QTextCursor(block)
    cursor.movePosition(
        QTextCursor.MoveOperation.Right, n=min(max(column - 1, 0), max(block.length() - 1, 0))
    )
    return cursor


class ProblemList(QListWidget):
    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__()
        self.editor = editor
        self.setAccessibleName("Problems")
        self.setWordWrap(True)
        self.itemActivated.connect(self.jump)
        self.itemClicked.connect(self.jump)

    def show_problems(
        self, diagnostics: tuple[Diagnostic, ...], script: Path
    ) -> list[QTextEdit.ExtraSelection]:
        """List ``diagnostics`` (checked as ``script``); returns the script's underlines."""
        self.clear()
        marks = []
        for diagnostic in diagnostics:
            own = diagnostic.path == str(script)
            where = f"{diagnostic.line}:{diagnostic.column}"
            if not own:
                where = f"{Path(diagnostic.path).name}:{where}"
            item = QListWidgetItem(
                f"{where}  {diagnostic.severity}: {diagnostic.message}"
                + (f"\n    {diagnostic.hint}" if diagnostic.hint else "")
            )
            if diagnostic.hint:
                item.setToolTip(diagnostic.hint)
            if own:
                item.setData(Qt.ItemDataRole.UserRole, (diagnostic.line, diagnostic.column))
                marks.append(self._underline(diagnostic))
            else:
                item.setToolTip(f"In {diagnostic.path}, beside the pack's lessons")
            self.addItem(item)
        if not diagnostics:
            self.addItem(QListWidgetItem("No problems found."))
        return marks

    def jump(self, item: QListWidgetItem) -> None:
        spot = item.data(Qt.ItemDataRole.UserRole)
        if spot:
            self.editor.setTextCursor(cursor_at(self.editor, *spot))
            self.editor.setFocus()

    def _underline(self, diagnostic: Diagnostic) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#c0392b" if diagnostic.is_error else "#b7950b"))
        selection.format = fmt
        cursor = cursor_at(self.editor, diagnostic.line, diagnostic.column)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        if not cursor.hasSelection():
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
        selection.cursor = cursor
        return selection
