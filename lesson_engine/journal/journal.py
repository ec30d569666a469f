"""The journal API: open a folder, add and read records, save the place in a lesson.

Records are kept in one file per year (``2026.json``): a write rewrites only the current year, so
the durable write stays fast after ten years of daily use. The saved place (the checkpoint) lives
in its own small file because it is written every few seconds during a lesson.

When the journal on disk cannot be opened (another Seesaw holds it, a newer Seesaw wrote it, the
disk fails), ``Journal.in_memory`` runs this same code, with the same checks, over memory only,
so the app behaves exactly alike and only forgets at exit.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Collection
from concurrent.futures import Future
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from lesson_engine.journal.backups import back_up_today, restore
from lesson_engine.journal.changes import (
    Change,
    remove_record,
    replace_record,
    split_id,
    swap,
    undo_change,
)
from lesson_engine.journal.codec import (
    log_from_doc,
    log_to_doc,
    note_from_doc,
    note_to_doc,
    session_from_doc,
    session_to_doc,
)
from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.export import to_csv, to_markdown
from lesson_engine.journal.files import keep_damaged_place
from lesson_engine.journal.kinds import KINDS, Kind
from lesson_engine.journal.loading import LoadReport
from lesson_engine.journal.lock import FolderLock, JournalLocked
from lesson_engine.journal.migrations import JournalTooNew
from lesson_engine.journal.place import SavedPlace
from lesson_engine.journal.records import (
    ExerciseLog,
    Note,
    Removed,
    Replaced,
    SessionEntry,
    learner_day,
)
from lesson_engine.journal.validation import (
    JournalInputError,
    check_exercise_log,
    check_free_note,
    check_note,
    check_session,
)
from lesson_engine.journal.writer import DurableWriter
from lesson_engine.journal.years import LOGS, NOTES, SESSIONS, Years
from lesson_engine.storage import ensure_private_dir, write_atomically, write_problem_in_words

Now = Callable[[], datetime]
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


F = TypeVar("F", bound=Callable[..., Any])


def _guarded(method: F) -> F:
    """The method runs holding the journal's lock (``Journal._guard``)."""

    @functools.wraps(method)
    def guarded(self: Journal, *args: Any, **kwargs: Any) -> Any:
        with self._guard:
            return method(self, *args, **kwargs)

    return guarded  # type: ignore[return-value]


_ORDER: dict[str, tuple[Callable[[dict[str, Any], str], Any], Callable[[Any], Any]]] = {
    SESSIONS: (session_from_doc, lambda s: s.started_at),
    LOGS: (log_from_doc, lambda log: log.day),
    NOTES: (note_from_doc, lambda n: n.day),
    **{kind.table: (kind.from_doc, kind.day) for kind in KINDS},
}
"""Each table's records: how a stored one is read, and the order the app lists them in."""


