"""A row of large buttons that becomes two rows when the window is too narrow for one.

The player's controls are big so they can be hit from the floor; at 800 px, or at a scale factor
of 2, seven of them do not fit side by side. Squeezed, they would overlap or lose their words, so
the less used ones move to a second row instead, each button keeping its full size.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


class ButtonRows(QWidget):
    def __init__(
        self,
        one_row: Sequence[QWidget],
        first: Sequence[QWidget],
        second: Sequence[QWidget],
        parent: QWidget | None = None,
    ) -> None:
        """``one_row`` is the order when they fit; otherwise ``first`` above ``second``."""
        super().__init__(parent)
        self._one_row, self._first, self._second = list(one_row), list(first), list(second)
        self._rows = (QHBoxLayout(), QHBoxLayout())
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for row in self._rows:
            column.addLayout(row)
        self.two_rows: bool | None = None
        """Whether the buttons are in two rows now (None before the first layout)."""
        self._arrange(False)

    def _needed(self) -> int:
        spacing = self._rows[0].spacing()
        hints = [button.sizeHint().width() for button in self._one_row]
        return sum(hints) + spacing * (len(hints) - 1)

    def _arrange(self, two_rows: bool) -> None:
        if two_rows is self.two_rows:
            return
        self.two_rows = two_rows
        for row in self._rows:
            while row.count():
                row.takeAt(0)
        groups = (self._first, self._second) if two_rows else (self._one_row, [])
        for row, buttons in zip(self._rows, groups, strict=True):
            if buttons:
                row.addStretch(1)
                for button in buttons:
                    row.addWidget(button)
                row.addStretch(1)
        self.setMinimumWidth(
            max(sum(b.sizeHint().width() for b in group) for group in groups if group)
            if two_rows
            else 0
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self._needed() > event.size().width())

    def rearrange(self) -> None:
        """One row or two again, for buttons whose size changed in a window that did not (floor
        mode's style makes them larger; a window already full screen gets no resize)."""
        self._arrange(self._needed() > self.width())
