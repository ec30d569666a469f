"""Floor mode: the lesson for someone lying two metres from the screen.

Full screen, with only what a learner on the floor uses: the caption, what comes next, the
timers, large controls and a legend of the keys, so a glance from the mat says what each key
does. F11 (or the Floor button) goes in and out; the lesson's end leaves it. The window hides
its navigation and banner (``MainWindow.set_floor``); the player hides the rest here.

A notice said while the learner is on the floor (the sound stopped, the place could not be
saved) shows in large type under the section's name (``FloorNotice``): in the layout, so it
covers neither the caption (which fits itself to the room left) nor Pause and Rest; it goes
when the notice is withdrawn, and the banner has it, with the others, back at the desk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

KEYS = ("Space pause", "R rest", "← back", "→ next", "Esc stop", "F11 leave floor mode")
LEGEND = " · ".join(key.replace(" ", "\N{NO-BREAK SPACE}") for key in KEYS)
"""The keys in one line with single spaces between them (it fits an 800-pixel screen at the usual
size); where a screen is narrower it wraps between keys, never inside one ("F11 leave floor /
mode"), because each key's words are joined by no-break spaces."""
FLOOR_CAPTION_GAIN = 1.3
"""How much larger captions are in floor mode than the learner's own size."""
FLOOR_NEXT_PT = 22
"""The "Next:" line's size on the floor: still a glance ahead, but one that reads from the mat."""
LARGE_FROM_HEIGHT = 720
"""The window's height (in Qt's pixels; full screen, the screen's) from which floor mode makes the controls, the "Next:" line
and the legend larger still. Below it (an 800×600 screen, or 1600×1000 at scale factor 2, which
is 800×500 to Qt) two rows of large controls and a two-line legend would leave the caption no
room; at a scale factor the usual sizes are already that much larger on the glass."""


def legend() -> QLabel:
    label = QLabel(LEGEND)
    label.setProperty("role", "legend")
    label.setAccessibleDescription("Keys")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.hide()
    return label


class FloorNotice(QFrame):
    """The floor's line for the banner's latest notice, under the section's name: the
    banner's look (a warning stripe), large words, wrapped rather than cut, for the part that
    matters ("captions only from now on") comes last; no Dismiss to reach for from the mat."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "banner")
        self.label = QLabel()
        self.label.setProperty("role", "floor-notice")
        self.label.setWordWrap(True)
        self.label.setAccessibleDescription("Notice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)
        layout.addWidget(self.label)
        self.hide()

    @property
    def words(self) -> str:
        return self.label.text()

    def say(self, words: str, on_floor: bool) -> None:
        """``words`` ("" for none), shown only ``on_floor``."""
        self.label.setText(words)
        self.setVisible(on_floor and bool(words))


def has_room(page: QWidget) -> bool:
    """Whether the window ``page`` is in is tall enough for floor mode's larger sizes."""
    return page.window().height() >= LARGE_FROM_HEIGHT


def show_floor(on: bool, hidden: list[QWidget], shown: list[QWidget], page: QWidget) -> bool:
    """Hide what the floor does not need, show the legend, and let the style sheet make the
    controls large where the screen has room (``floor`` on the page: see ``theme.stylesheet``).
    True when they are large."""
    for widget in hidden:
        widget.setVisible(not on)
    for widget in shown:
        widget.setVisible(on)
    room = has_room(page)
    page.setProperty("floor", on and room)
    for widget in (page, *page.findChildren(QWidget)):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
    return on and room
