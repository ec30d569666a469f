"""A word-wrapped label that shrinks its text, never past a floor, to fit the room it is given.

The learner picks the caption size for reading from the floor; a long instruction in a small
window, or the largest size, must still show whole rather than be cut off mid-sentence. The text
is drawn at the chosen size whenever it fits, and only as much smaller as it needs.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter


class FittingLabel(QLabel):
    def __init__(self, parent: QWidget | None = None, *, floor_pt: int = 12) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The layout gives the label whatever room is left; its text never asks for more.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._floor_pt = floor_pt
        self._chosen_pt = floor_pt
        self._weight = 400
        self.shown_pt = 0
        """The size the text is drawn at now (for tests and the accessibility of big type)."""

    @property
    def chosen_pt(self) -> int:
        """The size asked for; the text is drawn at it whenever it fits."""
        return self._chosen_pt

    def set_points(self, chosen_pt: int, weight: int = 400) -> None:
        self._chosen_pt, self._weight = max(chosen_pt, self._floor_pt), weight
        self.shown_pt = 0
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def fits(self, points: int, room: QRect) -> bool:
        font = QFont(self.font())
        font.setPointSize(points)
        font.setWeight(QFont.Weight(self._weight))
        needed = QFontMetrics(font).boundingRect(
            QRect(0, 0, room.width(), 1_000_000), FLAGS, self.text()
        )
        return needed.width() <= room.width() and needed.height() <= room.height()

    def _fit(self) -> None:
        room = self.contentsRect()
        if room.width() <= 0 or room.height() <= 0 or self.fits(self._chosen_pt, room):
            points = self._chosen_pt
        else:
            low, high = self._floor_pt, self._chosen_pt - 1  # the largest size that fits
            while low < high:
                middle = (low + high + 1) // 2
                if self.fits(middle, room):
                    low = middle
                else:
                    high = middle - 1
            points = low
        if points != self.shown_pt:
            self.shown_pt = points
            # A style sheet, not setFont: the app's style sheet would override a font set directly.
            self.setStyleSheet(f"font-size: {points}pt; font-weight: {self._weight};")
