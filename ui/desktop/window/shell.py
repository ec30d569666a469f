"""The window as first painted: the whole navigation, and the lessons listed from the index.

Seesaw should be on screen as soon as Qt can draw it. Everything here comes from Qt, the settings
and the library index; ``ui.desktop.app`` then imports the lesson engine, the journal and the audio layer
and fills the kept places, in the event loop's first turn after the paint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from lesson_engine.journal.files import read_saved_place
from lesson_engine.library.index import LibraryIndex
from lesson_engine.library.listing import load_library
from lesson_engine.paths import journal_folder, lesson_folders, library_index_path
from lesson_engine.session.resume import offer_to_resume
from ui.desktop.library.view import LibraryView
from ui.desktop.window.main_window import MainWindow

PAGES = (
    ("today", "Today", "Ctrl+1"),
    ("library", "Lessons", "Ctrl+2"),
    ("exercises", "Exercises", "Ctrl+3"),
    ("journal", "Journal", "Ctrl+4"),
    ("author", "Author", "Ctrl+5"),
    ("settings", "Settings", "Ctrl+6"),
)


@dataclass(frozen=True)
class Shell:
    window: MainWindow
    library_view: LibraryView
    index: LibraryIndex
    """Read once at start: the wired app's full load checks the files against it."""


def library_index() -> LibraryIndex:
    return LibraryIndex(library_index_path())


def open_shell(settings: QSettings | None, timing: str | None = None) -> Shell:
    """The main window with every page's place kept.

    With ``timing`` (how lesson lengths are timed), the lessons the index knows are listed at
    once, and the offer to resume a saved place is made, exactly as the wired app will show them.
    """
    window = MainWindow(settings)
    library_view = LibraryView()
    index = library_index()
    for key, title, shortcut in PAGES:
        window.add_page(key, title, library_view if key == "library" else None, shortcut)
    if timing is not None:
        known = load_library(lesson_folders(), index=index, timing=timing, index_only=True)
        if known.entries:
            library_view.show_library(known, {})
        else:
            library_view.show_placeholder("Finding your lessons…")
        offer = offer_to_resume(read_saved_place(journal_folder()), known)
        library_view.show_resume(offer)
        if offer is not None:  # a lesson left halfway: its Continue comes before today's plan
            window.show_page("library")
    return Shell(window, library_view, index)
