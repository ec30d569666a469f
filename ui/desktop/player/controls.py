"""The player's buttons and their keys: one table, so a button, its key and what a screen reader
hears of both can never disagree.

Each control shows a short word, is named for a screen reader by that word and its key
("Rest (R)"), and its tooltip (the accessible description) says what it does. The key is bound as
a ``QShortcut`` on the player screen (``widgets/shortcuts.py`` says why), to the same action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtWidgets import QPushButton, QWidget

from ui.desktop.widgets.shortcuts import bind, name_control


@dataclass(frozen=True)
class Control:
    key: str
    shown: str
    named: str
    does: str
    shortcut: str


CONTROLS = (
    Control(
        "previous_section",
        "‹ Section",
        "Previous section",
        "Back to the start of the previous section",
        "PgUp",
    ),
    Control("back", "Back", "Back", "Back to the start of this instruction", "Left"),
    Control("toggle", "Play", "Play", "Play or pause", "Space"),
    Control("rest", "Rest", "Rest", "Rest as long as you need", "R"),
    Control("next", "Next", "Next", "On to the next instruction", "Right"),
    Control("next_section", "Section ›", "Next section", "On to the next section", "PgDown"),
    Control("stop", "Stop", "Stop", "Stop the lesson and note how it felt", "Esc"),
)
BIG = ("toggle", "rest")
"""The two a learner on the floor reaches for: drawn larger, in the accent colour."""


def control_buttons(
    screen: QWidget, actions: Mapping[str, Callable[[], object]]
) -> dict[str, QPushButton]:
    """A button for each control, clicked or keyed (anywhere on ``screen``) to its action."""
    buttons = {}
    for control in CONTROLS:
        button = QPushButton(control.shown)
        button.setProperty("role", "big-control" if control.key in BIG else "control")
        name_control(button, control.named, control.shortcut, control.does)
        button.clicked.connect(actions[control.key])
        bind(screen, control.shortcut, actions[control.key])
        buttons[control.key] = button
    return buttons


def name_toggle(button: QPushButton) -> None:
    """Play, Pause, Resume or Play again: named anew each time its word changes."""
    toggle = next(c for c in CONTROLS if c.key == "toggle")
    name_control(button, button.text(), toggle.shortcut, toggle.does)
