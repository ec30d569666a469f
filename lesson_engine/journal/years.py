"""Where the journal's records are kept: a TinyDB database per year, its file and its change log.

``Journal`` checks what comes in and hands back typed records; this module stores documents
under their numbers, and keeps each year's records as last read back. Each change names the one
record it touches, so it is one appended line of the year's log (``database``, ``changelog``);
the logs are folded into the year files when the journal opens and closes. Opening reads every
year file with its log, migrates old schemas, and sets aside the records that cannot be read back
(``screening``), then folds what it changed. A year file that has not changed since it last read
back clean is not checked again: its records come from ``checked_cache`` (made when the journal
closes, ``keep_checked``), and its documents are parsed only when something in that year is
looked up or changed.

When the journal is kept in memory only, the same code runs over TinyDB's ``MemoryStorage``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
from collections.abc import Callable, Iterator, MutableMapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from lesson_engine.journal.changelog import log_of
from lesson_engine.journal.checked_cache import (
    CachedYear,
    forget_other_years,
    key_of,
    read_cached,
    write_cached,
)
from lesson_engine.journal.database import DamagedFile, LoggedJSONStorage, parse_database
from lesson_engine.journal.files import backup_of
from lesson_engine.journal.loading import LoadReport, load_year, read_journal_file, read_schema
from lesson_engine.journal.migrations import SCHEMA_VERSION, migrate
from lesson_engine.journal.screening import SetAside, keep_set_aside, screen, set_aside_message
from lesson_engine.journal.tables import DECODERS, LOGS, NOTES, RECORD_NAMES, SESSIONS
from lesson_engine.storage import write_atomically

__all__ = ["LOGS", "NOTES", "RECORD_NAMES", "SESSIONS", "Years", "year_name"]

_YEAR_FILE = re.compile(r"^(\d{4})\.(json|log)$")
Data = dict[str, dict[str, Any]]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading thousands of records makes thousands of objects, none of them garbage: left on,
    Python's cycle collector would stop to look through the whole program's objects again and
    again meanwhile (as costly as the reading itself in a big program). It runs as usual after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def year_name(year: int) -> str:
    return f"{year:04d}.json"


class Years:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._dbs: dict[int, TinyDB] = {}
        self._retired: dict[tuple[int, str], int] = {}
        """Each table's highest number removed while open: never given to a new record, so an
        Undo still waiting finds the record it changed, not one saved since (``insert``)."""
        self._unparsed: dict[int, bytes] = {}
        """The bytes of each year taken from its cache, parsed when the year is first used."""
        self._read: dict[tuple[int, str], list[Any] | CachedYear] = {}
        """Each year's records of each table as last read back (or where to find them); a
        change to a table of a year drops that year's (``_changing``)."""
        self._to_cache: dict[int, bytes] = {}
        """The years read and checked at opening, from a file that read back clean, each with
        the key of the bytes it was read from (``keep_checked``); a change to a year takes it
        out, for good: its records are no longer the ones those bytes hold."""
        self._cache_fits: set[int] = set()
        """The years taken from their cache at opening and unchanged since."""

    # -- opening and closing -----------------------------------------------------------------

    def load(self, now: datetime, report: LoadReport) -> None:
        """Read every year (file and log), and each table's records back (``records``)."""
        with _collector_paused():
            self._load(now, report)

    def _load(self, now: datetime, report: LoadReport) -> None:
        assert self.folder is not None
        folder = self.folder
        meta_path = folder / "meta.json"
        version, meta_ok = read_schema(meta_path, now, report)
        found = sorted(
            {int(m.group(1)) for p in folder.iterdir() if (m := _YEAR_FILE.match(p.name))}
        )
        years: dict[int, Data] = {}
        for year in found:
            path = folder / year_name(year)
            read = _read_unlogged(year, path) if version == SCHEMA_VERSION else None
            cached = read_cached(folder, year, read[1]) if read is not None else None
            if read is not None and cached is not None:  # unchanged since it was last checked
                self._unparsed[year] = read[0]
                self._read.update({(year, table): cached for table in RECORD_NAMES})
                self._cache_fits.add(year)
                continue
            told = len(report.messages)
            years[year] = load_year(path, now, report, read[0] if read else None) or {}
            if read is not None and len(report.messages) == told:
                self._to_cache[year] = read[1]  # read from these bytes, whole
        changed: set[int] = set()
        if version != SCHEMA_VERSION:
            years = migrate(version, years)  # raises JournalTooNew for a newer file
            changed.update(years)
        self._set_aside_unreadable(years, changed, now, report)
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
        for year in changed:
            self._to_cache.pop(year, None)
        forget_other_years(folder, set(found))

    def _set_aside_unreadable(
        self, years: dict[int, Data], changed: set[int], now: datetime, report: LoadReport
    ) -> None:
        """Move every record that cannot be read back out of its year, kept (``screening``);
        the records that can are the year's records as read."""
        assert self.folder is not None
        found: list[SetAside] = []
        for year, data in years.items():
            screened = screen(year_name(year), data, f"{year}-")
            for table in RECORD_NAMES:
                self._read[(year, table)] = screened.records.get(table, [])
            if screened.set_aside:
                found.extend(screened.set_aside)
                years[year] = screened.kept
                changed.add(year)
        if found:
            keep_set_aside(self.folder, found, now)  # first: the records are safe before they leave
            report.messages.append(set_aside_message(found))

    def keep_checked(self) -> None:
        """Cache, for the next opening, the records of every year (``checked_cache``).

        A year checked at opening and unchanged since is cached as it was read. A year whose
        file was written since it was read (a change, a log folded in, a record set aside) is
        read back and checked again first, as the next opening would have to: done here, when
        the journal closes, so that the opening the learner waits for finds every year cached."""
        assert self.folder is not None
        with _collector_paused():
            for year, key in self._to_cache.items():
                tables: dict[str, list[Any]] = {}
                for table in RECORD_NAMES:
                    checked = self._read[(year, table)]
                    assert isinstance(checked, list)  # read and checked at opening, unchanged since
                    tables[table] = checked
                write_cached(self.folder, year, key, tables)
            for year in sorted(self._dbs.keys() - self._to_cache.keys() - self._cache_fits):
                self._check_again(year)
        self._to_cache.clear()

    def _check_again(self, year: int) -> None:
        """Read ``year``'s file back and check it as a cold opening does (``load``), and cache it
        if all of it reads; if not, the next opening finds out, and says so."""
        assert self.folder is not None
        path = self.folder / year_name(year)
        try:
            read = _read_unlogged(year, path)
            if read is None:
                return
            raw, key = read
            data = parse_database(raw, path)
        except (DamagedFile, OSError):
            return
        screened = screen(year_name(year), data, f"{year}-")
        if not screened.set_aside:
            tables = {table: screened.records.get(table, []) for table in RECORD_NAMES}
            write_cached(self.folder, year, key, tables)

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
        self._unparsed.clear()
        self._read.clear()
        self._to_cache.clear()
        self._cache_fits.clear()

    def _db(self, year: int, data: Data | None) -> TinyDB:
        if self.folder is None:
            return TinyDB(storage=MemoryStorage)
        path = self.folder / year_name(year)
        return TinyDB(path, storage=LoggedJSONStorage, backup=backup_of(path), initial=data)

    def _year(self, year: int) -> TinyDB:
        if year not in self._dbs:
            raw = self._unparsed.pop(year, None)
            data = None
            if raw is not None and self.folder is not None:  # it read back clean: it parses
                data = parse_database(raw, self.folder / year_name(year))
            self._dbs[year] = self._db(year, data)
        return self._dbs[year]

    def _storage(self, year: int) -> LoggedJSONStorage:
        storage = self._year(year).storage
        assert isinstance(storage, LoggedJSONStorage)
        return storage

    # -- reading -----------------------------------------------------------------------------

    def records(self, table: str) -> list[Any]:
        """Every record of ``table``, year by year, each year's in its file's order: as checked
        when the journal opened (or when it last opened, from the cache), or decoded again from
        the stored documents once the year's table has changed (each change checked at the door)."""
        found: list[Any] = []
        with _collector_paused():
            for year in sorted(self._dbs.keys() | self._unparsed.keys()):
                found.extend(self._records_of(year, table))
        return found

    def _records_of(self, year: int, table: str) -> list[Any]:
        read = self._read.get((year, table))
        if isinstance(read, CachedYear):
            read = read.records(table)
        elif read is None:
            decode = DECODERS[table]
            read = [decode(doc, f"{year}-{doc.doc_id}") for doc in self._year(year).table(table)]
        self._read[(year, table)] = read
        return read

    def get(self, year: int, table: str, doc_id: int) -> dict[str, Any] | None:
        doc = self._year(year).table(table).get(doc_id=doc_id)
        return dict(doc) if isinstance(doc, dict) else None

    # -- changing one record -----------------------------------------------------------------

    @contextlib.contextmanager
    def _changing(self, year: int, table: str, doc_id: int) -> Iterator[None]:
        """The TinyDB call inside changes one record: logged as one line, or undone in memory
        when the disk refuses it (the OSError goes on to the caller)."""
        self._read.pop((year, table), None)
        self._to_cache.pop(year, None)  # its file will not be the one its records came from
        self._cache_fits.discard(year)
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
        for table in RECORD_NAMES:
            self._read.pop((year, table), None)
        self._to_cache.pop(year, None)
        self._cache_fits.discard(year)
        return self._year(year)


def _read_unlogged(year: int, path: Path) -> tuple[bytes, bytes] | None:
    """A year file's bytes and the key they are cached under (``checked_cache``); None when the
    year has a change log to replay (read the usual way, and folded in at once) or when the file
    will not read (``load_year`` says why, and recovers what it can)."""
    try:
        if os.stat(log_of(path)).st_size:
            return None
    except FileNotFoundError:
        pass
    try:
        stat = os.stat(path)
        raw = read_journal_file(path)  # raises JournalUnreadable: not allowed to read it
    except (FileNotFoundError, IsADirectoryError):
        return None
    except PermissionError:
        raise
    except OSError:
        return None
    return raw, key_of(year, raw, stat)
