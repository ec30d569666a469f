"""The window as first painted: the whole navigation, and the lessons listed from the index.

Seesaw should be on screen as soon as Qt can draw it. Everything here comes from Qt, the settings
and the library index; ``ui.app`` then imports the lesson engine, the journal and the audio layer
and fills the kept places, right after the first paint and before any click is handled.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from lesson_engine.library import load_library
from lesson_engine.library_index import LibraryIndex
from lesson_engine.paths import cache_dir, lesson_folders

from .library_view import LibraryView
from .main_window import MainWindow

PAGES = (
    ("library", "Lessons", "Ctrl+1"),
    ("exercises", "Exercises", "Ctrl+2"),
    ("journal", "Journal", "Ctrl+3"),
    ("author", "Author", "Ctrl+4"),
    ("settings", "Settings", "Ctrl+5"),
)


@dataclass(frozen=True)
class Shell:
    window: MainWindow
    library_view: LibraryView


def library_index() -> LibraryIndex:
    return LibraryIndex(cache_dir() / "library-index.json")


def open_shell(settings: QSettings | None, timing: str | None = None) -> Shell:
    """The main window with every page's place kept; with ``timing``, the indexed lessons shown."""
    window = MainWindow(settings)
    library_view = LibraryView()
    for key, title, shortcut in PAGES:
        window.add_page(key, title, library_view if key == "library" else None, shortcut)
    if timing is not None:
        known = load_library(
            lesson_folders(), index=library_index(), timing=timing, index_only=True
        )
        library_view.show_library(known, {})
    return Shell(window, library_view)
