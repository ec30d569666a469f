"""A page that scrolls as a whole rather than squeeze its rows (a small window, a large scale)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolling_page(page: QWidget, content: QWidget | None = None) -> QScrollArea:
    """Fill ``page`` with one frameless scroll area holding ``content`` (or, when None, whatever
    is set on the returned area later), its width following the page's."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    if content is not None:
        scroll.setWidget(content)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    return scroll
