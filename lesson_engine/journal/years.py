"""Where the journal's records are kept: a TinyDB database per year, its file and its change log.

``Journal`` checks what comes in and hands back typed records; this module only stores documents
under their numbers. Each change names the one record it touches, so it is one appended line of
the year's log (``database``, ``changelog``); the logs are folded into the year files when the
journal opens and closes. Opening reads every year file with its log, migrates old schemas, and
sets aside the records that cannot be read back (``screening``), then folds what it changed.

When the journal is kept in memory only, the same code runs over TinyDB's ``MemoryStorage``.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator, MutableMapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from lesson_engine.journal.database import LoggedJSONStorage
from lesson_engine.journal.files import backup_of
from lesson_engine.journal.kinds import KINDS
from lesson_engine.journal.loading import LoadReport, load_year, read_schema
from lesson_engine.journal.migrations import SCHEMA_VERSION, migrate
from lesson_engine.journal.screening import SetAside, keep_set_aside, screen, set_aside_message
from lesson_engine.storage import write_atomically

SESSIONS, LOGS, NOTES = "sessions", "exercise_logs", "notes"
RECORD_NAMES = {
    SESSIONS: "session",
    LOGS: "set",
    NOTES: "note",
    **{kind.table: kind.name.split(" ", 1)[1] for kind in KINDS},
}
"""Each table's record, in words, for messages ("no session '2026-4' in the journal")."""
_YEAR_FILE = re.compile(r"^(\d{4})\.(json|log)$")
Data = dict[str, dict[str, Any]]


def year_name(year: int) -> str:
    return f"{year:04d}.json"


