"""Saving a lesson script behind the window, on the app's one writer, with its recovery copy.

An fsync can take seconds while another program fills the disk, and the Author page shares its
thread with the window and with a preview playing beside the script. So the script is written
by the writer every other durable write goes through (``Journal.later``), after everything asked
before it (the recovery copy kept on the last pause in typing among them), and the page says
"Saved" only once the script's fsync has returned.

A save the disk refuses loses nothing: the text stays in the editor, still marked as changed,
and the writer keeps it as a recovery copy straight after the refusal, so the next start offers
it again even if Seesaw is closed in the meantime. The copy a save makes needless is removed on
the writer too, only once the script is on disk.

A lesson made for the author rather than typed (an imported recording's, ``write_made``) is
written the same way and opened only once it is on disk; refused, it is held in the editor as
unsaved text and kept as a recovery copy, so the review that made it is not lost.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from lesson_engine.journal.writer import Later
from lesson_engine.storage import write_atomically, write_problem_in_words
from ui.desktop.author.recovery import RecoveryCopies
from ui.desktop.widgets.written import WhenWritten


@dataclass(frozen=True)
class Refused:
    """Why a save did not reach the disk, and whether its text is kept as a recovery copy."""

    reason: str
    kept: bool

    def words(self, path: Path) -> str:
        kept = " It is also kept as a recovery copy, offered again when Seesaw starts."
        kept = kept if self.kept else ""
        return f"Could not save {path}: {self.reason}. Your text is still here.{kept}"


def write_or_keep(
    path: Path, text: str, kept_as: Path | None, recovery: RecoveryCopies
) -> Refused | None:
    """Write ``text`` to ``path`` durably (run on the writer); None once it is on disk, or why
    the disk refused, ``text`` then kept as the recovery copy of ``kept_as``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"), shared=True)
    except OSError as exc:
        return Refused(write_problem_in_words(exc), recovery.write_quietly(kept_as, text))
    return None


def save_script(
    path: Path, text: str, kept_as: Path | None, recovery: RecoveryCopies
) -> Refused | None:
    """``write_or_keep`` for the editor's text (run on the writer). ``kept_as`` is the lesson
    the editor holds it as (None for a new one): its recovery copy is removed once the script
    is saved, or written with ``text`` if the disk refused."""
    refused = write_or_keep(path, text, kept_as, recovery)
    if refused is None:
        recovery.remove(kept_as)
    return refused


class ScriptPage(Protocol):
    """What saving asks of the Author page (``view.AuthorView``)."""

    path: Path | None
    recovery: RecoveryCopies

    @property
    def modified(self) -> bool: ...

    def script(self) -> str:
        """The text in the editor now."""
        ...

    def ask_unsaved(self) -> str:
        """ "save", "discard" or "cancel", for the text in the editor."""
        ...

    def save(self) -> Future[Refused | None] | None: ...

    def say(self, message: str) -> None: ...

    def took(self, path: Path, text: str, kept_as: Path | None) -> None:
        """``text`` is on disk as ``path``, the file the editor holds from now on (it held
        ``kept_as`` when it was saved)."""
        ...

    def open_file(self, path: Path) -> None:
        """Put the lesson saved as ``path`` in the editor (its text let go already)."""
        ...

    def take_unsaved(self, text: str, path: Path | None) -> None:
        """Put ``text``, not on disk as ``path``, in the editor as changed (its text let go
        already)."""
        ...


