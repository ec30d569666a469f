"""A progress bar that shows where the sections begin, so a learner sees the shape of the lesson."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class SectionProgress(QWidget):
    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._total = 1
        self._position = 0
        self._marks: list[int] = []
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Lesson progress")

    def sizeHint(self) -> QSize:
        return QSize(400, 22)

    def set_sections(self, total_ms: int, starts_ms: list[int]) -> None:
        self._total = max(total_ms, 1)
        self._marks = [s for s in starts_ms if s > 0]
        self.update()

    def set_position(self, position_ms: int) -> None:
        if position_ms != self._position:
            self._position = position_ms
            self.setAccessibleDescription(f"{round(100 * position_ms / self._total)} percent")
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.width() > 0:
            fraction = min(max(event.position().x() / self.width(), 0.0), 1.0)
            self.seek_requested.emit(round(fraction * self._total))

    def paintEvent(self, _: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        track = palette.color(QPalette.ColorRole.PlaceholderText)
        track.setAlpha(70)
        fill = palette.color(QPalette.ColorRole.Highlight)
        bar = QRectF(0, self.height() / 2 - 4, self.width(), 8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, 4, 4)
        done = QRectF(bar)
        done.setWidth(bar.width() * min(self._position / self._total, 1.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(done, 4, 4)
        mark = QColor(palette.color(QPalette.ColorRole.WindowText))
        painter.setBrush(mark)
        for start in self._marks:
            x = self.width() * start / self._total
            painter.drawRect(QRectF(x - 1, bar.top() - 5, 2, bar.height() + 10))
        painter.end()