class Journal:
    def __init__(
        self,
        folder: Path | None,
        *,
        now: Now = _utc_now,
        known_exercises: Collection[str] | None = None,
    ) -> None:
        """Use ``Journal.open`` or ``Journal.in_memory``; this constructor only sets fields."""
        self.folder = folder
        self._now = now
        self.known_exercises = known_exercises
        self.report = LoadReport()
        self._years = Years(folder)
        self._lock: FolderLock | None = None  # held from ``open`` to ``close``
        self._place = SavedPlace(folder)
        self._writer: DurableWriter | None = None
        self._guard = threading.RLock()
        """Held by every call that reads or changes the records: the writer's thread and the
        app's may both call in (``later``)."""
        self._read: dict[str, list[Any]] = {}
        """Each table's records as last read; dropped by every change (``_changing``)."""
        self.drafts = Drafts(None)
        """What is being typed into the journal's notes, kept as it is typed (``drafts``)."""

    @classmethod
    def open(
        cls, folder: Path, *, now: Now = _utc_now, known_exercises: Collection[str] | None = None
    ) -> Journal:
        """Lock the folder and load every year; raises JournalLocked or JournalTooNew."""
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
        journal._back_up_today(folder)
        stamp = f"{journal._now():%Y%m%d-%H%M%S}"
        place = keep_damaged_place(folder, stamp)
        if place:
            journal.report.messages.append(place)
        journal.drafts = Drafts(folder, stamp)
        if journal.drafts.problem:
            journal.report.messages.append(journal.drafts.problem)
        return journal

    def _read_as_loaded(self) -> None:
        """Read every year; the records read back on the way in are the lists the app asks for
        until the next change (``_changing``)."""
        read = self._years.load(self._now(), self.report)
        self._read = {table: sorted(read[table], key=_ORDER[table][1]) for table in _ORDER}

    def _back_up_today(self, folder: Path) -> None:
        """Today's copy (``backups``); a disk that refuses it does not stop the journal opening."""
        try:
            back_up_today(folder, learner_day(self._now()))
        except OSError as exc:
            self.report.messages.append(
                f"Today's backup of your journal could not be made ({write_problem_in_words(exc)})."
            )

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
        """Fold the change logs into the year files (``years``) and let go of the folder.

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

    # -- sessions --------------------------------------------------------------------------

    @_guarded
    def add_session(self, entry: SessionEntry) -> SessionEntry:
        self._changing(SESSIONS)
        check_session(entry, self._now())
        return replace(
            entry, id=self._years.insert(entry.started_at.year, SESSIONS, session_to_doc(entry))
        )

    @_guarded
    def sessions(self) -> list[SessionEntry]:
        return self._records(SESSIONS)

    def _records(self, table: str) -> list[Any]:
        """The table's records as the app uses them, in their order; decoded once a change."""
        if table not in self._read:
            decode, order = _ORDER[table]
            records = (decode(doc, i) for i, doc in self._years.all(table))
            self._read[table] = sorted(records, key=order)
        return list(self._read[table])

    def _changing(self, table: str | None = None) -> None:
        """Before any write: what was read of ``table`` (None: of all) may no longer be what
        is stored. The other tables' lists stay: a note saved costs no session read again."""
        if table is None:
            self._read.clear()
        else:
            self._read.pop(table, None)

    @_guarded
    def update_session_note(self, session_id: str, text: str) -> Replaced:
        check_note(text)
        return self._replace(SESSIONS, session_id, lambda doc: doc.update(note=text))

    @_guarded
    def correct_session(self, entry: SessionEntry) -> Replaced:
        """Replace the session ``entry.id`` with ``entry`` (the learner corrected its ratings)."""
        check_session(entry, None)
        if split_id(entry.id)[0] != entry.started_at.year:
            raise JournalInputError("a session's start can only change within its year")
        stored = session_to_doc(entry)
        return self._replace(SESSIONS, entry.id, swap(stored))

    @_guarded
    def _replace(self, table: str, record_id: str, change: Change) -> Replaced:
        self._changing(table)
        return replace_record(self._years, table, record_id, change)

    # -- removing, and putting back (``changes``) --------------------------------------------

    @_guarded
    def remove(self, table: str, record_id: str) -> Removed:
        """Take a session, set or note out; what is returned lets ``put_back`` undo it exactly."""
        self._changing(table)
        return remove_record(self._years, table, record_id)

    @_guarded
    def put_back(self, removed: Removed) -> None:
        """Undo ``remove``: the record returns under its own number (a new one if that was reused)."""
        self.undo(removed)

    @_guarded
    def undo(self, change: Removed | Replaced) -> None:
        """Undo a deletion (``put_back``) or a correction (the record as it was, in one write)."""
        self._changing(change.table)
        undo_change(self._years, change)

    # -- exercise logs and notes -------------------------------------------------------------

    @_guarded
    def add_exercise_log(self, log: ExerciseLog) -> ExerciseLog:
        self._changing(LOGS)
        check_exercise_log(log, learner_day(self._now()), self.known_exercises)
        return replace(log, id=self._years.insert(log.day.year, LOGS, log_to_doc(log)))

    @_guarded
    def update_exercise_log(self, log: ExerciseLog) -> Replaced:
        """Replace the set ``log.id`` with ``log`` (corrected sets, reps, side, load, soreness)."""
        check_exercise_log(log, learner_day(self._now()), None)
        if split_id(log.id)[0] != log.day.year:
            raise JournalInputError("a set's day can only change within its year")
        stored = log_to_doc(log)
        return self._replace(LOGS, log.id, swap(stored))

    @_guarded
    def exercise_logs(self) -> list[ExerciseLog]:
        return self._records(LOGS)

    @_guarded
    def add_note(self, note: Note) -> Note:
        self._changing(NOTES)
        check_free_note(note, learner_day(self._now()))
        return replace(note, id=self._years.insert(note.day.year, NOTES, note_to_doc(note)))

    @_guarded
    def update_note(self, note_id: str, text: str) -> Replaced:
        """Change the words of the dated note ``note_id`` (its day stays); the note as it was."""
        check_free_note(Note(learner_day(self._now()), text), None)
        return self._replace(NOTES, note_id, lambda doc: doc.update(text=text))

    @_guarded
    def notes(self) -> list[Note]:
        return self._records(NOTES)

    # -- the programme's records (``kinds``): runs, cross-training, checks, choices ------------

    @_guarded
    def add(self, kind: Kind[T], record: T) -> T:
        """Check and store ``record``; returns it with its id (``2026-3``)."""
        self._changing(kind.table)
        kind.check(record, learner_day(self._now()))
        year = kind.day(record).year
        return replace(record, id=self._years.insert(year, kind.table, kind.to_doc(record)))  # type: ignore[type-var]

    @_guarded
    def records(self, kind: Kind[T]) -> list[T]:
        """Every stored record of ``kind``, oldest day first."""
        return self._records(kind.table)

    @_guarded
    def correct(self, kind: Kind[T], record: T) -> Replaced:
        """Replace the stored record ``record.id`` with ``record``; returns the old one, for Undo."""
        kind.check(record, learner_day(self._now()))
        record_id: str = record.id  # type: ignore[attr-defined]
        if split_id(record_id)[0] != kind.day(record).year:
            raise JournalInputError(f"{kind.name}'s day can only change within its year")
        stored = kind.to_doc(record)
        return self._replace(kind.table, record_id, swap(stored))

    # -- the saved place (``place``) -------------------------------------------------------

    def save_checkpoint(self, data: dict[str, Any]) -> Future[None]:
        """Keep the place; with a writer attached the file is written behind (the future)."""
        return self._place.save({**data, "saved_at": self._now().isoformat()})

    def load_checkpoint(self) -> dict[str, Any] | None:
        return self._place.load()

    def set_place_aside(self) -> Path | None:
        """Keep a saved place the player cannot use (a position of "twelve") under another
        name; returns where, or None for a journal in memory. Raises OSError."""
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
        future: Future[T] = Future()
        try:
            future.set_result(call())
        except Exception as exc:  # as the writer does: the asker hears of it through the future
            future.set_exception(exc)
        return future

    def flush(self) -> None:
        """Wait until every write asked of the writer so far is done (none attached: at once)."""
        if self._writer is not None:
            self._writer.flush()

    def _fold_quietly(self) -> None:
        """The writer has been idle: fold the change logs in (a refusal changes nothing)."""
        with contextlib.suppress(OSError), self._guard:
            self.compact()

    # -- export ------------------------------------------------------------------------------

    @_guarded
    def export_csv(self, path: Path) -> None:
        write_atomically(path, to_csv(self.sessions(), self.exercise_logs()).encode("utf-8"))

    @_guarded
    def export_markdown(self, path: Path) -> None:
        text = to_markdown(
            self.sessions(), self.exercise_logs(), self.notes(), learner_day(self._now())
        )
        write_atomically(path, text.encode("utf-8"))
