"""The main window: the pages' tabs (``navigation.py``), a notice banner, and one page at a time.

While a lesson runs, its screens (check-in, player, check-out) take the whole page and the
tabs are disabled, so a stray click cannot leave a lesson without the Stop question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.desktop.widgets.banner import Banner
from ui.desktop.widgets.shortcuts import bind
from ui.desktop.window.navigation import Navigation

if TYPE_CHECKING:  # each Qt class costs on first use; these only arrive with events
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent


OPENS_AT = QSize(1100, 760)
SMALLEST = QSize(720, 480)
"""Every page is laid out for 800×600 and up; a little less still works, so a 1600×1000 screen at
scale factor 2 (800×500 to Qt) holds the whole window."""


class MainWindow(QMainWindow):
    closing = Signal()
    pack_dropped = Signal(str)  # path of a .zip dropped on the window

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Seesaw")
        self.setAcceptDrops(True)
        self._settings = settings
        self.banner = Banner()
        self.banner.changed.connect(self._notice_on_floor)
        self.pages = QStackedWidget()
        self.navigation = Navigation()
        self.navigation.chosen.connect(self.show_page)
        self._nav_row = QHBoxLayout()
        brand = QLabel("Seesaw")
        brand.setProperty("role", "title")
        self._nav_row.addWidget(brand)
        self._nav_row.addSpacing(24)
        self._nav_row.addWidget(self.navigation)
        self._nav_row.addStretch(1)
        self._session_page: QWidget | None = None
        self._builders: dict[str, Callable[[], QWidget]] = {}
        self._when_built: dict[str, list[Callable[[QWidget], object]]] = {}
        self.close_guards: list[Callable[[], bool]] = []
        """Each may ask the learner something and return False to keep the window open."""

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 8, 0, 0)
        self._nav_box = nav_box = QWidget()
        nav_box.setLayout(self._nav_row)
        self._nav_row.setContentsMargins(24, 0, 24, 0)
        layout.addWidget(nav_box)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.resize(OPENS_AT)
        self.setMinimumSize(SMALLEST)
        if settings is not None:
            geometry = settings.value("window/geometry")
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Never larger than the screen it opens on (a saved size may come from a bigger one,
        and a scale factor makes every screen smaller), nor placed off it."""
        screen = self.screen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.setMinimumSize(SMALLEST.boundedTo(room.size()))
        size = self.size().boundedTo(room.size())
        if size != self.size():
            self.resize(size)
        if not room.contains(self.geometry()):
            self.move(
                min(max(self.x(), room.left()), room.right() - size.width() + 1),
                min(max(self.y(), room.top()), room.bottom() - size.height() + 1),
            )

    def add_page(self, key: str, title: str, widget: QWidget | None, shortcut: str) -> None:
        """Add a page and its tab; ``None`` keeps the place for ``set_page``.

        Keeping places lets the first paint show the whole navigation while pages that need the
        journal or the lesson engine are built a moment later.
        """
        widget = widget if widget is not None else QWidget()
        self.navigation.add(key, title, shortcut)
        self.pages.addWidget(widget)
        bind(self, shortcut, lambda: self.navigation.choose(key), Qt.ShortcutContext.WindowShortcut)
        widget.setProperty("page-key", key)
        if len(self.navigation.keys) == 1:
            self.show_page(key)

    def defer_page(self, key: str, build: Callable[[], QWidget]) -> None:
        """Build ``key``'s page with ``build`` only when it is first shown or asked for.

        A page nobody opens costs nothing at start; its tab and shortcut are there from the
        first paint, and the wiring that needs the built page waits in ``when_built``.
        """
        if self._place(key) is None:
            raise KeyError(key)
        self._builders[key] = build

    def when_built(self, key: str, wire: Callable[[QWidget], object]) -> None:
        """Call ``wire`` with ``key``'s page once it is built: now if it is already."""
        if key in self._builders:
            self._when_built.setdefault(key, []).append(wire)
            return
        page = self._place(key)
        if page is None:
            raise KeyError(key)
        wire(page)

    def is_built(self, key: str) -> bool:
        return key not in self._builders

    def page(self, key: str) -> QWidget | None:
        """``key``'s page, built now if it was deferred and not yet built."""
        build = self._builders.pop(key, None)
        if build is not None:
            widget = build()
            self.set_page(key, widget)
            for wire in self._when_built.pop(key, []):
                wire(widget)
        return self._place(key)

    def _place(self, key: str) -> QWidget | None:
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            if widget is not None and widget.property("page-key") == key:
                return widget
        return None

    def set_page(self, key: str, widget: QWidget) -> None:
        """Put the built page in the place kept for it, staying on it if it was showing."""
        old = self._place(key)
        if old is None:
            raise KeyError(key)
        showing = self.pages.currentWidget() is old
        widget.setProperty("page-key", key)
        self.pages.insertWidget(self.pages.indexOf(old), widget)
        self.pages.removeWidget(old)
        old.deleteLater()
        if showing:
            self.pages.setCurrentWidget(widget)

    def show_page(self, key: str) -> None:
        widget = self.page(key)
        if widget is not None:
            self.pages.setCurrentWidget(widget)
            self.navigation.select(key)

    def show_session(self, widget: QWidget) -> None:
        """Put a lesson screen up, replacing the previous one of the same lesson."""
        previous, self._session_page = self._session_page, widget
        floor = getattr(previous, "floor", False)
        if hasattr(widget, "floor_requested"):
            widget.floor_requested.connect(self.toggle_floor)
        self.pages.addWidget(widget)
        self.pages.setCurrentWidget(widget)
        widget.setFocus()
        if floor and hasattr(widget, "set_floor"):
            widget.set_floor(True)  # a new screen of the same lesson stays on the floor
            self._notice_on_floor()
        elif floor:
            self.set_floor(False)  # the check-out is read at the desk: the window comes back
        if previous is not None:
            # Removed only after the new screen holds focus, so focus never leaves the window.
            self.pages.removeWidget(previous)
            previous.deleteLater()
        self.navigation.lock(True)

    def toggle_floor(self) -> None:
        """Floor mode for the lesson on screen (``player/floor.py``): full screen, no
        navigation or banner; again to leave it."""
        page = self._session_page
        if page is None or not hasattr(page, "set_floor"):
            return
        self.set_floor(not getattr(page, "floor", False))

    def set_floor(self, on: bool) -> None:
        page = self._session_page
        self._nav_box.setVisible(not on)
        # On the floor the strip stays out of sight, whatever is said meanwhile: the lesson
        # shows the latest notice large (``_notice_on_floor``). Back at the desk, the notices
        # come back, and only if there are any: an empty banner would take the caption's room.
        self.banner.hold(on)
        if on:
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        elif self.isFullScreen():
            self.showMaximized() if getattr(self, "_was_maximized", False) else self.showNormal()
        if page is not None and hasattr(page, "set_floor"):
            page.set_floor(on)
        self._notice_on_floor()

    def _notice_on_floor(self) -> None:
        """The banner's latest notice, in the floor's own large line (``PlayerView.show_notice``)."""
        page = self._session_page
        if page is not None and hasattr(page, "show_notice"):
            page.show_notice(self.banner.latest)

    def end_session(self, back_to: str = "library") -> None:
        if self._session_page is not None and getattr(self._session_page, "floor", False):
            self.set_floor(False)  # the lesson is over: back to the window as it was
        if self._session_page is not None:
            self.pages.removeWidget(self._session_page)
            self._session_page.deleteLater()
            self._session_page = None
        self.navigation.lock(False)
        self.show_page(back_to)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_pack(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_pack(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.pack_dropped.emit(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(guard() for guard in self.close_guards):
            event.ignore()
            return
        self.closing.emit()
        if self._settings is not None:
            self._settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)


def _dropped_pack(mime: QMimeData) -> str | None:
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".zip"):
            return url.toLocalFile()
    return None
