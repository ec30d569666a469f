"""Soreness before and after lessons, a point a day, with its weeks along the axis, and sessions
per week, drawn with QPainter.

Drawn by hand rather than with a plotting library: two small series do not justify a dependency,
and painting from the palette keeps the chart right in light and dark themes. The chart draws
what it is given (``lesson_engine.journal.trend``); choosing the period is the journal view's job.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lesson_engine.journal.trend import SorenessPoint, week_starts


class SorenessChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[SorenessPoint] = []
        self.weeks: list[tuple[date, int]] = []
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Soreness chart")

    def sizeHint(self) -> QSize:
        return QSize(700, 300)

    def set_data(self, points: list[SorenessPoint], weeks: list[tuple[date, int]]) -> None:
        self.points = sorted(points, key=lambda p: p.day)
        self.weeks = weeks
        rated = [p for p in self.points if p.before is not None or p.after is not None]
        if rated:
            first, last = rated[0], rated[-1]
            self.setAccessibleDescription(
                f"{len(rated)} rated sessions from {first.day:%d %B %Y} to {last.day:%d %B %Y}; "
                f"latest soreness before {_or_dash(last.before)}, after {_or_dash(last.after)}"
            )
        else:
            self.setAccessibleDescription("No soreness recorded yet")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        before_color = QColor("#c2703d")
        bars_height = 70
        left, top, right = 44, 16, 16
        plot = QRectF(
            left, top, self.width() - left - right, self.height() - top - bars_height - 40
        )
        small = QFont(self.font())
        small.setPointSize(9)
        painter.setFont(small)

        grid = QColor(muted)
        grid.setAlpha(60)
        for level in (0, 2, 4, 6, 8, 10):
            y = plot.bottom() - plot.height() * level / 10
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, y - 8, left - 8, 16), Qt.AlignmentFlag.AlignRight, str(level)
            )

        rated = [p for p in self.points if p.before is not None or p.after is not None]
        if not rated:
            painter.setPen(muted)
            painter.drawText(
                plot,
                Qt.AlignmentFlag.AlignCenter,
                "Rate your soreness before and after a lesson\nand it will show here.",
            )
        else:
            first, last = rated[0].day, rated[-1].day
            span = max((last - first).days, 1)

            def x_of(day: date) -> float:
                if first == last:
                    return plot.center().x()
                return plot.left() + plot.width() * (day - first).days / span

            for attribute, color in (("before", before_color), ("after", accent)):
                series = [
                    (x_of(p.day), getattr(p, attribute))
                    for p in rated
                    if getattr(p, attribute) is not None
                ]
                path = QPainterPath()
                for i, (x, value) in enumerate(series):
                    point = QPointF(x, plot.bottom() - plot.height() * value / 10)
                    path.moveTo(point) if i == 0 else path.lineTo(point)
                painter.setPen(QPen(color, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
                painter.setBrush(color)
                for x, value in series:
                    painter.drawEllipse(
                        QPointF(x, plot.bottom() - plot.height() * value / 10), 3.5, 3.5
                    )
            for x, label in week_labels(first, last, x_of):
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
                painter.setPen(muted)
                inside = min(max(x - LABEL_WIDTH / 2, 0), self.width() - LABEL_WIDTH)
                painter.drawText(
                    QRectF(inside, plot.bottom() + 4, LABEL_WIDTH, 16),
                    Qt.AlignmentFlag.AlignCenter,
                    label,
                )

        legend_y = plot.bottom() + 22
        for i, (label, color) in enumerate(
            (("before the lesson", before_color), ("after the lesson", accent))
        ):
            x = plot.left() + i * 170
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x + 5, legend_y + 7), 5, 5)
            painter.setPen(text)
            painter.drawText(QRectF(x + 14, legend_y, 150, 16), Qt.AlignmentFlag.AlignLeft, label)

        bars = QRectF(plot.left(), self.height() - bars_height + 6, plot.width(), bars_height - 24)
        if self.weeks:
            peak = max(max(count for _, count in self.weeks), 1)
            width = bars.width() / len(self.weeks)
            for i, (_, count) in enumerate(self.weeks):
                height = bars.height() * count / peak
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(accent if count else grid)
                painter.drawRoundedRect(
                    QRectF(
                        bars.left() + i * width + 3,
                        bars.bottom() - max(height, 2),
                        width - 6,
                        max(height, 2),
                    ),
                    2,
                    2,
                )
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, bars.top() - 2, left - 8, 16), Qt.AlignmentFlag.AlignRight, str(peak)
            )
            painter.drawText(
                QRectF(bars.left(), bars.bottom() + 2, bars.width(), 16),
                Qt.AlignmentFlag.AlignLeft,
                f"Sessions per week, last {len(self.weeks)} weeks",
            )
        painter.end()


LABEL_WIDTH = 84
"""Room for one date under the axis ("29 Sep 2026"); labels closer than this are left out."""


def week_labels(first: date, last: date, x_of: Callable[[date], float]) -> list[tuple[float, str]]:
    """Where each week starts along the axis, labelled with its Monday ("16 Nov"), as many as
    fit without touching; the year is added where it changes and on the first label."""
    labels: list[tuple[float, str]] = []
    year = None
    for monday in week_starts(first, last):
        x = x_of(max(monday, first))
        if labels and x - labels[-1][0] < LABEL_WIDTH:
            continue
        label = f"{monday.day} {monday:%b}" + ("" if monday.year == year else f" {monday.year}")
        year = monday.year
        labels.append((x, label))
    return labels


def _or_dash(value: int | None) -> str:
    return "–" if value is None else str(value)
