"""The side-by-side table: two or three entries, every attribute a row, the rows that differ
tinted, so what sets the entries apart is seen before it is read."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from lesson_engine.catalogue.comparison import Row

DIFFERS = QColor(224, 184, 92, 70)


def show_comparison(table: QTableWidget, names: list[str], rows: list[Row]) -> None:
    """Fill ``table`` with ``rows`` (one column an entry, headed by its name) and show it."""
    table.clear()
    table.setRowCount(len(rows))
    table.setColumnCount(len(names))
    table.setHorizontalHeaderLabels(names)
    table.setVerticalHeaderLabels([r.label.split(":")[0] for r in rows])
    for row, line in enumerate(rows):
        heading = table.verticalHeaderItem(row)
        if heading is not None:
            heading.setToolTip(line.label)
        for column, value in enumerate(line.values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if line.differs:
                item.setBackground(QBrush(DIFFERS))
            table.setItem(row, column, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.resizeRowsToContents()
    table.show()
