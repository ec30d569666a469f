"""How the comparison table names its columns and gives every name its room.

A column headed "S1" says nothing to a runner; each is named by its school and its source, in
whole words wrapped to the column's width (the full title and publisher are in its tooltip and
in the sources line below the table). Names in the first column wrap rather than end in "…",
and rows grow to hold them whenever the table's width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableWidget

from lesson_engine.catalogue.model import Source

MARK_COLUMN_PX = 124
SCHOOL_WORD = {"movement": "Movement", "strength": "Strength"}
LEADING = ("How to ", "Why ")


def short_title(title: str) -> str:
    """The source's title without its question words or its subtitle: "Fix Your IT Bands"."""
    for cut in (":", "(", " — "):
        title = title.split(cut, 1)[0]
    for word in LEADING:
        if title.startswith(word):
            title = title[len(word) :]
    return title.strip()


def wrap_words(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of whole words, each within ``width`` px; a last
    line that could not take every word ends in "…" after a whole word."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words and out:
        last = out[-1]
        while " " in last and metrics.horizontalAdvance(f"{last} …") > width:
            last = last.rsplit(" ", 1)[0]
        out[-1] = f"{last} …"
    return out


def source_heading(source: Source, metrics: QFontMetrics) -> str:
    """A mark column's heading: the school, then the source's short title, wrapped."""
    school = SCHOOL_WORD.get(source.school.value, source.school.label)
    room = MARK_COLUMN_PX - 14
    return "\n".join([school, *wrap_words(short_title(source.title), metrics, room, 3)])


def size_columns(table: QTableWidget, marks: int) -> None:
    """Names stretch and wrap; each mark column keeps the width its heading was wrapped to."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    for column in range(1, 1 + marks):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(column, MARK_COLUMN_PX)
    table.setWordWrap(True)
    table.resizeRowsToContents()


class _RowFitter(QObject):
    """Re-fits the rows when the table's viewport changes width (a stretched column follows it
    without saying so) or a column is resized."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self._table = table
        self._width = -1
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            width = self._table.viewport().width()
            if width != self._width:
                self._width = width
                # After the header has stretched its column to the new width, in this turn.
                QTimer.singleShot(0, self._table.resizeRowsToContents)
        return False


def keep_rows_fitted(table: QTableWidget) -> None:
    """Rows grow and shrink with their wrapped names whenever the table's width changes."""
    _RowFitter(table)


def heading_height(table: QTableWidget) -> int:
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    rows = 1
    for column in range(table.columnCount()):
        item = table.horizontalHeaderItem(column)
        if item is not None:
            rows = max(rows, item.text().count("\n") + 1)
    needed = metrics.boundingRect(QRect(0, 0, 1000, 1000), 0, "\n".join(["X"] * rows))
    return needed.height() + 12
