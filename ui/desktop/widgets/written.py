"""Back on the window's thread once a write is on disk.

The journal's writer thread does every durable write (``lesson_engine/journal/writer.py``) and
hands back a future that completes after the fsync. Qt widgets may only be touched on the window's
thread, so what follows a write (saying "saved", showing the new row, keeping the words when the
disk refused them) is carried back through a queued signal. When no writer is attached the write
was done on the spot, the future is already complete, and the follow-up runs at once.

Every page writes the same way (``write_behind``): "saved" is said only once the write returned,
and a refusal (a full or read-only disk, or a record the journal's checks turn down) reaches the
page as words, with whatever the learner typed still where they typed it. It says them on its
``StatusLine``: "Saving…" while the write is on its way, then what became of it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.journal.writer import Later
from lesson_engine.storage import write_problem_in_words

T = TypeVar("T")

REFUSALS = (JournalInputError, OSError)
"""What a write may be refused with that the learner can act on: a check, or the disk."""


def refusal_in_words(exc: Exception) -> str:
    """Why a write was refused, as the learner can act on it: "the disk is full", or what the
    journal's check said about what was typed."""
    return write_problem_in_words(exc) if isinstance(exc, OSError) else str(exc)


class WhenWritten(QObject):
    _written = Signal(object)
    """Carries a callable from the writer's thread to this object's, where it runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._written.connect(self._run_here)
        self._latest: dict[str, Future[Any]] = {}

    @Slot(object)
    def _run_here(self, run: Callable[[], None]) -> None:
        run()

    def then(self, future: Future[T], follow: Callable[[Future[T]], None]) -> None:
        """Run ``follow(future)`` on this object's thread once the write is done."""
        future.add_done_callback(lambda done: self._written.emit(lambda: follow(done)))

    def then_latest(self, about: str, future: Future[T], follow: Callable[[T], None]) -> None:
        """``follow(result)`` here once ``future`` is done, unless another future was handed
        in ``about`` the same thing meanwhile: only the last thing asked is answered (a
        learner who changed their mind is not told what came of the first choice)."""
        self._latest[about] = future

        def answer(done: Future[T]) -> None:
            if self._latest.get(about) is done:
                del self._latest[about]
                follow(done.result())

        self.then(future, answer)

    def write_behind(
        self,
        journal: Journal,
        write: Callable[[], T],
        saved: Callable[[T], None],
        refused: Callable[[Exception], None],
        refusals: tuple[type[Exception], ...] = REFUSALS,
    ) -> None:
        """Run ``write`` on the journal's writer, after every write asked before it; back here,
        ``saved(result)`` once it is on disk, or ``refused(reason)`` when it raised one of
        ``refusals``. Anything else is a mistake in Seesaw and is raised here, not hidden."""
        self.behind(journal.later, write, saved, refused, refusals)

    def behind(
        self,
        later: Later,
        write: Callable[[], T],
        saved: Callable[[T], None],
        refused: Callable[[Exception], None],
        refusals: tuple[type[Exception], ...] = REFUSALS,
    ) -> None:
        """``write_behind`` on ``later``: the journal's writer, or at once where none is
        attached (a page built alone, as in its own tests)."""

        def follow(done: Future[T]) -> None:
            problem = done.exception()
            if isinstance(problem, refusals):
                refused(problem)
                return
            if problem is not None:
                raise problem
            saved(done.result())

        self.then(later(write), follow)


class StatusLine(QLabel):
    """The line on a page that says what became of its writes ("Saving…", then what was saved,
    or why not) and whatever else the page has to say in passing.

    One widget for the Today, Journal and Exercises pages, so each says it the same way: in
    wrapped words, in the page's colour for them, and a refusal (``caution``) in the warning
    colour. Read its words with ``text()``.
    """

    def __init__(
        self, *, role: str = "muted", hide_when_empty: bool = False, parent: QWidget | None = None
    ) -> None:
        """``role`` is the theme's colour for what is said (``""``: the page's own text);
        ``hide_when_empty`` takes the line off the page while it has nothing to say."""
        super().__init__(parent)
        self._role = role
        self._hide_when_empty = hide_when_empty
        self.setWordWrap(True)
        self.setProperty("role", role)
        if hide_when_empty:
            self.hide()

    def say(self, words: str, *, caution: bool = False) -> None:
        role = "caution" if caution else self._role
        if self.property("role") != role:
            self.setProperty("role", role)
            self.style().unpolish(self)  # the role changes the colour
            self.style().polish(self)
        self.setText(words)
        if self._hide_when_empty:
            self.setVisible(bool(words))
