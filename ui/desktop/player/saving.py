"""Writing a lesson's records to the journal, when the disk may say no.

The saved place is written every few seconds and on every change of state; a failure is told
once (not every five seconds) and the lesson goes on. A session record that cannot be written
waits in ``PendingSessions`` and is tried again every minute; the window asks what to do with it
if it is closed first (``unsaved``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import SessionEntry
from lesson_engine.session.pending import PendingSessions
from lesson_engine.session.record import SessionDraft
from lesson_engine.storage import write_problem_in_words

RETRY_SAVING_MS = 60_000


class JournalSaving(QObject):
    def __init__(
        self, journal: Journal, tell: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self._tell = tell
        self.pending = PendingSessions()
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_SAVING_MS)
        self._retry.timeout.connect(self.retry)
        self._place_problem = ""

    def store(
        self, record: SessionEntry, then: Callable[[], None] = lambda: None
    ) -> SessionEntry | None:
        """Add to the journal, then settle the saved place. If the disk refuses, the record
        waits in memory (the saved place stays as it is) and is tried again every minute; stored
        late, it leaves alone the place of a lesson begun since (``_place_is_of``)."""

        def settle() -> None:
            if self._place_is_of(record):
                then()

        stored = self.pending.store(self.journal, record, settle)
        self._tell_refused()
        if stored is None and self.pending.waiting:
            self._tell(
                f"This session could not be saved to your journal yet ({self.pending.problem}). "
                "Seesaw keeps it and tries again every minute; if you close Seesaw first, it "
                "asks where to keep it."
            )
            self._retry.start()
            return None
        return stored

    def retry(self) -> None:
        """Try the waiting sessions again (every minute, and when asked at closing time)."""
        for stored in self.pending.retry(self.journal):
            self._tell(
                f"The session of {stored.day:%d %B} ({stored.lesson_title}) is saved in your "
                "journal now."
            )
        self._tell_refused()
        if not self.pending.waiting:
            self._retry.stop()

    def _tell_refused(self) -> None:
        for _record, reason in self.pending.refused:
            self._tell(f"The session could not be saved to the journal: {reason}")
        self.pending.refused.clear()

    def _place_is_of(self, record: SessionEntry) -> bool:
        """Whether the saved place is still that of ``record``'s session (or of none): the place
        of a lesson begun while this record waited holds that lesson's check-in and start."""
        saved = self.journal.load_checkpoint()
        session = saved.get("session") if saved is not None else None
        if not isinstance(session, dict):
            return True
        # read as the record was (a start that cannot be read counts as this record's)
        return SessionDraft.from_dict(session, record.started_at).started_at == record.started_at

    def save_place(self, place: dict[str, Any]) -> None:
        """Write the saved place; when the disk refuses, say so once and let the lesson go on."""
        try:
            self.journal.save_checkpoint(place)
        except OSError as exc:
            problem = write_problem_in_words(exc)
            if problem != self._place_problem:
                self._place_problem = problem
                folder = self.journal.folder or "memory"
                self._tell(
                    f"Seesaw cannot save your place in the lesson ({problem}, in {folder}). "
                    "The lesson goes on; only a crash now would lose your place."
                )
        else:
            if self._place_problem:
                self._place_problem = ""
                self._tell("Your place in the lesson is being saved again.")

    def clear_place(self) -> None:
        # Rare (the record's write just succeeded): the place would stay, and the next start
        # would record that session a second time, which the learner can delete.
        with contextlib.suppress(OSError):
            self.journal.clear_checkpoint()
