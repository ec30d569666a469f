"""Two charts to look at rather than read: when the pain starts in a run, and each week's running
and sessions against the plan. Painted with QPainter from the palette, as the journal's chart is,
so they are right in both themes; each says in its accessible description what it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lesson_engine.programme.outcomes import Onset, Week

PAIN = QColor("#c2703d")


class _Chart(QWidget):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(name)

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def _colours(self, painter: QPainter) -> tuple[QColor, QColor]:
        """Smooth lines, and the palette's accent and text: right in both themes."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        return (
            palette.color(QPalette.ColorRole.Highlight),
            palette.color(QPalette.ColorRole.WindowText),
        )

    def _frame(self, painter: QPainter, top_value: float, unit: str) -> QRectF:
        """The plot's rectangle, with its scale on the left in ``unit``; ``top_value`` must be
        a multiple of 4 (``nice_top``) so every line of the scale is a whole number."""
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        muted.setAlpha(110)
        plot = QRectF(40, 22, self.width() - 56, self.height() - 52)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.8, 8))
        painter.setFont(small)
        painter.setPen(QPen(muted, 1))
        for step in range(5):
            value = top_value * step / 4
            y = plot.bottom() - plot.height() * step / 4
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(
                QRectF(0, y - 9, plot.left() - 6, 18),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{value:.0f}",
            )
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRectF(0, 0, 200, 16), int(Qt.AlignmentFlag.AlignLeft), unit.strip())
        return plot


def nice_top(value: float) -> float:
    """The scale's top: above ``value``, in four equal steps of a round number of minutes."""
    for step in (5, 10, 15, 20, 25, 50, 100, 250):
        if step * 4 >= value * 1.1:
            return float(step * 4)
    return float(-(-value // 400) * 400)


class OnsetChart(_Chart):
    """Each run: a filled point where the pain started (minutes in), or a ring at the run's length
    when it did not start at all. Higher is better."""

    def __init__(self) -> None:
        super().__init__("When the pain starts in a run")
        self.onsets: list[Onset] = []

    def set_data(self, onsets: list[Onset]) -> None:
        self.onsets = onsets
        free = sum(1 for o in onsets if o.pain_free)
        if onsets:
            last = onsets[-1]
            latest = (
                f"the latest, {last.day:%d %B}, had no pain in {last.minutes:g} minutes"
                if last.pain_free
                else f"in the latest, {last.day:%d %B}, pain started {last.minutes:g} minutes in"
            )
            self.setAccessibleDescription(f"{len(onsets)} runs, {free} without pain; {latest}")
        else:
            self.setAccessibleDescription("No runs logged yet")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        accent, text = self._colours(painter)
        top = nice_top(max([o.minutes for o in self.onsets] + [15.0]))
        plot = self._frame(painter, top, "minutes")
        if not self.onsets:
            painter.setPen(text)
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), "No runs logged yet")
            return
        step = plot.width() / max(len(self.onsets), 1)
        for i, onset in enumerate(self.onsets):
            x = plot.left() + step * (i + 0.5)
            y = plot.bottom() - plot.height() * onset.minutes / top
            if onset.pain_free:
                painter.setPen(QPen(accent, 2.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(QPen(PAIN, 1))
                painter.setBrush(PAIN)
            painter.drawEllipse(QPointF(x, y), 6, 6)
        painter.setPen(text)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 6, plot.width(), 20),
            int(Qt.AlignmentFlag.AlignLeft),
            "●  pain started, minutes in      ○  no pain in the whole run",
        )


class WeeksChart(_Chart):
    """Minutes run each week as bars, the plan as a line over them, and sessions done of planned
    written under each week."""

    def __init__(self) -> None:
        super().__init__("Each week against the plan")
        self.weeks: list[Week] = []

    def set_data(self, weeks: list[Week]) -> None:
        self.weeks = weeks
        if weeks:
            last = weeks[-1]
            self.setAccessibleDescription(
                f"This week {last.ran_min:.0f} minutes run of {last.planned_min:.0f} planned, "
                f"{last.done} of {last.planned} sessions done"
            )
        else:
            self.setAccessibleDescription("No weeks yet")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        accent, text = self._colours(painter)
        top = nice_top(
            max([w.ran_min for w in self.weeks] + [w.planned_min for w in self.weeks] + [20.0])
        )
        plot = self._frame(painter, top, "minutes")
        if not self.weeks:
            return
        step = plot.width() / len(self.weeks)
        for i, week in enumerate(self.weeks):
            x = plot.left() + step * i
            height = plot.height() * week.ran_min / top
            bar = QRectF(x + step * 0.2, plot.bottom() - height, step * 0.6, height)
            painter.fillRect(bar, accent)
            planned_y = plot.bottom() - plot.height() * week.planned_min / top
            painter.setPen(QPen(text, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x + step * 0.1, planned_y), QPointF(x + step * 0.9, planned_y))
            painter.setPen(text)
            painter.drawText(
                QRectF(x, plot.bottom() + 4, step, 18),
                int(Qt.AlignmentFlag.AlignHCenter),
                f"{week.monday:%d %b}: {week.done}/{week.planned}",
            )
