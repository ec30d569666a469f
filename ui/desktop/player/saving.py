"""Writing a lesson's records to the journal, off the window's thread, when the disk may say no.

The saved place is written every few seconds and on every change of state; a session at its end.
With the app's writer attached to the journal (``lesson_engine.journal.writer``) those writes
happen on the writer's thread, in order, and what they mean for the learner ("saved", or why
not) is told here on the window's thread once the fsync has returned: ``_when_written`` brings
each result back through a queued signal. Without a writer the same code runs on the spot.

A failure of the saved place is told once (not every five seconds) and the lesson goes on. A
session record that cannot be written waits in ``PendingSessions`` and is tried again every
minute; the window asks what to do with it if it is closed first (``unsaved``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import SessionEntry
from lesson_engine.session.pending import PendingSessions
from lesson_engine.session.record import SessionDraft
from lesson_engine.storage import write_problem_in_words
from ui.desktop.widgets.written import WhenWritten

RETRY_SAVING_MS = 60_000
T = TypeVar("T")


@dataclass(frozen=True)
class _Outcome:
    """What a store or a retry left, read on the writer's thread where it happened."""

    stored: list[SessionEntry]
    refused: list[tuple[SessionEntry, str]]
    waiting: bool
    problem: str


class JournalSaving(QObject):
    stored = Signal()
    """A session is in the journal, its fsync returned (the library shows it done from now)."""

    def __init__(
        self, journal: Journal, tell: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self._tell = tell
        self.pending = PendingSessions()
        """Touched by the writer's jobs only; read here once they are done (``flush``)."""
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_SAVING_MS)
        self._retry.timeout.connect(self.retry)
        self._place_problem = ""
        self._when = WhenWritten(self)

    def _when_written(self, future: Future[T], then: Callable[[Future[T]], None]) -> None:
        """Run ``then(future)`` on this object's thread once the write is done
        (``widgets/written.py``)."""
        self._when.then(future, then)

    def flush(self) -> None:
        """Wait until every write asked for so far is done (before the window asks about
        sessions still waiting)."""
        self.journal.flush()

    # -- sessions ----------------------------------------------------------------------------

    def store(
        self,
        record: SessionEntry,
        then: Callable[[], None] = lambda: None,
        saved: Callable[[SessionEntry], None] = lambda _entry: None,
    ) -> None:
        """Add to the journal, then settle the saved place; ``saved`` once it is durable. If the
        disk refuses, the record waits in memory (the saved place stays as it is) and is tried
        again every minute; stored late, it leaves alone the place of a lesson begun since
        (``_place_is_of``)."""

        def settle() -> None:
            if self._place_is_of(record):
                then()

        def job() -> _Outcome:
            self.pending.add(record, settle)
            return self._outcome(self.pending.retry(self.journal))

        def told(done: Future[_Outcome]) -> None:
            outcome = done.result()
            self._tell_refused(outcome)
            if any(s.started_at == record.started_at for s in outcome.stored):
                self.stored.emit()
                saved(record)
            elif outcome.waiting:
                self._tell(
                    f"This session could not be saved to your journal yet ({outcome.problem}). "
                    "Seesaw keeps it and tries again every minute; if you close Seesaw first, it "
                    "asks where to keep it."
                )
                self._retry.start()

        self._when_written(self.journal.later(job), told)

    def _outcome(self, stored: list[SessionEntry]) -> _Outcome:
        refused = list(self.pending.refused)
        self.pending.refused.clear()
        return _Outcome(stored, refused, bool(self.pending.waiting), self.pending.problem)

    def retry(self) -> None:
        """Try the waiting sessions again (every minute); told once the writer has tried."""
        tried = self.journal.later(lambda: self._outcome(self.pending.retry(self.journal)))
        self._when_written(tried, lambda done: self._tell_retried(done.result()))

    def retry_now(self) -> None:
        """Try them again and wait for the answer (the learner asked, closing the window)."""
        tried = self.journal.later(lambda: self._outcome(self.pending.retry(self.journal)))
        self._tell_retried(tried.result())

    def _tell_retried(self, outcome: _Outcome) -> None:
        for stored in outcome.stored:
            self._tell(
                f"The session of {stored.day:%d %B} ({stored.lesson_title}) is saved in your "
                "journal now."
            )
        self._tell_refused(outcome)
        if outcome.stored:
            self.stored.emit()
        if not outcome.waiting:
            self._retry.stop()

    def _tell_refused(self, outcome: _Outcome) -> None:
        for _record, reason in outcome.refused:
            self._tell(f"The session could not be saved to the journal: {reason}")

    def _place_is_of(self, record: SessionEntry) -> bool:
        """Whether the saved place is still that of ``record``'s session (or of none): the place
        of a lesson begun while this record waited holds that lesson's check-in and start."""
        saved = self.journal.load_checkpoint()
        session = saved.get("session") if saved is not None else None
        if not isinstance(session, dict):
            return True
        # read as the record was (a start that cannot be read counts as this record's)
        return SessionDraft.from_dict(session, record.started_at).started_at == record.started_at

    # -- the saved place ---------------------------------------------------------------------

    def save_place(self, place: dict[str, Any]) -> None:
        """Write the saved place; when the disk refuses, say so once and let the lesson go on."""
        try:
            written = self.journal.save_checkpoint(place)
        except OSError as exc:  # written on the spot (no writer attached), and refused
            self._place_refused(exc)
            return
        self._when_written(written, self._place_written)

    def _place_written(self, done: Future[None]) -> None:
        problem = done.exception()
        if isinstance(problem, OSError):
            self._place_refused(problem)
            return
        done.result()  # anything but the disk's refusal is a mistake: raised here, not hidden
        if self._place_problem:
            self._place_problem = ""
            self._tell("Your place in the lesson is being saved again.")

    def _place_refused(self, exc: OSError) -> None:
        problem = write_problem_in_words(exc)
        if problem != self._place_problem:
            self._place_problem = problem
            folder = self.journal.folder or "memory"
            self._tell(
                f"Seesaw cannot save your place in the lesson ({problem}, in {folder}). "
                "The lesson goes on; only a crash now would lose your place."
            )

    def clear_place(self) -> None:
        # Rare (the record's write just succeeded): the place would stay, and the next start
        # would record that session a second time, which the learner can delete.
        with contextlib.suppress(OSError):
            self.journal.clear_checkpoint()
