"""TinyDB storage that writes atomically and keeps what it read in memory.

TinyDB asks its storage for the whole database on every operation; re-reading and parsing the
file each time would make the journal slower the longer it is used. This storage parses once and
hands TinyDB the same dictionary afterwards. Writes go through ``write_atomically``; if one fails
the cache is dropped, so memory never claims more than the disk holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

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


def encode_database(data: dict[str, dict[str, Any]]) -> bytes:
    """A year file's bytes: indented, so a person can read the journal in any text editor."""
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


class AtomicJSONStorage(Storage):
    def __init__(
        self, path: Path, backup: Path, initial: dict[str, dict[str, Any]] | None = None
    ) -> None:
        self.path = path
        self.backup = backup
        self._data = initial

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None and self.path.exists():
            self._data = parse_database(self.path.read_bytes(), self.path)
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            write_atomically(self.path, encode_database(data), self.backup)
        except BaseException:
            self._data = None
            raise
        self._data = data

    def close(self) -> None:
        self._data = None
