"""The records a journal keeps, through its door: each one checked on the way in, stored under
its id, read back in order, corrected, removed and put back exactly.

``JournalRecords`` is the half of ``Journal`` that knows records and not folders: the sessions,
sets and notes, and the programme's kinds (``kinds``), each added only once it passes the same
checks (``validation``) that reading back applies (``screening``). ``Journal`` adds the folder
itself: the lock, opening and closing, the backups, the saved place, the writer and exports.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from lesson_engine.journal.changes import (
    Change,
    remove_record,
    replace_record,
    split_id,
    swap,
    undo_change,
)
from lesson_engine.journal.codec import log_to_doc, note_to_doc, session_to_doc
from lesson_engine.journal.kinds import Kind
from lesson_engine.journal.records import (
    ExerciseLog,
    Note,
    Removed,
    Replaced,
    SessionEntry,
    learner_day,
)
from lesson_engine.journal.tables import LOGS, NOTES, ORDER, SESSIONS
from lesson_engine.journal.validation import (
    JournalInputError,
    check_exercise_log,
    check_free_note,
    check_note,
    check_session,
)
from lesson_engine.journal.years import Years

Now = Callable[[], datetime]
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """The method runs holding the journal's lock (``JournalRecords._guard``)."""

    @functools.wraps(method)
    def holding_the_guard(self: JournalRecords, *args: Any, **kwargs: Any) -> Any:
        with self._guard:
            return method(self, *args, **kwargs)

    return holding_the_guard  # type: ignore[return-value]


class JournalRecords:
    def __init__(self, years: Years, now: Now, known_exercises: Collection[str] | None) -> None:
        self._years = years
        self._now = now
        self.known_exercises = known_exercises
        self._guard = threading.RLock()
        """Held by every call that reads or changes the records: the writer's thread and the
        app's may both call in (``Journal.later``)."""
        self._read: dict[str, list[Any]] = {}
        """Each table's records as last put in order; dropped by every change (``_changing``)."""

    # -- sessions --------------------------------------------------------------------------

    @guarded
    def add_session(self, entry: SessionEntry) -> SessionEntry:
        self._changing(SESSIONS)
        check_session(entry, self._now())
        return replace(
            entry, id=self._years.insert(entry.started_at.year, SESSIONS, session_to_doc(entry))
        )

    @guarded
    def sessions(self) -> list[SessionEntry]:
        return self._records(SESSIONS)

    def _records(self, table: str) -> list[Any]:
        """The table's records as the app uses them, in their order (``tables``), put in order
        once a change (only the changed year is read again, ``Years.records``)."""
        if table not in self._read:
            self._read[table] = sorted(self._years.records(table), key=ORDER[table])
        return list(self._read[table])

    def _changing(self, table: str | None = None) -> None:
        """Before any write: what was read of ``table`` (None: of all) may no longer be what
        is stored. The other tables' lists stay: a note saved costs no session read again."""
        if table is None:
            self._read.clear()
        else:
            self._read.pop(table, None)

    @guarded
    def update_session_note(self, session_id: str, text: str) -> Replaced:
        check_note(text)
        return self._replace(SESSIONS, session_id, lambda doc: doc.update(note=text))

    @guarded
    def correct_session(self, entry: SessionEntry) -> Replaced:
        """Replace the session ``entry.id`` with ``entry`` (the learner corrected its ratings)."""
        check_session(entry, None)
        if split_id(entry.id)[0] != entry.started_at.year:
            raise JournalInputError("a session's start can only change within its year")
        stored = session_to_doc(entry)
        return self._replace(SESSIONS, entry.id, swap(stored))

    @guarded
    def _replace(self, table: str, record_id: str, change: Change) -> Replaced:
        self._changing(table)
        return replace_record(self._years, table, record_id, change)

    # -- removing, and putting back (``changes``) --------------------------------------------

    @guarded
    def remove(self, table: str, record_id: str) -> Removed:
        """Take a session, set or note out; what is returned lets ``put_back`` undo it exactly."""
        self._changing(table)
        return remove_record(self._years, table, record_id)

    @guarded
    def put_back(self, removed: Removed) -> None:
        """Undo ``remove``: the record returns under its own number (a new one if that was reused)."""
        self.undo(removed)

    @guarded
    def undo(self, change: Removed | Replaced) -> None:
        """Undo a deletion (``put_back``) or a correction (the record as it was, in one write)."""
        self._changing(change.table)
        undo_change(self._years, change)

    # -- exercise logs and notes -------------------------------------------------------------

    @guarded
    def add_exercise_log(self, log: ExerciseLog) -> ExerciseLog:
        self._changing(LOGS)
        check_exercise_log(log, learner_day(self._now()), self.known_exercises)
        return replace(log, id=self._years.insert(log.day.year, LOGS, log_to_doc(log)))

    @guarded
    def update_exercise_log(self, log: ExerciseLog) -> Replaced:
        """Replace the set ``log.id`` with ``log`` (corrected sets, reps, side, load, soreness)."""
        check_exercise_log(log, learner_day(self._now()), None)
        if split_id(log.id)[0] != log.day.year:
            raise JournalInputError("a set's day can only change within its year")
        stored = log_to_doc(log)
        return self._replace(LOGS, log.id, swap(stored))

    @guarded
    def exercise_logs(self) -> list[ExerciseLog]:
        return self._records(LOGS)

    @guarded
    def add_note(self, note: Note) -> Note:
        self._changing(NOTES)
        check_free_note(note, learner_day(self._now()))
        return replace(note, id=self._years.insert(note.day.year, NOTES, note_to_doc(note)))

    @guarded
    def update_note(self, note_id: str, text: str) -> Replaced:
        """Change the words of the dated note ``note_id`` (its day stays); the note as it was."""
        check_free_note(Note(learner_day(self._now()), text), None)
        return self._replace(NOTES, note_id, lambda doc: doc.update(text=text))

    @guarded
    def notes(self) -> list[Note]:
        return self._records(NOTES)

    # -- the programme's records (``kinds``): runs, cross-training, checks, choices ------------

    @guarded
    def add(self, kind: Kind[T], record: T) -> T:
        """Check and store ``record``; returns it with its id (``2026-3``)."""
        self._changing(kind.table)
        kind.check(record, learner_day(self._now()))
        year = kind.day(record).year
        return replace(record, id=self._years.insert(year, kind.table, kind.to_doc(record)))  # type: ignore[type-var]

    @guarded
    def records(self, kind: Kind[T]) -> list[T]:
        """Every stored record of ``kind``, oldest day first."""
        return self._records(kind.table)

    @guarded
    def correct(self, kind: Kind[T], record: T) -> Replaced:
        """Replace the stored record ``record.id`` with ``record``; returns the old one, for Undo."""
        kind.check(record, learner_day(self._now()))
        record_id: str = record.id  # type: ignore[attr-defined]
        if split_id(record_id)[0] != kind.day(record).year:
            raise JournalInputError(f"{kind.name}'s day can only change within its year")
        stored = kind.to_doc(record)
        return self._replace(kind.table, record_id, swap(stored))
