"""A non-blocking message strip: tells the learner what degraded (no sound, a damaged journal)
without a dialog they must dismiss before they can start a lesson."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        self.setAccessibleName("Notices")
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(12, 6, 8, 6)
        self.messages: list[str] = []
        self.hide()

    def add(self, message: str) -> None:
        if message in self.messages:
            return
        self.messages.append(message)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(message)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("Dismiss")
        close.setAccessibleName(f"Dismiss notice: {message}")
        close.setToolTip("Hide this notice")
        layout.addWidget(label, 1)
        layout.addWidget(close)
        close.clicked.connect(lambda: self._remove(row, message))
        self._rows.addWidget(row)
        self.show()

    def _remove(self, row: QWidget, message: str) -> None:
        self.messages.remove(message)
        row.deleteLater()
        if not self.messages:
            self.hide()
