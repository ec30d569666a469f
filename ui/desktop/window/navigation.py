"""The row of pages at the top of the window: a tab bar, because that is what it is.

Screen readers announce a ``QTabBar`` as a page tab list of page tabs ("Journal, tab, 4 of 6"),
and its arrow keys move between them; the checkable buttons this replaced were read as six
check boxes, which says nothing of how they relate. Each tab is named by its title, with its
shortcut in the tab's tooltip (which Qt gives screen readers as the tab's description).

During a lesson the whole bar is disabled, so a stray click cannot leave the lesson without the
Stop question; each tab's tooltip then says how to leave.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabBar, QWidget

from ui.desktop.widgets.shortcuts import with_keys

LOCKED = (
    "Stop the lesson first (Esc) to leave it. "
    "During a lesson, Ctrl+Plus and Ctrl+Minus change the caption size."
)


class Navigation(QTabBar):
    chosen = Signal(str)  # a page's key, when the learner picks its tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Pages")
        self.setDrawBase(False)
        self.setExpanding(False)
        self.setUsesScrollButtons(False)  # every page is always in reach, however narrow
        self._keys: list[str] = []
        self._tips: list[str] = []
        self.currentChanged.connect(self._changed)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    @property
    def current_key(self) -> str | None:
        index = self.currentIndex()
        return self._keys[index] if 0 <= index < len(self._keys) else None

    def add(self, key: str, title: str, shortcut: str) -> None:
        index = self.addTab(title)
        self._keys.append(key)
        self._tips.append(with_keys(title, shortcut))
        self.setTabToolTip(index, self._tips[-1])

    def select(self, key: str) -> None:
        """Mark ``key``'s tab as the page on show, without announcing it as chosen."""
        blocked = self.blockSignals(True)
        self.setCurrentIndex(self._keys.index(key))
        self.blockSignals(blocked)

    def choose(self, key: str) -> None:
        """What a click on ``key``'s tab does (and its shortcut), if the tabs are open."""
        if self.isEnabled():
            self.chosen.emit(key)

    def lock(self, locked: bool) -> None:
        self.setEnabled(not locked)
        for index, tip in enumerate(self._tips):
            self.setTabToolTip(index, LOCKED if locked else tip)

    def _changed(self, index: int) -> None:
        if 0 <= index < len(self._keys):
            self.chosen.emit(self._keys[index])
