"""The journal API: open a folder, add and read records, save the place in a lesson.

Records are kept in one file per year (``2026.json``): a write rewrites only the current year, so
the durable write stays fast after ten years of daily use. The saved place (the checkpoint) lives
in its own small file because it is written every few seconds during a lesson.

When the journal on disk cannot be opened (another Seesaw holds it, a newer Seesaw wrote it, the
disk fails), ``Journal.in_memory`` runs this same code, with the same checks, over memory only,
so the app behaves exactly alike and only forgets at exit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, MutableMapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from lesson_engine.journal.backups import back_up_today, restore
from lesson_engine.journal.codec import (
    log_from_doc,
    log_to_doc,
    note_from_doc,
    note_to_doc,
    session_from_doc,
    session_to_doc,
)
from lesson_engine.journal.database import AtomicJSONStorage, encode_database
from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.export import to_csv, to_markdown
from lesson_engine.journal.files import (
    backup_of,
    clear_saved_place,
    keep_damaged_place,
    read_saved_place,
    set_place_aside,
    write_saved_place,
)
from lesson_engine.journal.kinds import KINDS, Kind
from lesson_engine.journal.loading import LoadReport, load_file, read_schema
from lesson_engine.journal.lock import FolderLock, JournalLocked
from lesson_engine.journal.migrations import SCHEMA_VERSION, JournalTooNew, migrate
from lesson_engine.journal.records import (
    ExerciseLog,
    Note,
    Removed,
    Replaced,
    SessionEntry,
    learner_day,
)
from lesson_engine.journal.screening import SetAside, keep_set_aside, screen, set_aside_message
from lesson_engine.journal.validation import (
    JournalInputError,
    check_exercise_log,
    check_free_note,
    check_note,
    check_session,
)
from lesson_engine.storage import (
    ensure_private_dir,
    write_atomically,
    write_problem_in_words,
)

SESSIONS, LOGS, NOTES = "sessions", "exercise_logs", "notes"
_RECORD_NAMES = {
    SESSIONS: "session",
    LOGS: "set",
    NOTES: "note",
    **{kind.table: kind.name.split(" ", 1)[1] for kind in KINDS},
}
_YEAR_FILE = re.compile(r"^(\d{4})\.json$")
Now = Callable[[], datetime]
T = TypeVar("T")

__all__ = ["Journal", "JournalInputError", "JournalLocked", "JournalTooNew", "LoadReport"]


def _year_name(year: int) -> str:
    return f"{year}.json"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _swap(doc: MutableMapping[str, Any], replacement: dict[str, Any]) -> None:
    """Make ``doc`` hold exactly ``replacement`` (TinyDB's own update would only merge)."""
    doc.clear()
    doc.update(replacement)


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
        self._years: dict[int, TinyDB] = {}
        self._lock: FolderLock | None = None  # held from ``open`` to ``close``
        self._place_in_memory: dict[str, Any] | None = None
        self._read: dict[str, list[Any]] = {}
        """Each table's records as last read; dropped by every change (``_changing``)."""
        self.drafts = Drafts(None)
        """What is being typed into the journal's notes, kept as it is typed (``drafts``)."""
        self._retired: dict[tuple[int, str], int] = {}
        """Each table's highest number removed while open: never given to a new record, so an
        Undo still waiting finds the record it changed, not one saved since (``_insert``)."""

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
            journal._load(folder)
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
        try:
            return restore(self.folder, day, self._now())
        finally:  # a restore the disk stopped halfway may still have changed files: read them
            for db in self._years.values():
                db.close()
            self._years.clear()
            self._changing()
            self._load(self.folder)

    @classmethod
    def in_memory(
        cls, *, now: Now = _utc_now, known_exercises: Collection[str] | None = None
    ) -> Journal:
        """A journal that starts empty and keeps nothing past ``close``."""
        return cls(None, now=now, known_exercises=known_exercises)

    def close(self) -> None:
        for db in self._years.values():
            db.close()
        self._years.clear()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- loading ---------------------------------------------------------------------------

    def _load(self, folder: Path) -> None:
        now = self._now()
        meta_path = folder / "meta.json"
        version, meta_ok = read_schema(meta_path, now, self.report)
        years: dict[int, dict[str, dict[str, Any]]] = {}
        for path in sorted(folder.iterdir()):
            match = _YEAR_FILE.match(path.name)
            if match:
                years[int(match.group(1))] = load_file(path, now, self.report) or {}
        if version != SCHEMA_VERSION:
            years = migrate(version, years)  # raises JournalTooNew for a newer file
            for year in years:
                self._rewrite(year, years[year])
        if version != SCHEMA_VERSION or not meta_ok:
            write_atomically(
                meta_path, json.dumps({"_default": {"1": {"schema": SCHEMA_VERSION}}}).encode()
            )
        self._set_aside_unreadable(folder, years, now)
        for year, data in years.items():
            self._years[year] = self._db(year, data)

    def _set_aside_unreadable(
        self, folder: Path, years: dict[int, dict[str, dict[str, Any]]], now: datetime
    ) -> None:
        """Move every record that cannot be read back out of its year, kept (``screening``)."""
        found: list[SetAside] = []
        changed: list[int] = []
        read: dict[str, list[Any]] = {table: [] for table in _RECORD_NAMES}
        for year, data in years.items():
            screened = screen(_year_name(year), data, f"{year}-")
            for table, records in screened.records.items():
                read[table].extend(records)
            if screened.set_aside:
                found.extend(screened.set_aside)
                years[year] = screened.kept
                changed.append(year)
        self._read = {  # read once, here: the lists the app asks for until the next change
            SESSIONS: sorted(read[SESSIONS], key=lambda s: s.started_at),
            LOGS: sorted(read[LOGS], key=lambda log: log.day),
            NOTES: sorted(read[NOTES], key=lambda n: n.day),
            **{kind.table: sorted(read[kind.table], key=kind.day) for kind in KINDS},
        }
        if not found:
            return
        keep_set_aside(folder, found, now)  # first: the records are safe before they leave
        for year in changed:
            self._rewrite(year, years[year])
        self.report.messages.append(set_aside_message(found))

    def _rewrite(self, year: int, data: dict[str, dict[str, Any]]) -> None:
        assert self.folder is not None
        path = self.folder / _year_name(year)
        write_atomically(path, encode_database(data), backup_of(path))

    def _db(self, year: int, data: dict[str, dict[str, Any]] | None) -> TinyDB:
        if self.folder is None:
            return TinyDB(storage=MemoryStorage)
        path = self.folder / _year_name(year)
        return TinyDB(path, storage=AtomicJSONStorage, backup=backup_of(path), initial=data)

    def _year(self, year: int) -> TinyDB:
        if year not in self._years:
            self._years[year] = self._db(year, None)
        return self._years[year]

    def _insert(self, year: int, table: str, doc: dict[str, Any]) -> str:
        """Store a new record under a number no record of this table has had while open; its id.

        TinyDB would number it after the highest still stored, reusing a number just deleted."""
        records = self._year(year).table(table)
        highest = max((d.doc_id for d in records.all()), default=0)
        doc_id = max(highest, self._retired.get((year, table), 0)) + 1
        records.insert(Document(doc, doc_id=doc_id))
        return f"{year}-{doc_id}"

    def _all(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        found: list[tuple[str, dict[str, Any]]] = []
        for year, db in sorted(self._years.items()):
            found.extend((f"{year}-{doc.doc_id}", dict(doc)) for doc in db.table(table).all())
        return found

    # -- sessions --------------------------------------------------------------------------

    def add_session(self, entry: SessionEntry) -> SessionEntry:
        self._changing()
        check_session(entry, self._now())
        return replace(
            entry, id=self._insert(entry.started_at.year, SESSIONS, session_to_doc(entry))
        )

    def sessions(self) -> list[SessionEntry]:
        if SESSIONS not in self._read:
            self._read[SESSIONS] = sorted(
                (session_from_doc(doc, i) for i, doc in self._all(SESSIONS)),
                key=lambda s: s.started_at,
            )
        return list(self._read[SESSIONS])

    def _changing(self) -> None:
        """Before any write: what was read may no longer be what is stored."""
        self._read.clear()

    def update_session_note(self, session_id: str, text: str) -> Replaced:
        check_note(text)
        return self._replace(SESSIONS, session_id, lambda doc: doc.update(note=text))

    def correct_session(self, entry: SessionEntry) -> Replaced:
        """Replace the session ``entry.id`` with ``entry`` (the learner corrected its ratings)."""
        check_session(entry, None)
        if self._split_id(entry.id)[0] != entry.started_at.year:
            raise JournalInputError("a session's start can only change within its year")
        stored = session_to_doc(entry)
        return self._replace(SESSIONS, entry.id, lambda doc: _swap(doc, stored))

    def _replace(
        self, table: str, record_id: str, change: Callable[[MutableMapping[str, Any]], None]
    ) -> Replaced:
        """Change one record in a single durable write; returns it as it was, for Undo."""
        self._changing()
        year, doc_id = self._split_id(record_id)
        records = self._year(year).table(table)
        doc = records.get(doc_id=doc_id)
        if not isinstance(doc, dict):
            raise JournalInputError(f"no {_RECORD_NAMES[table]} {record_id!r} in the journal")
        records.update(change, doc_ids=[doc_id])
        return Replaced(table, year, doc_id, dict(doc))

    # -- removing, and putting back ---------------------------------------------------------

    def remove(self, table: str, record_id: str) -> Removed:
        """Take a session, set or note out; what is returned lets ``put_back`` undo it exactly."""
        self._changing()
        year, doc_id = self._split_id(record_id)
        records = self._year(year).table(table)
        doc = records.get(doc_id=doc_id)
        if not isinstance(doc, dict):
            raise JournalInputError(
                f"no {_RECORD_NAMES.get(table, 'record')} {record_id!r} in the journal"
            )
        records.remove(doc_ids=[doc_id])
        self._retired[(year, table)] = max(self._retired.get((year, table), 0), doc_id)
        return Removed(table, year, doc_id, dict(doc))

    def put_back(self, removed: Removed) -> None:
        """Undo ``remove``: the record returns under its own number (a new one if that was reused)."""
        self._changing()
        records = self._year(removed.year).table(removed.table)
        if records.contains(doc_id=removed.doc_id):
            records.insert(removed.doc)
        else:
            records.insert(Document(removed.doc, doc_id=removed.doc_id))

    def undo(self, change: Removed | Replaced) -> None:
        """Undo a deletion (``put_back``) or a correction (the record as it was, in one write)."""
        if isinstance(change, Removed):
            self.put_back(change)
            return
        self._changing()
        records = self._year(change.year).table(change.table)
        if not records.contains(doc_id=change.doc_id):  # deleted since: it comes back as it was
            records.insert(Document(change.doc, doc_id=change.doc_id))
        else:
            records.update(lambda doc: _swap(doc, change.doc), doc_ids=[change.doc_id])

    # -- exercise logs and notes -------------------------------------------------------------

    def add_exercise_log(self, log: ExerciseLog) -> ExerciseLog:
        self._changing()
        check_exercise_log(log, learner_day(self._now()), self.known_exercises)
        return replace(log, id=self._insert(log.day.year, LOGS, log_to_doc(log)))

    def update_exercise_log(self, log: ExerciseLog) -> Replaced:
        """Replace the set ``log.id`` with ``log`` (corrected sets, reps, side, load, soreness)."""
        check_exercise_log(log, learner_day(self._now()), None)
        if self._split_id(log.id)[0] != log.day.year:
            raise JournalInputError("a set's day can only change within its year")
        stored = log_to_doc(log)
        return self._replace(LOGS, log.id, lambda doc: _swap(doc, stored))

    def exercise_logs(self) -> list[ExerciseLog]:
        if LOGS not in self._read:
            self._read[LOGS] = sorted(
                (log_from_doc(doc, i) for i, doc in self._all(LOGS)), key=lambda log: log.day
            )
        return list(self._read[LOGS])

    def add_note(self, note: Note) -> Note:
        self._changing()
        check_free_note(note, learner_day(self._now()))
        return replace(note, id=self._insert(note.day.year, NOTES, note_to_doc(note)))

    def update_note(self, note_id: str, text: str) -> Replaced:
        """Change the words of the dated note ``note_id`` (its day stays); the note as it was."""
        check_free_note(Note(learner_day(self._now()), text), None)
        return self._replace(NOTES, note_id, lambda doc: doc.update(text=text))

    def notes(self) -> list[Note]:
        if NOTES not in self._read:
            self._read[NOTES] = sorted(
                (note_from_doc(doc, i) for i, doc in self._all(NOTES)), key=lambda n: n.day
            )
        return list(self._read[NOTES])

    # -- the programme's records (``kinds``): runs, cross-training, checks, choices ------------

    def add(self, kind: Kind[T], record: T) -> T:
        """Check and store ``record``; returns it with its id (``2026-3``)."""
        self._changing()
        kind.check(record, learner_day(self._now()))
        year = kind.day(record).year
        return replace(record, id=self._insert(year, kind.table, kind.to_doc(record)))  # type: ignore[type-var]

    def records(self, kind: Kind[T]) -> list[T]:
        """Every stored record of ``kind``, oldest day first."""
        if kind.table not in self._read:
            self._read[kind.table] = sorted(
                (kind.from_doc(doc, i) for i, doc in self._all(kind.table)), key=kind.day
            )
        return list(self._read[kind.table])

    def correct(self, kind: Kind[T], record: T) -> Replaced:
        """Replace the stored record ``record.id`` with ``record``; returns the old one, for Undo."""
        kind.check(record, learner_day(self._now()))
        record_id: str = record.id  # type: ignore[attr-defined]
        if self._split_id(record_id)[0] != kind.day(record).year:
            raise JournalInputError(f"{kind.name}'s day can only change within its year")
        stored = kind.to_doc(record)
        return self._replace(kind.table, record_id, lambda doc: _swap(doc, stored))

    # -- the saved place -------------------------------------------------------------------

    def save_checkpoint(self, data: dict[str, Any]) -> None:
        record = {**data, "saved_at": self._now().isoformat()}
        if self.folder is None:
            self._place_in_memory = json.loads(json.dumps(record))  # stored as on disk: plain JSON
        else:
            write_saved_place(self.folder, record)

    def load_checkpoint(self) -> dict[str, Any] | None:
        if self.folder is None:
            return self._place_in_memory
        return read_saved_place(self.folder)

    def set_place_aside(self) -> Path | None:
        """Keep a saved place the player cannot use (a position of "twelve") under another
        name; returns where, or None for a journal in memory. Raises OSError."""
        self._place_in_memory = None
        if self.folder is None:
            return None
        return set_place_aside(self.folder, f"{self._now():%Y%m%d-%H%M%S}")

    def clear_checkpoint(self) -> None:
        self._place_in_memory = None
        if self.folder is not None:
            clear_saved_place(self.folder)

    # -- export ------------------------------------------------------------------------------

    def export_csv(self, path: Path) -> None:
        write_atomically(path, to_csv(self.sessions(), self.exercise_logs()).encode("utf-8"))

    def export_markdown(self, path: Path) -> None:
        text = to_markdown(
            self.sessions(), self.exercise_logs(), self.notes(), learner_day(self._now())
        )
        write_atomically(path, text.encode("utf-8"))

    @staticmethod
    def _split_id(record_id: str) -> tuple[int, int]:
        match = re.fullmatch(r"(\d{4})-(\d+)", record_id)
        if not match:
            raise JournalInputError(f"{record_id!r} is not a journal record id")
        return int(match.group(1)), int(match.group(2))
