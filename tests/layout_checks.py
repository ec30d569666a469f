"""What "laid out correctly" means, checked on a real window: every control inside the window,
none over another, and every word of every label, button, box and table header in its room.

Text is measured with the widget's own font metrics (the style sheet's font, once polished)
against the rectangle the layout gave it, so a word cut at an edge or a line pushed out of a
label is found whatever caused it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTableWidget,
    QWidget,
)

from ui.desktop.widgets.fitting_label import FittingLabel

CONTROLS = (
    QAbstractButton,
    QLabel,
    QComboBox,
    QLineEdit,
    QAbstractSlider,
    QAbstractScrollArea,
    QTabBar,
)
BUTTON_SLACK = 8  # a button's text needs at least 4 px either side
INDICATOR = 16 + 8  # a check box's or radio button's indicator and its spacing (theme.py)


def name_of(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    described = widget.accessibleName() or (text[:40] if isinstance(text, str) else "")
    return f"{type(widget).__name__} {described!r}"


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def scroll_context(widget: QWidget) -> QWidget | None:
    """The scroll area whose contents ``widget`` is part of (those may lie beyond its edges)."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return area
        parent = parent.parentWidget()
    return None


def shown_widgets(window: QWidget) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window) and w.window() is window and isinstance(w, CONTROLS)
    ]


def layout_problems(window: QMainWindow) -> list[str]:
    """Every problem found on what ``window`` shows now, in words; [] when it is all well."""
    problems: list[str] = []
    screen = window.screen().availableGeometry()
    if window.width() > screen.width() or window.height() > screen.height():
        problems.append(
            f"the window ({window.width()}×{window.height()}) is larger than the screen"
        )
    inside = QRect(0, 0, window.width(), window.height())
    widgets = shown_widgets(window)
    placed: list[tuple[QWidget, QRect, QWidget | None]] = []
    for widget in widgets:
        rect = rect_in(widget, window)
        context = scroll_context(widget)
        if context is None and not inside.contains(rect):
            problems.append(f"{name_of(widget)} leaves the window: {rect.getRect()}")
        problems.extend(text_problems(widget))
        if not isinstance(widget, QScrollBar | QHeaderView):
            placed.append((widget, rect, context))
    for i, (one, one_rect, one_context) in enumerate(placed):
        for other, other_rect, other_context in placed[i + 1 :]:
            if one_context is not other_context:
                continue
            if one.isAncestorOf(other) or other.isAncestorOf(one):
                continue
            overlap = one_rect.intersected(other_rect)
            if overlap.width() > 1 and overlap.height() > 1:
                problems.append(f"{name_of(one)} overlaps {name_of(other)}")
    return problems


def text_problems(widget: QWidget) -> list[str]:
    widget.ensurePolished()
    metrics = widget.fontMetrics()
    if isinstance(widget, FittingLabel):
        fits = widget.fits(widget.shown_pt or widget.chosen_pt, widget.contentsRect())
        return [] if fits or not widget.text() else [f"{name_of(widget)}: text cut"]
    if isinstance(widget, QLabel):
        return label_problems(widget, metrics)
    if isinstance(widget, QCheckBox | QRadioButton):
        needed = metrics.horizontalAdvance(widget.text()) + INDICATOR
        return [] if needed <= widget.width() else [f"{name_of(widget)}: text cut"]
    if isinstance(widget, QPushButton):
        text = widget.text().replace("&&", "&")
        if not text:
            return []
        wide = metrics.horizontalAdvance(text) + BUTTON_SLACK <= widget.width()
        tall = metrics.height() <= widget.height()
        return [] if wide and tall else [f"{name_of(widget)}: text cut ({widget.width()} px)"]
    if isinstance(widget, QComboBox):
        needed = metrics.horizontalAdvance(widget.currentText()) + 28
        return [] if needed <= widget.width() else [f"{name_of(widget)}: choice cut"]
    if isinstance(widget, QTabBar):
        return tab_problems(widget)
    if isinstance(widget, QTableWidget):
        return table_problems(widget)
    if isinstance(widget, QListWidget):
        return list_problems(widget)
    return []


def tab_problems(tabs: QTabBar) -> list[str]:
    """Each tab whole and as wide as it asks (the style sheet's font; a squeezed tab is elided)."""
    problems = []
    for index in range(tabs.count()):
        rect, wanted = tabs.tabRect(index), tabs.tabSizeHint(index)
        if rect.width() < wanted.width() or not tabs.rect().contains(rect):
            problems.append(f"tab {tabs.tabText(index)!r}: text cut ({rect.width()} px)")
    return problems


def label_problems(label: QLabel, metrics: QFontMetrics) -> list[str]:
    text = label.text()
    room = label.contentsRect()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text
    ):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(room.width())
            needed = document.size().toSize()
            needed.setWidth(min(needed.width(), room.width()))
        else:
            needed = document.size().toSize()
            needed.setWidth(int(document.idealWidth()))
    else:
        flags = Qt.TextFlag.TextWordWrap if label.wordWrap() else 0
        width = room.width() if label.wordWrap() else 1_000_000
        needed = metrics.boundingRect(QRect(0, 0, width, 1_000_000), int(flags), text).size()
    if needed.width() > room.width() + 1 or needed.height() > room.height() + 1:
        return [
            f"{name_of(label)}: text needs {needed.width()}×{needed.height()}, "
            f"has {room.width()}×{room.height()}"
        ]
    return []


def table_problems(table: QTableWidget) -> list[str]:
    problems = []
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(table.columnCount()):
        item = table.horizontalHeaderItem(column)
        if item is None or header.isSectionHidden(column):
            continue
        lines = item.text().split("\n")
        needed = max(metrics.horizontalAdvance(line) for line in lines) + 12
        if needed > header.sectionSize(column):
            problems.append(f"{name_of(table)}: column {item.text()!r} heading cut")
        if metrics.lineSpacing() * len(lines) > header.height():
            problems.append(f"{name_of(table)}: column {item.text()!r} heading cut below")
    problems.extend(item_view_problems(table, (0,), margin=6))
    return problems


def list_problems(view: QListWidget) -> list[str]:
    return item_view_problems(view, (0,), margin=8)  # the item's padding (theme.py) and more


def item_view_problems(view: QAbstractItemView, columns: tuple[int, ...], margin: int) -> list[str]:
    """The first columns' texts, each whole in its cell (wrapped where the view wraps), less
    ``margin``: the room the view keeps around a cell's text before it cuts it with "…"."""
    problems = []
    model = view.model()
    wraps = getattr(view, "wordWrap", lambda: False)()
    for row in range(model.rowCount()):
        for column in columns:
            index = model.index(row, column)
            text = str(model.data(index) or "")
            cell = view.visualRect(index)
            if not text or cell.isEmpty():
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole) or view.font()
            metrics = QFontMetrics(font)
            flags = int(Qt.TextFlag.TextWordWrap) if wraps else 0
            width = cell.width() - margin if wraps else 1_000_000
            needed = metrics.boundingRect(QRect(0, 0, width, 1_000_000), flags, text).size()
            if needed.width() > cell.width() - margin or needed.height() > cell.height():
                problems.append(f"{name_of(view)}: {text[:40]!r} cut")
    return problems