class ScriptSaving(QObject):
    """The page's saves, handed to the writer, and what leaving its text asks first."""

    saved = Signal(str)
    """The path written, once it is on disk: the library lists what was saved at once."""

    def __init__(self, page: ScriptPage, later: Later, parent: QObject) -> None:
        super().__init__(parent)
        self._page = page
        self._later = later
        self._when = WhenWritten(self)
        self._loads = 0

    def loaded(self) -> None:
        """Another text is in the editor: a save on its way no longer speaks for the editor."""
        self._loads += 1

    def write(self, path: Path) -> Future[Refused | None]:
        """Hand the editor's text to the writer, to be saved as ``path`` after every write
        asked before it; the future holds None once it is on disk, or why it was refused."""
        page = self._page
        text, kept_as, loads = page.script(), page.path, self._loads
        page.say(f"Saving {path.name}…")
        saving = self._later(lambda: save_script(path, text, kept_as, page.recovery))
        self._when.then(saving, lambda done: self._written(path, text, kept_as, loads, done))
        return saving

    def _written(
        self,
        path: Path,
        text: str,
        kept_as: Path | None,
        loads: int,
        done: Future[Refused | None],
    ) -> None:
        refused = done.result()  # anything but a refusal is a mistake in Seesaw: raised here
        still_here = loads == self._loads  # not if another lesson was opened meanwhile
        if refused is not None:
            gone = f"Could not save {path}: {refused.reason}."  # the author let that text go
            self._page.say(refused.words(path) if still_here else gone)
            return
        if still_here:
            self._page.took(path, text, kept_as)
        self._page.say(f"Saved {path.name}.")
        self.saved.emit(str(path))

    def write_made(self, path: Path, text: str, words: str) -> None:
        """Write ``text``, a lesson made for the author (an imported recording's), as ``path``
        after every write asked before it; once it is on disk, open it (once the editor's text
        may go) and say ``words``. Refused, the page says why and holds ``text`` as unsaved,
        and the writer keeps it as ``path``'s recovery copy (the author may keep the editor's)."""
        page = self._page
        page.say(f"Writing {path.name}…")
        writing = self._later(lambda: write_or_keep(path, text, path, page.recovery))

        def written(done: Future[Refused | None]) -> None:
            refused = done.result()  # anything but a refusal is a mistake in Seesaw: raised here
            if refused is None:
                self.saved.emit(str(path))
                self._leave_then_say(lambda: page.open_file(path), words, words)
                return
            kept = " It is kept as a recovery copy, offered again when Seesaw starts."
            self._leave_then_say(
                lambda: page.take_unsaved(text, path),
                refused.words(path),
                f"Could not save {path}: {refused.reason}.{kept if refused.kept else ''}",
            )

        self._when.then(writing, written)

    def _leave_then_say(self, action: Callable[[], None], done: str, kept: str) -> None:
        """``action``, then say ``done``, once the editor's text may go; ``kept`` is said
        instead if the author keeps it."""

        def act() -> None:
            action()
            self._page.say(done)  # after it, which clears the note of the lesson before

        if not self.leave_then(act):
            self._page.say(kept)

    def after_saved(self, saving: Future[Refused | None], action: Callable[[], object]) -> None:
        """``action`` here once ``saving`` is on disk (after the page has taken it in); a
        refusal has been said already, and nothing more happens."""

        def follow(done: Future[Refused | None]) -> None:
            if done.result() is None:
                action()

        self._when.then(saving, follow)

    def leave_then(self, action: Callable[[], object]) -> bool:
        """Run ``action`` (open another lesson, start a new one) once the text in the editor
        may go: at once, when it is saved or let go, or once a save answered for it is on
        disk; False when the author kept it (nothing will happen)."""
        page = self._page
        if not page.modified:
            action()
            return True
        answer = page.ask_unsaved()
        if answer == "discard":
            page.recovery.clear(page.path)
            action()
            return True
        saving = page.save() if answer == "save" else None
        if saving is None:
            return False
        # Asked again if the author typed while it was saved: those words may not go unasked.
        self.after_saved(saving, lambda: self.leave_then(action))
        return True

    def may_close(self) -> bool:
        """Before the window closes: True when it may. A save answered here is waited for
        (the window is going; the write itself is on the writer, after everything queued):
        a refused one keeps the window open with the text, and says why."""
        page = self._page
        if not page.modified:
            return True
        answer = page.ask_unsaved()
        if answer == "save":
            saving = page.save()
            return saving is not None and saving.result() is None
        if answer == "discard":
            page.recovery.clear(page.path)
            return True
        return False
