"""The journal API: open a folder, add and read records, save the place in a lesson.

``Journal`` is the journal as a folder on disk (its lock, opening and closing, backups, the saved
place, the writer, exports); what it does with records comes from ``journal_records``.

Records are kept in one file per year (``2026.json``): a write rewrites only the current year, so
the durable write stays fast after ten years of daily use. The saved place (the checkpoint) lives
in its own small file because it is written every few seconds during a lesson.

When the journal on disk cannot be opened (another Seesaw holds it, a newer Seesaw wrote it, the
disk fails), ``Journal.in_memory`` runs this same code, with the same checks, over memory only,
so the app behaves exactly alike and only forgets at exit.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection
from concurrent.futures import Future
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from lesson_engine.journal.backups import back_up_today, restore
from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.files import keep_damaged_place
from lesson_engine.journal.journal_records import JournalRecords, Now, guarded
from lesson_engine.journal.loading import LoadReport
from lesson_engine.journal.lock import FolderLock, JournalLocked
from lesson_engine.journal.migrations import JournalTooNew
from lesson_engine.journal.place import SavedPlace
from lesson_engine.journal.records import learner_day
from lesson_engine.journal.tables import LOGS, NOTES, SESSIONS
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.journal.writer import DurableWriter, at_once
from lesson_engine.journal.years import Years
from lesson_engine.storage import ensure_private_dir, write_atomically, write_problem_in_words

T = TypeVar("T")

__all__ = [
    "LOGS",
    "NOTES",
    "SESSIONS",
    "Journal",
    "JournalInputError",
    "JournalLocked",
    "JournalTooNew",
    "LoadReport",
]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Journal(JournalRecords):
    def __init__(
        self,
        folder: Path | None,
        *,
        now: Now = _utc_now,
        known_exercises: Collection[str] | None = None,
    ) -> None:
        """Use ``Journal.open`` or ``Journal.in_memory``; this constructor only sets fields."""
        super().__init__(Years(folder), now, known_exercises)
        self.folder = folder
        self.report = LoadReport()
        self._lock: FolderLock | None = None  # held from ``open`` to ``close``
        self._place = SavedPlace(folder)
        self._writer: DurableWriter | None = None
        self.drafts = Drafts(None)
        """What is being typed into the journal's notes, kept as it is typed (``drafts``)."""

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        now: Now = _utc_now,
        known_exercises: Collection[str] | None = None,
        back_up: bool = True,
    ) -> Journal:
        """Lock the folder and load every year; raises JournalLocked or JournalTooNew.

        Today's backup is made here unless ``back_up`` is False: the app has it made on the
        writer instead, first of all its writes, since copying every year durably would hold
        up the window being wired."""
        ensure_private_dir(folder)
        journal = cls(folder, now=now, known_exercises=known_exercises)
        lock = FolderLock(folder)
        lock.acquire()
        journal._lock = lock
        try:
            journal._read_as_loaded()
        except BaseException:
            lock.release()
            raise
        if back_up and (problem := journal.back_up_today()):
            journal.report.messages.append(problem)
        stamp = f"{journal._now():%Y%m%d-%H%M%S}"
        place = keep_damaged_place(folder, stamp)
        if place:
            journal.report.messages.append(place)
        journal.drafts = Drafts(folder, stamp)
        if journal.drafts.problem:
            journal.report.messages.append(journal.drafts.problem)
        return journal

    def _read_as_loaded(self) -> None:
        """Read every year; each table's records, as read back on the way in, are put in order
        when the app first asks for them (``_records``)."""
        self._years.load(self._now(), self.report)
        self._read = {}

    def back_up_today(self) -> str | None:
        """Make today's copy (``backups``) unless it was made; why it could not be, in words.

        A disk that refuses it does not stop the journal: the learner is told, nothing more.
        Run it before any write of the day (``open`` does, or the writer, first in its queue)."""
        if self.folder is None:
            return None
        try:
            back_up_today(self.folder, learner_day(self._now()))
        except OSError as exc:
            return (
                f"Today's backup of your journal could not be made ({write_problem_in_words(exc)})."
            )
        return None

    def restore_backup(self, day: date) -> Path:
        """Put back the records as they were on ``day`` (a daily backup) and read them again.

        This journal holds the folder's lock, so no other Seesaw writes while the files are
        swapped. Returns the folder that keeps what was replaced; raises FileNotFoundError when
        there is no backup of that day, and OSError when the disk refuses.
        """
        if self.folder is None:
            raise FileNotFoundError("this journal is kept in memory; it has no backups")
        if self._writer is not None:
            self._writer.flush()  # every change asked for is in before the files are swapped
        with self._guard:
            self._years.compact()  # what is replaced is kept whole, and no log replays over it
            try:
                return restore(self.folder, day, self._now())
            finally:  # a restore the disk stopped halfway may still have changed files: read them
                self._years.close()
                self._years = Years(self.folder)
                self._changing()
                self._read_as_loaded()

    @classmethod
    def in_memory(
        cls, *, now: Now = _utc_now, known_exercises: Collection[str] | None = None
    ) -> Journal:
        """A journal that starts empty and keeps nothing past ``close``."""
        return cls(None, now=now, known_exercises=known_exercises)

    def close(self) -> None:
        """Fold the change logs into the year files (``years``), keep what opening checked for
        the next one, and let go of the folder.

        A disk that refuses the folding loses nothing: each change is already in its log. An
        attached writer first writes everything queued (nothing asked for is lost at quitting)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            self._place.stop_writing_behind()
            self.drafts.writer = None
        with self._guard:
            try:
                if self.folder is not None:
                    self._years.compact()
                    self._years.keep_checked()  # for the next opening (``checked_cache``)
            except OSError:
                pass
            finally:
                self._years.close()
                if self._lock is not None:
                    self._lock.release()

    def compact(self) -> None:
        """Fold each year's change log into its year file now (``years``); raises OSError, and
        then loses nothing: the logs still hold every change."""
        with self._guard:
            if self.folder is not None:
                self._years.compact()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- the saved place (``place``) -------------------------------------------------------

    def save_checkpoint(self, data: dict[str, Any]) -> Future[None]:
        """Keep the place; with a writer attached the file is written behind (the future)."""
        return self._place.save({**data, "saved_at": self._now().isoformat()})

    def load_checkpoint(self) -> dict[str, Any] | None:
        return self._place.load()

    def set_place_aside(self) -> Future[Path | None]:
        """Keep a saved place the player cannot use (a position of "twelve") under another
        name, behind like every write; the future holds where (None for a journal in memory),
        or the OSError that stopped it. The place is forgotten at once."""
        return self._place.set_aside(f"{self._now():%Y%m%d-%H%M%S}")

    def clear_checkpoint(self) -> Future[None]:
        return self._place.clear()

    # -- one writer for every durable write (``writer``) -------------------------------------

    def attach(self, writer: DurableWriter) -> None:
        """Write through ``writer`` from now on: the saved place and the drafts behind the
        caller's back, in order, and whatever is handed to ``later``; ``close`` flushes it."""
        self._writer = writer
        self._place.write_behind(writer)
        self.drafts.writer = writer
        writer.on_idle = self._fold_quietly

    def later(self, call: Callable[[], T]) -> Future[T]:
        """Run ``call`` (journal writes) on the writer, after every write asked before it; on
        the spot when no writer is attached. Its result, or what it raised, is in the future."""
        if self._writer is not None:
            return self._writer.submit(call)
        return at_once(call)

    def flush(self) -> None:
        """Wait until every write asked of the writer so far is done (none attached: at once)."""
        if self._writer is not None:
            self._writer.flush()

    def _fold_quietly(self) -> None:
        """The writer has been idle: fold the change logs in (a refusal changes nothing)."""
        with contextlib.suppress(OSError), self._guard:
            self.compact()

    # -- export (its module, and csv's, load only when asked for) -----------------------------

    @guarded
    def export_csv(self, path: Path) -> None:
        from lesson_engine.journal.export import to_csv

        write_atomically(path, to_csv(self.sessions(), self.exercise_logs()).encode("utf-8"))

    @guarded
    def export_markdown(self, path: Path) -> None:
        from lesson_engine.journal.export import to_markdown

        text = to_markdown(
            self.sessions(), self.exercise_logs(), self.notes(), learner_day(self._now())
        )
        write_atomically(path, text.encode("utf-8"))
