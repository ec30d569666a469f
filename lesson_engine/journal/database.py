"""TinyDB storage for one year: the year file read once, each change appended to its log.

TinyDB asks its storage for the whole database on every operation and hands the whole of it back
on every write. This storage parses once and keeps the dictionary; a write that the journal
announced (``changing``: one record of one table) is one line at the end of the year's change log
(``changelog``), and any other write (a bulk insert, a migration, a record set aside) folds
everything into the year file (``compact``). If an append fails, the record is put back as it was
in memory, so memory never claims more than the disk holds.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from lesson_engine.journal.changelog import COMPACT_AFTER_BYTES, ChangeLog, encode_change, log_of
from lesson_engine.storage import write_atomically


class DamagedFile(ValueError):
    """The file exists but is not a journal this version can read."""


def parse_database(raw: bytes, where: Path) -> dict[str, dict[str, Any]]:
    if not raw.strip():
        raise DamagedFile(f"{where.name} is empty")
    if b"\x00" in raw:
        raise DamagedFile(f"{where.name} contains NUL bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedFile(f"{where.name} is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFile(f"{where.name} does not have the shape of a journal")
    return data  # each record is read back, and set aside if it must be, by ``screening``


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode_database(data: dict[str, dict[str, Any]]) -> bytes:
    """A year file's bytes: compact JSON (C's encoder, not the indented pure-Python one), one
    record to a line, so a person can still read the journal in a text editor."""
    tables = []
    for table, docs in data.items():
        records = ",\n".join(f"{_compact(doc_id)}:{_compact(doc)}" for doc_id, doc in docs.items())
        tables.append(
            f"{_compact(table)}:{{\n{records}}}" if records else f"{_compact(table)}:{{}}"
        )
    return ("{" + ",\n".join(tables) + "}\n").encode("utf-8")


class LoggedJSONStorage(Storage):
    def __init__(
        self, path: Path, backup: Path, initial: dict[str, dict[str, Any]] | None = None
    ) -> None:
        self.path = path
        self.backup = backup
        self._data = initial if initial is not None else {}
        self._log = ChangeLog(log_of(path))
        self._change: tuple[str, int] | None = None

    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    @contextlib.contextmanager
    def changing(self, table: str, doc_id: int) -> Iterator[None]:
        """The TinyDB call inside changes only record ``doc_id`` of ``table``: log just that."""
        self._change = (table, doc_id)
        try:
            yield
        finally:
            self._change = None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        if self._change is None:
            self.compact()
            return
        table, doc_id = self._change
        self._change = None  # one announced change, one line
        doc = data.get(table, {}).get(str(doc_id))
        self._log.append(encode_change(table, doc_id, doc))
        if self._log.size > COMPACT_AFTER_BYTES:
            self.compact()

    def before_change(self, table: str, doc_id: int) -> dict[str, Any] | None:
        """The record as it is, to put back if its append fails (``undo_change``)."""
        doc = self._data.get(table, {}).get(str(doc_id))
        return copy.deepcopy(doc)

    def undo_change(self, table: str, doc_id: int, old: dict[str, Any] | None) -> None:
        records = self._data.setdefault(table, {})
        if old is None:
            records.pop(str(doc_id), None)
        else:
            records[str(doc_id)] = old

    def compact(self) -> None:
        """Fold the log into the year file: the new year file first (its old one kept as the
        backup), then the log becomes the backup log. Raises OSError with both as they were."""
        write_atomically(self.path, encode_database(self._data), self.backup)
        self._log.retire(log_of(self.backup))

    @property
    def has_log(self) -> bool:
        return self._log.size > 0

    def close(self) -> None:
        self._log.close()
