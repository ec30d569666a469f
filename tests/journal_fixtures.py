"""Records and a fixed clock for journal tests."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from lesson_engine import storage
from lesson_engine.journal import changelog
from lesson_engine.journal.records import SessionEntry, Soreness

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def clock(now: datetime = NOW):
    return lambda: now


def session(
    days_ago: int = 0, before: int | None = 5, after: int | None = 3, note: str = ""
) -> SessionEntry:
    start = NOW - timedelta(days=days_ago, hours=2)
    return SessionEntry(
        lesson_id="weight-shift-1",
        lesson_title="Weight shift 1",
        started_at=start,
        ended_at=start + timedelta(minutes=20),
        completed=True,
        completed_fraction=1.0,
        rests_taken=1,
        rested_ms=60_000,
        before=Soreness(before, ("outside-knee",), "right"),
        after=Soreness(after, ("outside-knee",), "right"),
        note=note,
    )


def day(days_ago: int) -> date:
    return (NOW - timedelta(days=days_ago)).date()


def refuse_writes(
    monkeypatch: pytest.MonkeyPatch, folder: Path | None = None, code: int = errno.ENOSPC
) -> Callable[[], None]:
    """From now on the disk refuses what Seesaw writes in ``folder`` (every folder when None):
    whole files (``write_atomically``'s temporary file, private or shared) and appends to a
    change log. Returns ``allow``, which gives the space back."""
    make_temp = tempfile.mkstemp
    make_shared = storage._shared_temporary
    append = changelog._write_line

    def refused(where: Path) -> bool:
        return folder is None or where.is_relative_to(folder)

    def refusing_file(*args, **kwargs):
        if refused(Path(kwargs.get("dir", ""))):
            raise OSError(code, os.strerror(code))
        return make_temp(*args, **kwargs)

    def refusing_shared(path: Path) -> tuple[int, str]:
        if refused(path.parent):
            raise OSError(code, os.strerror(code))
        return make_shared(path)

    def refusing_append(_fd: int, _line: bytes) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refusing_file)
    monkeypatch.setattr(storage, "_shared_temporary", refusing_shared)
    monkeypatch.setattr(changelog, "_write_line", refusing_append)

    def allow() -> None:
        monkeypatch.setattr(tempfile, "mkstemp", make_temp)
        monkeypatch.setattr(storage, "_shared_temporary", make_shared)
        monkeypatch.setattr(changelog, "_write_line", append)

    return allow
