"""A non-blocking message strip: tells the learner what degraded (no sound, a damaged journal)
without a dialog they must dismiss before they can start a lesson.

Most notices are said once and stay until dismissed. A notice about something that can change
while Seesaw runs (whether sound plays) is put under a key: the next word on it replaces it in
place, and one that is no longer true is withdrawn, so the strip never says what was.

On the floor (``player/floor.py``) the strip is held out of sight: a strip of small words and
Dismiss buttons across the top of the lesson reads from no mat, and pushes the caption down.
The window shows the latest notice there in one large line instead (``latest``, ``changed``),
and the strip comes back, with every notice, once the learner is back at the desk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class _Notice(QWidget):
    """One row: the words, selectable, and the button that dismisses them."""

    def __init__(self, message: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton("Dismiss")
        self.close_button.setToolTip("Hide this notice")
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.say(message)

    @property
    def message(self) -> str:
        return self.label.text()

    def say(self, message: str) -> None:
        self.label.setText(message)
        self.close_button.setAccessibleName(f"Dismiss notice: {message}")


class Banner(QFrame):
    changed = Signal()
    """A notice was said, reworded or withdrawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._held = False
        self._said: list[str] = []
        """The keys of the notices shown, the one said or reworded last at the end."""
        self.setProperty("role", "banner")
        self.setAccessibleName("Notices")
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(12, 6, 8, 6)
        self._notices: dict[str, _Notice] = {}
        """Each notice shown, oldest first, by its key (its own words, unless put under one)."""
        self.hide()

    @property
    def messages(self) -> list[str]:
        """The notices shown, oldest first."""
        return [notice.message for notice in self._notices.values()]

    @property
    def latest(self) -> str:
        """The notice said or reworded last, of those shown; "" for none."""
        return self._notices[self._said[-1]].message if self._said else ""

    def hold(self, held: bool) -> None:
        """Keep the strip out of sight (on the floor), or show it again if it has notices."""
        self._held = held
        self.setVisible(not held and bool(self._notices))

    def add(self, message: str) -> None:
        """Say ``message`` until it is dismissed; said already, it is not said twice."""
        if message not in self.messages:
            self.put(message, message)

    def put(self, key: str, message: str) -> None:
        """Say ``message`` as the notice under ``key``, in place of what it said before;
        "" withdraws it."""
        if not message:
            self.withdraw(key)
            return
        if key in self._said:
            self._said.remove(key)
        self._said.append(key)
        shown = self._notices.get(key)
        if shown is not None:
            shown.say(message)
        else:
            notice = self._notices[key] = _Notice(message)
            notice.close_button.clicked.connect(lambda: self.withdraw(key))
            self._rows.addWidget(notice)
            self.setVisible(not self._held)
        self.changed.emit()

    def withdraw(self, key: str) -> None:
        """Take away the notice under ``key``, if it is shown (dismissed, or no longer true)."""
        notice = self._notices.pop(key, None)
        if notice is None:
            return
        self._said.remove(key)
        notice.hide()
        notice.deleteLater()
        if not self._notices:
            self.hide()
        self.changed.emit()
