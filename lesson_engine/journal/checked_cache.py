"""What the last opening already checked: each year file's records, kept so the next need not
check them again.

Reading ten years back into checked records (``screening``) costs several times what reading the
files does, and nearly all of it goes into records that were checked the last time the journal
opened and have not changed since. So when a year file read back clean and nothing in it changed
while the journal was open, its records are kept in ``cache/2026.records`` as the journal closes
(``Years.keep_checked``), and the next opening takes them from there instead of decoding and
checking every one again.

The cache can never be stale, because it is found by what it was made from: the year file's exact
bytes (their SHA-256, with the file's size, modification time and inode) and the code that checks
records (``fingerprint``). A record edited by hand, a file put back from a backup, a year rewritten
when its change log is folded in, or a Seesaw with other rules: each misses the cache, and is read
and checked as if there were none. Nor is it ever a second source of truth: it is made only from a
year file that read back whole (no damage, no change log, nothing set aside), and the backups, a
restore and ``seesaw journal check`` never look at it. A cache file that is missing, damaged or
unreadable is passed over in silence and made again: it only ever holds copies.

It is written and read as every cache is (``lesson_engine/cache_file.py``): atomically (a
temporary file renamed over it) but not fsynced, with its key in its prefix and a checksum: a
power cut may leave it torn or empty, which the checksum catches, and then the year is simply
checked again. Its records are pickled, and read back knowing only the journal's record classes
and ``datetime``'s, so even a file put there by someone else can build nothing but records.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import operator
import os
import pickle
import re
import sys
from pathlib import Path
from typing import Any

from lesson_engine.cache_file import loads_only, names_of, read_cache, write_cache
from lesson_engine.code_digest import add_code
from lesson_engine.journal import codec, kinds, records, screening, validation
from lesson_engine.journal.migrations import SCHEMA_VERSION

CACHE_NAME = "cache"
"""The folder, inside the journal's, that holds the cache files."""
_MAGIC = b"seesaw checked records 2\n"
_PROTOCOL = 5
_CACHE_FILE = re.compile(r"^(\d{4})\.records$")

_RECORD_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        records.SessionEntry,
        records.ExerciseLog,
        records.Note,
        records.RunLog,
        records.CrossLog,
        records.RedFlagCheck,
        records.ProgrammeChoice,
        records.PlanChange,
    )
}
"""The records a table can hold; each is cached as rows of its fields (``write_cached``)."""

_ALLOWED = names_of(
    datetime.datetime, datetime.date, datetime.timezone, datetime.timedelta, records.Soreness
)
"""Everything a row is made of besides text and numbers; the unpickler refuses anything else."""


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _unpickle(data: bytes) -> Any:
    return loads_only(data, _ALLOWED)


@functools.cache
def fingerprint() -> bytes:
    """What the checking depends on besides the file: the schema, this Python, and the modules
    that decode and check records (so a Seesaw with other rules never takes a record an older one
    let through): their source, or where there is none (the one-folder bundle keeps only
    bytecode), their compiled code; where neither can be had, Seesaw's version."""
    digest = hashlib.sha256(f"{SCHEMA_VERSION} {sys.version} {_PROTOCOL}".encode())
    for module in (records, codec, validation, kinds, screening, sys.modules[__name__]):
        if not add_code(digest, module.__name__, module.__file__, module.__loader__):
            break
    return digest.digest()


def key_of(year: int, raw: bytes, stat: os.stat_result) -> bytes:
    """The key of ``year``'s file read as ``raw`` (``stat`` taken before it was read)."""
    facts = f"{year} {stat.st_size} {stat.st_mtime_ns} {stat.st_ino}".encode()
    return fingerprint() + facts + hashlib.sha256(raw).digest()


def _path(folder: Path, year: int) -> Path:
    return folder / CACHE_NAME / f"{year:04d}.records"


class CachedYear:
    """One year's checked records, each table's made only when it is first asked for."""

    def __init__(self, tables: dict[str, tuple[type, tuple[str, ...], bytes]]) -> None:
        self._tables = tables

    def records(self, table: str) -> list[Any]:
        """The table's records in the year file's order; [] for a table the year does not have.

        Each is made as pickle makes an object, its fields set straight into it rather than
        through its constructor (they were checked when they were cached), which takes a
        fraction of the time for thousands of records."""
        entry = self._tables.pop(table, None)
        if entry is None:
            return []
        cls, names, rows = entry
        new = object.__new__
        made = []
        for row in _unpickle(rows):
            record: Any = new(cls)
            record.__dict__.update(zip(names, row, strict=True))
            made.append(record)
        return made


def read_cached(folder: Path, year: int, key: bytes) -> CachedYear | None:
    """The year's checked records if a cache file holds them for ``key``, else None (missing,
    made from other bytes or by other code, damaged: all the same to the caller).

    The file (``cache_file``): ``_MAGIC`` and the key as its prefix, then a body of the length of
    the index, the index (for each table the class of its records, their fields, and where their
    rows are), then the rows, pickled, a table after another."""
    body = read_cache(_path(folder, year), _MAGIC + key)
    if body is None:
        return None  # made from other bytes or by other code, torn by a power cut, or damaged
    size = int.from_bytes(body[:4], "big")
    try:
        index = _unpickle(body[4 : 4 + size])
        tables = {}
        for table, (name, names, start, end) in index.items():
            cls = _RECORD_CLASSES.get(name)
            if cls is None or names != _field_names(cls):
                return None
            tables[table] = (cls, names, body[4 + size + start : 4 + size + end])
    except Exception:  # whole, yet it does not read: not a file this Seesaw wrote
        return None
    return CachedYear(tables)


def write_cached(folder: Path, year: int, key: bytes, tables: dict[str, list[Any]]) -> None:
    """Keep the year's checked records for ``key``, each table as rows of its records' fields;
    a disk that refuses leaves no cache, and only costs the next opening the checking."""
    index: dict[str, tuple[str, tuple[str, ...], int, int]] = {}
    blobs = []
    at = 0
    for table, found in tables.items():
        if not found:
            continue
        cls: type = type(found[0])
        names = _field_names(cls)
        if _RECORD_CLASSES.get(cls.__name__) is not cls or any(type(r) is not cls for r in found):
            return
        blob = pickle.dumps(list(map(operator.attrgetter(*names), found)), _PROTOCOL)
        index[table] = (cls.__name__, names, at, at + len(blob))
        blobs.append(blob)
        at += len(blob)
    head = pickle.dumps(index, _PROTOCOL)
    with contextlib.suppress(OSError):  # its folder made as a cache's: lost, it is made again
        write_cache(
            _path(folder, year), _MAGIC + key, len(head).to_bytes(4, "big") + head + b"".join(blobs)
        )


def forget_other_years(folder: Path, years: set[int]) -> None:
    """Remove the cache files of years the journal no longer has (a backup put back from
    before they began); harmless if left, but a person looking in the folder would wonder."""
    with contextlib.suppress(OSError):
        for path in (folder / CACHE_NAME).iterdir():
            found = _CACHE_FILE.match(path.name)
            if found and int(found.group(1)) not in years:
                path.unlink(missing_ok=True)
