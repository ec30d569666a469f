"""What the Today page writes, and what it says about each write.

Every record Today makes (the programme chosen, a run, cross-training, the morning's pain, the
week's answer about the warning signs, a session moved or skipped) and the report for a
clinician is written on the journal's writer (``widgets/written.py``), never on the window's
thread, where an fsync held up by a busy disk would freeze the page. The status line under the
page says "Saving…" meanwhile and "… saved" only once the write has returned. A refused write
changes nothing shown and loses nothing: a form stays open with its fields (and its draft), an
answer given on the page stays as it was given, ready to be saved again.

While a write is on its way, the control that asked for it is disabled, so a second click
cannot log the same run twice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import Kind
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.storage import write_atomically
from lesson_engine.wording import sentence_start
from ui.desktop.widgets.written import StatusLine, WhenWritten, refusal_in_words

Answered = Callable[[str], None]
"""Told on the window's thread how a write ended: "" once it is on disk, else why it was not."""

KEPT = "Nothing you entered is lost: save it again when the disk allows."


class TodaySaving(QObject):
    changed = Signal()
    """A record from this page is on disk: the pages that show the journal may redraw."""

    def __init__(
        self, journal: Callable[[], Journal], redraw: Callable[[], None], parent: QWidget
    ) -> None:
        """``redraw`` draws the page again from the journal, once a record is on disk."""
        super().__init__(parent)
        self._journal = journal
        self._redraw = redraw
        self._when = WhenWritten(self)
        self.status = StatusLine(hide_when_empty=True)
        """One line under the page (outside its scrolling part, so a redraw keeps it)."""
        self.status.setObjectName("saving")
        self.status.setAccessibleName("What was saved")
        self.status.setContentsMargins(32, 6, 32, 10)

    def store(
        self,
        kind: Kind[Any],
        record: object,
        saved_words: str,
        *,
        then: Callable[[], None] | None = None,
        correct: bool = False,
        busy: QWidget | None = None,
        answered: Answered | None = None,
    ) -> None:
        """Add (or, ``correct``, replace) ``record`` behind the window; once it is on disk say
        ``saved_words``, tell ``answered`` and the other pages, then ``then`` (by default, the
        page is drawn again).
        ``busy`` is disabled until then, and enabled again if the write is refused."""
        journal = self._journal()
        write = (
            (lambda: journal.correct(kind, record))
            if correct
            else (lambda: journal.add(kind, record))
        )
        self.status.say("Saving…")
        _enable(busy, False)

        def written(_: object) -> None:
            self.status.say(saved_words)
            if answered is not None:
                answered("")
            self.changed.emit()
            (then or self._redraw)()

        def refused(exc: Exception) -> None:
            _enable(busy, True)
            if isinstance(exc, JournalInputError):  # what was entered, not the disk
                reason = sentence_start(str(exc)) + "."
                self.status.say(f"Not saved. {reason}", caution=True)
            else:
                reason = f"Your journal could not be written ({refusal_in_words(exc)}). {KEPT}"
                self.status.say(reason, caution=True)
            if answered is not None:
                answered(reason)

        self._when.write_behind(journal, write, written, refused)

    def write_file(self, path: Path, data: bytes, written: Callable[[], None]) -> None:
        """A file the learner asked for (the report), written and fsynced behind the window,
        after the records asked for before it; ``written`` once it is whole on disk."""
        self.status.say(f"Writing {path.name}…")

        def done(_: None) -> None:
            self.status.say("")
            written()

        def refused(exc: Exception) -> None:
            self.status.say(
                f"{path.name} could not be written ({refusal_in_words(exc)}).", caution=True
            )

        self._when.write_behind(
            self._journal(), lambda: write_atomically(path, data), done, refused, (OSError,)
        )


def _enable(widget: QWidget | None, on: bool) -> None:
    """``widget`` may be gone by the time the write returns (the page was redrawn meanwhile)."""
    if widget is not None and shiboken6.isValid(widget):
        widget.setEnabled(on)