class Years:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._dbs: dict[int, TinyDB] = {}
        self._retired: dict[tuple[int, str], int] = {}
        """Each table's highest number removed while open: never given to a new record, so an
        Undo still waiting finds the record it changed, not one saved since (``insert``)."""

    # -- opening and closing -----------------------------------------------------------------

    def load(self, now: datetime, report: LoadReport) -> dict[str, list[Any]]:
        """Read every year (file and log); returns each table's records, read back once."""
        assert self.folder is not None
        folder = self.folder
        meta_path = folder / "meta.json"
        version, meta_ok = read_schema(meta_path, now, report)
        found = sorted(
            {int(m.group(1)) for p in folder.iterdir() if (m := _YEAR_FILE.match(p.name))}
        )
        years = {year: load_year(folder / year_name(year), now, report) or {} for year in found}
        changed: set[int] = set()
        if version != SCHEMA_VERSION:
            years = migrate(version, years)  # raises JournalTooNew for a newer file
            changed.update(years)
        read = self._set_aside_unreadable(years, changed, now, report)
        for year, data in years.items():
            self._dbs[year] = self._db(year, data)
        for year in sorted(changed):  # migrated, or records set aside: written now
            self._storage(year).compact()
        with contextlib.suppress(OSError):  # the logs still hold it all: fold them in later
            self.compact()  # now, so the daily backup copies whole files
        if version != SCHEMA_VERSION or not meta_ok:
            write_atomically(
                meta_path, json.dumps({"_default": {"1": {"schema": SCHEMA_VERSION}}}).encode()
            )
        return read

    def _set_aside_unreadable(
        self, years: dict[int, Data], changed: set[int], now: datetime, report: LoadReport
    ) -> dict[str, list[Any]]:
        """Move every record that cannot be read back out of its year, kept (``screening``)."""
        assert self.folder is not None
        found: list[SetAside] = []
        read: dict[str, list[Any]] = {table: [] for table in RECORD_NAMES}
        for year, data in years.items():
            screened = screen(year_name(year), data, f"{year}-")
            for table, records in screened.records.items():
                read[table].extend(records)
            if screened.set_aside:
                found.extend(screened.set_aside)
                years[year] = screened.kept
                changed.add(year)
        if found:
            keep_set_aside(self.folder, found, now)  # first: the records are safe before they leave
            report.messages.append(set_aside_message(found))
        return read

    def compact(self) -> None:
        """Fold every year's log into its file (closing, restoring a backup); raises OSError."""
        for year in sorted(self._dbs):
            storage = self._dbs[year].storage
            if isinstance(storage, LoggedJSONStorage) and storage.has_log:
                storage.compact()

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()

    def _db(self, year: int, data: Data | None) -> TinyDB:
        if self.folder is None:
            return TinyDB(storage=MemoryStorage)
        path = self.folder / year_name(year)
        return TinyDB(path, storage=LoggedJSONStorage, backup=backup_of(path), initial=data)

    def _year(self, year: int) -> TinyDB:
        if year not in self._dbs:
            self._dbs[year] = self._db(year, None)
        return self._dbs[year]

    def _storage(self, year: int) -> LoggedJSONStorage:
        storage = self._year(year).storage
        assert isinstance(storage, LoggedJSONStorage)
        return storage

    # -- reading -----------------------------------------------------------------------------

    def all(self, table: str) -> list[tuple[str, dict[str, Any]]]:
        """(``2026-3``, document) for every record of ``table``, year by year."""
        found: list[tuple[str, dict[str, Any]]] = []
        for year, db in sorted(self._dbs.items()):
            found.extend((f"{year}-{doc.doc_id}", dict(doc)) for doc in db.table(table).all())
        return found

    def get(self, year: int, table: str, doc_id: int) -> dict[str, Any] | None:
        doc = self._year(year).table(table).get(doc_id=doc_id)
        return dict(doc) if isinstance(doc, dict) else None

    # -- changing one record -----------------------------------------------------------------

    @contextlib.contextmanager
    def _changing(self, year: int, table: str, doc_id: int) -> Iterator[None]:
        """The TinyDB call inside changes one record: logged as one line, or undone in memory
        when the disk refuses it (the OSError goes on to the caller)."""
        if self.folder is None:
            yield
            return
        storage = self._storage(year)
        old = storage.before_change(table, doc_id)
        try:
            with storage.changing(table, doc_id):
                yield
        except BaseException:
            storage.undo_change(table, doc_id, old)
            self._year(year).table(table).clear_cache()
            raise

    def insert(self, year: int, table: str, doc: dict[str, Any]) -> str:
        """Store a new record under a number no record of this table has had while open; its id.

        TinyDB would number it after the highest still stored, reusing a number just deleted."""
        records = self._year(year).table(table)
        highest = max(
            (int(i) for i in (self._year(year).storage.read() or {}).get(table, {})), default=0
        )
        doc_id = max(highest, self._retired.get((year, table), 0)) + 1
        with self._changing(year, table, doc_id):
            records.insert(Document(doc, doc_id=doc_id))
        return f"{year}-{doc_id}"

    def put(self, year: int, table: str, doc_id: int, doc: dict[str, Any]) -> str:
        """Store ``doc`` under its own number, a new one if that number is taken; its id."""
        if self.get(year, table, doc_id) is not None:
            return self.insert(year, table, doc)
        with self._changing(year, table, doc_id):
            self._year(year).table(table).insert(Document(doc, doc_id=doc_id))
        return f"{year}-{doc_id}"

    def update(
        self,
        year: int,
        table: str,
        doc_id: int,
        change: Callable[[MutableMapping[str, Any]], None],
    ) -> None:
        with self._changing(year, table, doc_id):
            self._year(year).table(table).update(change, doc_ids=[doc_id])

    def remove(self, year: int, table: str, doc_id: int) -> None:
        with self._changing(year, table, doc_id):
            self._year(year).table(table).remove(doc_ids=[doc_id])
        self._retired[(year, table)] = max(self._retired.get((year, table), 0), doc_id)

    def bulk(self, year: int) -> TinyDB:
        """The year's database itself, for loading many records at once (one compaction for
        all of them: a write nobody announced rewrites the year file)."""
        return self._year(year)
