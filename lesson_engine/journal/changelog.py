"""A year's change log: each change to a record appended as one line and fsynced, nothing rewritten.

Rewriting the whole year file for every record made a durable write cost a JSON encoding of the
year and two fsyncs, growing as the year filled. Now a change is one line at the end of
``2026.log`` and one fsync (the first line of a new log also fsyncs the folder, so the file
itself survives). The year file is rewritten only when the log is folded into it: when the
journal opens or closes, and when the log grows past ``COMPACT_AFTER_BYTES`` (``years``).

A line is ``<json>\\t<crc32>\\n`` where the JSON is ``[table, number, record]`` and a removed
record is ``null``. Replaying a log sets each record it names to its last value, so replaying it
again over a year file it was already folded into changes nothing: a power cut between writing the
year file and retiring the log loses and doubles nothing.

What must not be broken (``tests/test_journal_crash.py``): the fsync after every append, the
folder's fsync when the log is created, and reading stops at the first line whose checksum fails
(as SQLite's WAL stops at its first bad frame). A power cut can tear only the last append, which
was never acknowledged; a bad line with good ones after it is damage, and the log is kept aside.
"""

from __future__ import annotations

import errno
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lesson_engine.storage import FILE_MODE, fsync_dir

COMPACT_AFTER_BYTES = 1 << 20
"""A log this long is folded into its year file: replaying it at open stays a few milliseconds."""

Tables = dict[str, dict[str, Any]]


def log_of(year_file: Path) -> Path:
    """``2026.json``'s change log, ``2026.log``."""
    return year_file.with_suffix(".log")


def encode_change(table: str, doc_id: int, doc: dict[str, Any] | None) -> bytes:
    text = json.dumps([table, doc_id, doc], ensure_ascii=False, separators=(",", ":"))
    body = text.encode("utf-8")
    return body + f"\t{zlib.crc32(body):08x}\n".encode("ascii")


@dataclass(frozen=True)
class Replayed:
    changes: int
    """How many whole lines were applied."""
    damaged: bool
    """A bad line had good ones after it: not a torn last append but damage."""
    good_bytes: int
    """The length of the lines applied: where the next append must go."""


def _decode(line: bytes) -> tuple[str, str, dict[str, Any] | None] | None:
    body, tab, crc = line.rpartition(b"\t")
    if not tab or len(crc) != 8:
        return None
    try:
        if int(crc, 16) != zlib.crc32(body):
            return None
        table, doc_id, doc = json.loads(body.decode("utf-8"))
    except (ValueError, TypeError):
        return None
    if not isinstance(table, str) or not isinstance(doc_id, int) or isinstance(doc_id, bool):
        return None
    if doc is not None and not isinstance(doc, dict):
        return None
    return table, str(doc_id), doc


def replay(raw: bytes, data: Tables) -> Replayed:
    """Apply the log's whole lines to ``data`` in order, up to the first that fails its checksum."""
    lines = raw.split(b"\n")
    applied = good = 0
    for number, line in enumerate(lines):
        change = _decode(line) if number < len(lines) - 1 else None  # a line ends with "\n"
        if change is None:
            damaged = any(_decode(rest) for rest in lines[number + 1 : -1])
            return Replayed(applied, damaged, good)
        table, doc_id, doc = change
        records = data.setdefault(table, {})
        if doc is None:
            records.pop(doc_id, None)
        else:
            records[doc_id] = doc
        applied += 1
        good += len(line) + 1
    return Replayed(applied, False, good)


def _write_line(fd: int, line: bytes) -> None:
    """One name for the append itself, where a full disk says so (and tests make it say so)."""
    written = os.write(fd, line)
    if written != len(line):
        raise OSError(errno.ENOSPC, f"only {written} of {len(line)} bytes could be written")


def _sync_file(fd: int) -> None:
    """One name for the append's fsync, so the crash test can take it away and see a loss."""
    os.fsync(fd)


class ChangeLog:
    """The open log of one year file; appends go to its end, each one durable when it returns."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.size = path.stat().st_size if path.exists() else 0

    def append(self, line: bytes) -> None:
        """Add ``line`` durably; raises OSError, and then the log is as it was before."""
        created = False
        if self._fd is None:
            created = not self.path.exists()
            good = replay(self.path.read_bytes(), {}).good_bytes if not created else 0
            flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
            self._fd = os.open(self.path, flags, FILE_MODE)
            if os.lseek(self._fd, 0, os.SEEK_END) > good:  # a torn last line: never followed
                os.ftruncate(self._fd, good)
            self.size = os.lseek(self._fd, good, os.SEEK_SET)
        try:
            _write_line(self._fd, line)
            _sync_file(self._fd)
        except BaseException:
            self._cut_back()
            raise
        if created:
            fsync_dir(self.path.parent)
        self.size += len(line)

    def _cut_back(self) -> None:
        """After a failed append, drop its bytes so the next one does not follow a torn line."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, self.size)
            os.lseek(self._fd, self.size, os.SEEK_SET)
        except OSError:
            self.close()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def retire(self, backup: Path) -> None:
        """The log was folded into its year file: it becomes the year's backup log (with the
        year's backup file it rebuilds the year, if the year file is ever damaged)."""
        self.close()
        if self.path.exists():
            os.replace(self.path, backup)
            fsync_dir(self.path.parent)
        self.size = 0
