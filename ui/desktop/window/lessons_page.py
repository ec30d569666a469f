"""The Lessons page as the window first shows it: the lessons the library index knows, and the
offer to resume a saved place, before the lesson engine or the journal is loaded.

Apart from ``shell.py`` so that its modules (the library's listing, the list widget, the saved
place) load only when the page is built: at the first paint if a lesson was left halfway, or just
after it otherwise. The wired app then lists every lesson as read and timed (``ui.desktop.app``).
"""

from __future__ import annotations

from lesson_engine.journal.files import read_saved_place
from lesson_engine.library.index import LibraryIndex
from lesson_engine.library.listing import Library, load_library
from lesson_engine.paths import journal_folder, lesson_folders
from lesson_engine.session.resume import offer_to_resume
from ui.desktop.library.view import LibraryView


def index_listing(index: LibraryIndex, timing: str) -> Library:
    """Every lesson as ``index`` knows it, timed by ``timing``; empty unless it knows them all."""
    return load_library(lesson_folders(), index=index, timing=timing, index_only=True)


def lessons_page(known: Library | None) -> LibraryView:
    """The page, listing ``known`` (None: no listing yet, the wired app fills it)."""
    view = LibraryView()
    if known is None:
        return view
    if known.entries:
        view.show_library(known, {})
    else:
        view.show_placeholder("Finding your lessons…")
    view.show_resume(offer_to_resume(read_saved_place(journal_folder()), known))
    return view
