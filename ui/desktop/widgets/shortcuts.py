"""Keyboard shortcuts that act at once.

A button's own ``setShortcut`` animates a click and fires about 100 ms later; a learner on the
floor pressing Space expects the voice to stop now. So every shortcut is a ``QShortcut`` bound to
the same action as its button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def bind(
    parent: QWidget,
    keys: str | QKeySequence | Qt.Key,
    action: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QShortcut:
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    shortcut = QShortcut(sequence, parent)
    shortcut.setContext(context)
    shortcut.activated.connect(action)
    return shortcut
