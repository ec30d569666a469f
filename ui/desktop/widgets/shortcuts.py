"""Keyboard shortcuts that act at once, and the one way a control names its key.

A button's own ``setShortcut`` animates a click and fires about 100 ms later; a learner on the
floor pressing Space expects the voice to stop now. So every shortcut is a ``QShortcut`` bound to
the same action as its button.

That leaves Qt nothing to tell a screen reader about the key (it reads a button's own shortcut
only), so ``name_control`` puts it in words: the accessible name is what the button says and its
key ("Pause (Space)"), and the tooltip, which Qt passes on as the accessible description, says
what it does and the key again. Keys are written as the system writes them (``NativeText``:
"Ctrl+1" here, "⌘1" on a Mac).
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


def key_text(keys: str) -> str:
    """``keys`` as this system shows them to people."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def with_keys(words: str, keys: str) -> str:
    return f"{words} ({key_text(keys)})"


def name_control(widget: QWidget, label: str, keys: str, does: str | None = None) -> None:
    """Name ``widget`` for a screen reader and a tooltip by its ``label`` and its ``keys``;
    ``does`` says more in the tooltip (and so the description) than the label can."""
    widget.setAccessibleName(with_keys(label, keys))
    widget.setToolTip(with_keys(does or label, keys))
