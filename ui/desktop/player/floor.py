"""Floor mode: the lesson for someone lying two metres from the screen.

Full screen, with only what a learner on the floor uses: the caption, what comes next, the
timers, large controls and a legend of the keys, so a glance from the mat says what each key
does. F11 (or the Floor button) goes in and out; the lesson's end leaves it. The window hides
its navigation and banner (``MainWindow.set_floor``); the player hides the rest here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

LEGEND = "Space pause  ·  R rest  ·  ← back  ·  → next  ·  Esc stop  ·  F11 leave floor mode"
FLOOR_CAPTION_GAIN = 1.3
"""How much larger captions are in floor mode than the learner's own size."""


def legend() -> QLabel:
    label = QLabel(LEGEND)
    label.setProperty("role", "legend")
    label.setAccessibleDescription("Keys")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.hide()
    return label


def show_floor(on: bool, hidden: list[QWidget], shown: list[QWidget], page: QWidget) -> None:
    """Hide what the floor does not need, show the legend, and let the style sheet make the
    controls large (``floor`` on the page: see ``theme.stylesheet``)."""
    for widget in hidden:
        widget.setVisible(not on)
    for widget in shown:
        widget.setVisible(on)
    page.setProperty("floor", on)
    for widget in (page, *page.findChildren(QWidget)):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
