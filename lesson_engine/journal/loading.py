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

from lesson_engine.journal.database import DamagedFile, parse_database
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


def _read(path: Path) -> bytes:
    """The file's bytes; a permission problem stops the opening, other read errors are damage."""
    try:
        return path.read_bytes()
    except PermissionError:
        raise JournalUnreadable(path) from None


def load_file(path: Path, now: datetime, report: LoadReport) -> dict[str, dict[str, Any]] | None:
    """The parsed file, its backup when the file is damaged, or None to start it empty."""
    if not path.exists():
        return None
    try:
        return parse_database(_read(path), path)
    except JournalUnreadable:
        raise
    except (DamagedFile, OSError) as problem:
        reason = str(problem)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    backup = backup_of(path)
    try:
        data = parse_database(_read(backup), backup) if backup.exists() else None
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
        # The damaged file is kept under a second name and replaced in one rename. Moving it away
        # first would leave a moment with no year file: a journal opened after a power cut there
        # would not see that year at all, and its next write would replace the good backup.
        aside = move_aside(path, stamp, report, link=True)
        write_atomically(path, backup.read_bytes())
        report.messages.append(
            f"Part of your journal was damaged ({reason}). It was kept as {aside.name}, and the "
            "last good copy was loaded: the most recent change may be missing."
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
