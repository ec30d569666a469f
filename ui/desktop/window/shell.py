"""The window as first painted: the whole navigation, and the page it opens on.

Seesaw should be on screen as soon as Qt can draw it. The first paint shows the tabs and the page
the window opens on: Today, which ``ui.desktop.app`` fills a moment later with the lesson engine,
the journal and the audio, or, when a lesson was left halfway, the Lessons page with its offer to
continue, listed from the library index and the saved place. The Lessons page is otherwise built
just after the paint (``lessons_page.py``: its modules and its list cost some 30 ms), or at once
if its tab is chosen first.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from lesson_engine.journal.files import checkpoint_path
from lesson_engine.paths import journal_folder, library_index_path
from ui.desktop.window.main_window import MainWindow

if TYPE_CHECKING:  # loaded with the Lessons page, after the first paint unless it is shown
    from lesson_engine.library.index import LibraryIndex
    from lesson_engine.library.listing import Library
    from ui.desktop.library.view import LibraryView

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
    timing: str | None = None
    """How lesson lengths are timed; with it, the Lessons page lists what the index knows."""

    @functools.cached_property
    def index(self) -> LibraryIndex:
        """Read once at start: the wired app's full load checks the files against it."""
        from lesson_engine.library.index import LibraryIndex

        return LibraryIndex(library_index_path())

    @functools.cached_property
    def listing(self) -> Library | None:
        """The lessons as the index knows them, read once: the Lessons page shows them first,
        and the wired app takes them as its first full read when they are complete and timed
        as its voice times them (``Library`` is empty when any file changed since indexed)."""
        if self.timing is None:
            return None
        from ui.desktop.window.lessons_page import index_listing

        return index_listing(self.index, self.timing)

    def listing_for(self, timing: str) -> Library | None:
        """``listing`` if it is complete and timed by ``timing``, else None: read it all."""
        if self.timing != timing:
            return None
        known = self.listing
        return known if known is not None and known.entries else None

    @property
    def library_view(self) -> LibraryView:
        """The Lessons page, built now if it was not yet."""
        from ui.desktop.library.view import LibraryView

        page = self.window.page("library")
        assert isinstance(page, LibraryView)
        return page

    def library_view_to_fill(self) -> LibraryView:
        """The Lessons page for the wired app, which fills it at once (``refresh_library``): if
        it was not built yet it is built empty, so its list is not drawn twice."""
        if not self.window.is_built("library"):
            from ui.desktop.library.view import LibraryView

            self.window.defer_page("library", LibraryView)
        return self.library_view

    def build_lessons_page(self) -> LibraryView:
        from ui.desktop.window.lessons_page import lessons_page

        return lessons_page(self.listing)


def open_shell(settings: QSettings | None, timing: str | None = None) -> Shell:
    """The main window with every page's place kept.

    With ``timing``, the Lessons page lists the lessons the index knows and makes the offer to
    resume a saved place, exactly as the wired app will show them; a saved place opens the
    window on it.
    """
    window = MainWindow(settings)
    for key, title, shortcut in PAGES:
        window.add_page(key, title, None, shortcut)
    shell = Shell(window, timing)
    window.defer_page("library", shell.build_lessons_page)
    left_halfway = timing is not None and checkpoint_path(journal_folder()).exists()
    if left_halfway and shell.library_view.resume_offer is not None:
        window.show_page("library")  # its Continue comes before today's plan
    return shell
