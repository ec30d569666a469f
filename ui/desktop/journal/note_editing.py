"""The Journal page's notes: the dialog, the draft kept as it is typed, and saving behind.

A note is the learner's own words, so none of them may wait only on the screen: from the first
change they are kept as a draft (``journal.drafts``, half a second at most behind the typing),
Save hands them to the journal's writer and closes the dialog at once, and "Note saved." is said
only after the fsync. A note the journal refuses goes back into its draft, so the dialog opens
with those words next time; only Cancel lets a draft go.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from lesson_engine.journal.journal import Journal
from ui.desktop.journal.note_dialog import DRAFT_AFTER_MS, Dismissed, TextDialog
from ui.desktop.widgets.written import WhenWritten, refusal_in_words

T = TypeVar("T")


class NoteEditing(QObject):
    def __init__(
        self,
        page: QWidget,
        journal: Callable[[], Journal],
        text_dialog: TextDialog,
        tell: Callable[[str], None],
    ) -> None:
        """``journal`` is asked each time (the page may be handed another); ``tell`` puts a
        sentence in the page's status line."""
        super().__init__(page)
        self._page = page
        self._journal = journal
        self.text_dialog = text_dialog
        self._tell = tell
        self._when = WhenWritten(self)
        self._key = ""
        self._text = ""
        self.timer = QTimer(self)
        """Runs from the first change not yet kept; the draft is written when it fires."""
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_AFTER_MS)
        self.timer.timeout.connect(self.keep_draft)

    def ask(self, title: str, key: str, current: str) -> str | None:
        """The note dialog, starting from the draft if one was left, keeping a draft as it is
        typed; cancelling drops the draft (the learner chose to let those words go)."""
        journal = self._journal()
        self._key = key

        def changed(text: str) -> None:
            self._text = text
            if not self.timer.isActive():  # from the first change: steady typing is kept
                self.timer.start()

        text = self.text_dialog(self._page, title, journal.drafts.get(key) or current, changed)
        due = self.timer.isActive()
        self.timer.stop()
        if isinstance(text, Dismissed):  # closed, not cancelled (a logout): the words stay
            if due:
                self.keep_draft()
            return None
        if text is None:
            self.drop(key)
        return text

    def save(self, key: str, text: str, write: Callable[[], T], saved: Callable[[T], None]) -> None:
        """Write a note on the journal's writer; once it is on disk (its fsync returned) drop
        its draft and call ``saved`` here, or, refused, keep the words for the dialog.

        Until then the dialog is closed and the words are in the writer's queue, in the draft
        on disk and in memory: nothing the learner typed waits only on the screen."""
        self._tell("Saving your note…")

        def written(result: T) -> None:
            self.drop(key)  # the note is saved; a draft left over would only be offered again
            saved(result)

        def refused(exc: Exception) -> None:
            with contextlib.suppress(OSError):  # kept in memory first, so never lost this run
                self._journal().drafts.keep(key, text)
            self._tell(
                f"Your note could not be saved ({refusal_in_words(exc)}). Your words are kept: "
                "the note dialog shows them again."
            )

        self._when.write_behind(self._journal(), write, written, refused)

    def keep_draft(self) -> None:
        with contextlib.suppress(OSError):  # a draft is a safety net; the words are still here
            self._journal().drafts.keep(self._key, self._text)

    def drop(self, key: str) -> None:
        with contextlib.suppress(OSError):  # a draft left over is offered again, never lost
            self._journal().drafts.drop(key)
