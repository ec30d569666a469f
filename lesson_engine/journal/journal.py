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
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from lesson_engine.journal.backups import back_up_today
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
from lesson_engine.journal.files import backup_of, checkpoint_path, read_saved_place
from lesson_engine.journal.loading import LoadReport, load_file, move_aside
from lesson_engine.journal.lock import FolderLock, JournalLocked
from lesson_engine.journal.migrations import SCHEMA_VERSION, JournalTooNew, migrate
from lesson_engine.journal.records import ExerciseLog, Note, Removed, SessionEntry, learner_day
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
    fsync_dir,
    write_atomically,
    write_problem_in_words,
)

SESSIONS, LOGS, NOTES = "sessions", "exercise_logs", "notes"
_YEAR_FILE = re.compile(r"^(\d{4})\.json$")
Now = Callable[[], datetime]

__all__ = ["Journal", "JournalInputError", "JournalLocked", "JournalTooNew", "LoadReport"]


def _year_name(year: int) -> str:
    return f"{year}.json"


def _utc_now() -> datetime:
    return datetime.now(UTC)


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
        journal.drafts = Drafts(folder)
        return journal

    def _back_up_today(self, folder: Path) -> None:
        """Today's copy (``backups``); a disk that refuses it does not stop the journal opening."""
        try:
            back_up_today(folder, learner_day(self._now()))
        except OSError as exc:
            self.report.messages.append(
                f"Today's backup of your journal could not be made ({write_problem_in_words(exc)})."
            )

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
        version, meta_ok = self._schema(meta_path, now)
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

    def _schema(self, meta_path: Path, now: datetime) -> tuple[int, bool]:
        """The journal's schema version, and whether ``meta.json`` said so in a usable way.

        A missing file means a new journal. A version that is not a whole number from 1 up (hand
        edited, damaged) cannot be trusted either way: the file is kept aside, the learner told,
        and the journal read as this version's, which is what every Seesaw so far has written.
        """
        meta = load_file(meta_path, now, self.report)
        if meta is None:
            return SCHEMA_VERSION, False
        stated = meta.get("_default", {}).get("1", {}).get("schema")
        if isinstance(stated, int) and not isinstance(stated, bool) and stated >= 1:
            return stated, True
        aside = move_aside(meta_path, now.strftime("%Y%m%d-%H%M%S"), self.report)
        self.report.messages.append(
            f"Your journal's version file held {stated!r}, which is not a version Seesaw knows. "
            f"It was kept as {aside.name}, and the journal was read as this version's."
        )
        return SCHEMA_VERSION, False

    def _set_aside_unreadable(
        self, folder: Path, years: dict[int, dict[str, dict[str, Any]]], now: datetime
    ) -> None:
        """Move every record that cannot be read back out of its year, kept (``screening``)."""
        found: list[SetAside] = []
        changed: list[int] = []
        read: dict[str, list[Any]] = {SESSIONS: [], LOGS: [], NOTES: []}
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

    def _all(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        found: list[tuple[str, dict[str, Any]]] = []
        for year, db in sorted(self._years.items()):
            found.extend((f"{year}-{doc.doc_id}", dict(doc)) for doc in db.table(table).all())
        return found

    # -- sessions --------------------------------------------------------------------------

    def add_session(self, entry: SessionEntry) -> SessionEntry:
        self._changing()
        check_session(entry, self._now())
        doc_id = self._year(entry.started_at.year).table(SESSIONS).insert(session_to_doc(entry))
        return replace(entry, id=f"{entry.started_at.year}-{doc_id}")

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

    def update_session_note(self, session_id: str, text: str) -> None:
        self._changing()
        check_note(text)
        year, doc_id = self._split_id(session_id)
        table = self._year(year).table(SESSIONS)
        if not table.contains(doc_id=doc_id):
            raise JournalInputError(f"no session {session_id!r} in the journal")
        table.update({"note": text}, doc_ids=[doc_id])

    # -- removing, and putting back ---------------------------------------------------------

    def remove(self, table: str, record_id: str) -> Removed:
        """Take a session, set or note out; what is returned lets ``put_back`` undo it exactly."""
        self._changing()
        year, doc_id = self._split_id(record_id)
        records = self._year(year).table(table)
        doc = records.get(doc_id=doc_id)
        if not isinstance(doc, dict):
            raise JournalInputError(f"no record {record_id!r} in the journal")
        records.remove(doc_ids=[doc_id])
        return Removed(table, year, doc_id, dict(doc))

    def put_back(self, removed: Removed) -> None:
        """Undo ``remove``: the record returns under its own number (a new one if that was reused)."""
        self._changing()
        records = self._year(removed.year).table(removed.table)
        if records.contains(doc_id=removed.doc_id):
            records.insert(removed.doc)
        else:
            records.insert(Document(removed.doc, doc_id=removed.doc_id))

    # -- exercise logs and notes -------------------------------------------------------------

    def add_exercise_log(self, log: ExerciseLog) -> ExerciseLog:
        self._changing()
        check_exercise_log(log, learner_day(self._now()), self.known_exercises)
        doc_id = self._year(log.day.year).table(LOGS).insert(log_to_doc(log))
        return replace(log, id=f"{log.day.year}-{doc_id}")

    def update_exercise_log(self, log: ExerciseLog) -> None:
        """Replace the set ``log.id`` with ``log`` (corrected sets, reps, side, load, soreness)."""
        self._changing()
        check_exercise_log(log, learner_day(self._now()), None)
        year, doc_id = self._split_id(log.id)
        if year != log.day.year:
            raise JournalInputError("a set's day can only change within its year")
        records = self._year(year).table(LOGS)
        if not records.contains(doc_id=doc_id):
            raise JournalInputError(f"no set {log.id!r} in the journal")
        records.update(log_to_doc(log), doc_ids=[doc_id])

    def exercise_logs(self) -> list[ExerciseLog]:
        if LOGS not in self._read:
            self._read[LOGS] = sorted(
                (log_from_doc(doc, i) for i, doc in self._all(LOGS)), key=lambda log: log.day
            )
        return list(self._read[LOGS])

    def add_note(self, note: Note) -> Note:
        self._changing()
        check_free_note(note, learner_day(self._now()))
        doc_id = self._year(note.day.year).table(NOTES).insert(note_to_doc(note))
        return replace(note, id=f"{note.day.year}-{doc_id}")

    def notes(self) -> list[Note]:
        if NOTES not in self._read:
            self._read[NOTES] = sorted(
                (note_from_doc(doc, i) for i, doc in self._all(NOTES)), key=lambda n: n.day
            )
        return list(self._read[NOTES])

    # -- the saved place -------------------------------------------------------------------

    def save_checkpoint(self, data: dict[str, Any]) -> None:
        record = {**data, "saved_at": self._now().isoformat()}
        if self.folder is None:
            self._place_in_memory = json.loads(json.dumps(record))  # stored as on disk: plain JSON
            return
        path = checkpoint_path(self.folder)
        write_atomically(path, json.dumps(record).encode("utf-8"), backup_of(path))

    def load_checkpoint(self) -> dict[str, Any] | None:
        if self.folder is None:
            return self._place_in_memory
        return read_saved_place(self.folder)

    def clear_checkpoint(self) -> None:
        self._place_in_memory = None
        if self.folder is not None:
            # The backup goes first, durably: were the saved place removed first, a power cut
            # could leave its older backup to be offered again. Then the place itself, durably,
            # so a session already saved is never settled a second time from it.
            path = checkpoint_path(self.folder)
            for candidate in (backup_of(path), path):
                candidate.unlink(missing_ok=True)
                fsync_dir(self.folder)

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
