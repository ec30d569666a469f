"""Opening journal files that may have been damaged, without ever losing what they held.

A file that will not parse is renamed aside with a timestamp (never deleted), the backup is
tried, and the caller gets sentences to show the learner. When the backup is damaged too, the
journal starts that file empty and both damaged files stay on disk for someone to rescue.
A file Seesaw is not allowed to read is not damaged: opening stops with ``JournalUnreadable``
and nothing is moved, so fixing the permissions brings everything back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lesson_engine.journal.changelog import log_of, replay
from lesson_engine.journal.database import DamagedFile, encode_database, parse_database
from lesson_engine.journal.files import backup_of
from lesson_engine.journal.migrations import SCHEMA_VERSION
from lesson_engine.storage import write_atomically


@dataclass
class LoadReport:
    """What happened while opening; ``messages`` are for the learner, empty when all was well."""

    messages: list[str] = field(default_factory=list)
    moved_aside: list[Path] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.messages


def move_aside(path: Path, stamp: str, report: LoadReport, *, link: bool = False) -> Path:
    """Rename ``path`` aside; with ``link`` give it the new name as well and leave it in place."""
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    if link:
        os.link(path, target)
    else:
        os.replace(path, target)
    report.moved_aside.append(target)
    return target


class JournalUnreadable(PermissionError):
    """A journal file Seesaw is not allowed to read: not damage, so nothing is moved or changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Seesaw is not allowed to read {path}; check that folder's permissions. "
            "Nothing in it was changed"
        )


def read_journal_file(path: Path) -> bytes:
    """The file's bytes; a permission problem stops the opening, other read errors are damage."""
    try:
        return path.read_bytes()
    except PermissionError:
        raise JournalUnreadable(path) from None


def load_year(
    path: Path, now: datetime, report: LoadReport, raw: bytes | None = None
) -> dict[str, dict[str, Any]] | None:
    """A year file with the changes of its log (``changelog``) replayed; None to start it empty.

    A damaged year file is rebuilt from its backup, the backup's log (the changes that made the
    year file from the backup) and its own log, so even its latest change survives. ``raw``: the
    year file's bytes, already read by the caller (who must know which bytes the data came from)."""
    data = load_file(path, now, report, logged=True, raw=raw)
    if data is None and log_of(path).exists():
        data = {}
    if data is not None:
        _replay_log(log_of(path), data, now, report)
    return data


def _replay_log(
    log: Path, data: dict[str, dict[str, Any]], now: datetime, report: LoadReport
) -> None:
    try:
        raw = read_journal_file(log)
    except FileNotFoundError:
        return
    except JournalUnreadable:
        raise
    except OSError as exc:
        report.messages.append(
            f"The latest changes to your journal ({log.name}) could not be read ({exc.strerror or exc})."
        )
        return
    if replay(raw, data).damaged:
        aside = move_aside(log, now.strftime("%Y%m%d-%H%M%S"), report, link=True)
        report.messages.append(
            f"The latest changes to your journal ({log.name}) were damaged. The file was kept as "
            f"{aside.name}, and the changes up to the damage were loaded."
        )


def load_file(
    path: Path,
    now: datetime,
    report: LoadReport,
    *,
    logged: bool = False,
    raw: bytes | None = None,
) -> dict[str, dict[str, Any]] | None:
    """The parsed file, its backup when the file is damaged, or None to start it empty.

    ``logged``: a year file, whose backup is brought up to date by the backup's log. ``raw``: the
    file's bytes when the caller has read them already."""
    if raw is None and not path.exists():
        return None
    try:
        return parse_database(read_journal_file(path) if raw is None else raw, path)
    except JournalUnreadable:
        raise
    except (DamagedFile, OSError) as problem:
        reason = str(problem)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    backup = backup_of(path)
    try:
        if backup.exists():
            data: dict[str, dict[str, Any]] | None = parse_database(
                read_journal_file(backup), backup
            )
        else:  # a year's first file has no backup: its backup log holds all of it
            data = {} if logged and log_of(backup).exists() else None
    except JournalUnreadable:
        raise
    except (DamagedFile, OSError) as backup_problem:
        aside = move_aside(path, stamp, report)
        kept = move_aside(backup, stamp, report)
        report.messages.append(
            f"Part of your journal could not be read ({reason}; its backup: {backup_problem}). "
            f"Both files were kept as {aside.name} and {kept.name}; that part starts empty."
        )
        return None
    if data is not None:
        if logged and log_of(backup).exists():
            replay(read_journal_file(log_of(backup)), data)
        # The damaged file is kept under a second name and replaced in one rename. Moving it away
        # first would leave a moment with no year file: a journal opened after a power cut there
        # would not see that year at all, and its next write would replace the good backup.
        aside = move_aside(path, stamp, report, link=True)
        write_atomically(path, encode_database(data))
        since = (
            "brought up to date from the changes logged since"
            if logged
            else "the most recent change may be missing"
        )
        report.messages.append(
            f"Part of your journal was damaged ({reason}). It was kept as {aside.name}, and the "
            f"last good copy was loaded: {since}."
        )
        return data
    aside = move_aside(path, stamp, report)
    report.messages.append(
        f"Part of your journal could not be read ({reason}). It was kept as {aside.name}; that part starts empty."
    )
    return None


def stated_schema(meta: dict[str, Any]) -> object:
    """What ``meta.json`` says its version is, or None; never raises on a hand-edited file
    (a record or a table of the wrong shape is simply no version)."""
    table = meta.get("_default")
    record = table.get("1") if isinstance(table, dict) else None
    return record.get("schema") if isinstance(record, dict) else None


def usable_schema(stated: object) -> bool:
    """A version is a whole number from 1 up; anything else was edited by hand or damaged."""
    return isinstance(stated, int) and not isinstance(stated, bool) and stated >= 1


def read_schema(meta_path: Path, now: datetime, report: LoadReport) -> tuple[int, bool]:
    """The journal's schema version, and whether ``meta.json`` said so in a usable way.

    A missing file means a new journal. A version that is not a whole number from 1 up (hand
    edited, damaged) cannot be trusted either way: the file is kept aside, the learner told,
    and the journal read as this version's, which is what every Seesaw so far has written.
    """
    meta = load_file(meta_path, now, report)
    if meta is None:
        return SCHEMA_VERSION, False
    stated = stated_schema(meta)
    if usable_schema(stated):
        assert isinstance(stated, int)
        return stated, True
    aside = move_aside(meta_path, now.strftime("%Y%m%d-%H%M%S"), report)
    report.messages.append(
        f"Your journal's version file held {stated!r}, which is not a version Seesaw knows. "
        f"It was kept as {aside.name}, and the journal was read as this version's."
    )
    return SCHEMA_VERSION, False
