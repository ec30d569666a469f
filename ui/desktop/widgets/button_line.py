"""A line of plain buttons in a dialog, each named by a key so tests and code can reach it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton

ButtonSpec = tuple[str, str, str, Callable[[], object]]
"""The key, the words on the button, its tooltip ("" for none) and what it does."""


def add_buttons(row: QHBoxLayout, specs: Sequence[ButtonSpec]) -> dict[str, QPushButton]:
    """The buttons of ``specs`` added to ``row`` in order, by key."""
    made: dict[str, QPushButton] = {}
    for key, text, tip, action in specs:
        button = QPushButton(text)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False, act=action: act())
        row.addWidget(button)
        made[key] = button
    return made
