"""Opening journal files that may have been damaged, without ever losing what they held.

A file that will not parse is renamed aside with a timestamp (never deleted), the backup is
tried, and the caller gets sentences to show the learner. When the backup is damaged too, the
journal starts that file empty and both damaged files stay on disk for someone to rescue.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from lesson_engine.journal.database import DamagedFile, parse_database
from lesson_engine.journal.files import backup_of
from lesson_engine.storage import write_atomically


@dataclass
class LoadReport:
    """What happened while opening; ``messages`` are for the learner, empty when all was well."""

    messages: list[str] = field(default_factory=list)
    moved_aside: list[Path] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.messages


def _move_aside(path: Path, stamp: str, report: LoadReport) -> Path:
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    os.replace(path, target)
    report.moved_aside.append(target)
    return target


def load_file(path: Path, now: datetime, report: LoadReport) -> dict[str, dict[str, Any]] | None:
    """The parsed file, its backup when the file is damaged, or None to start it empty."""
    if not path.exists():
        return None
    try:
        return parse_database(path.read_bytes(), path)
    except (DamagedFile, OSError) as problem:
        reason = str(problem)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside = _move_aside(path, stamp, report)
    backup = backup_of(path)
    if backup.exists():
        try:
            data = parse_database(backup.read_bytes(), backup)
        except (DamagedFile, OSError) as backup_problem:
            kept = _move_aside(backup, stamp, report)
            report.messages.append(
                f"Part of your journal could not be read ({reason}; its backup: {backup_problem}). "
                f"Both files were kept as {aside.name} and {kept.name}; that part starts empty."
            )
            return None
        write_atomically(path, backup.read_bytes())
        report.messages.append(
            f"Part of your journal was damaged ({reason}). It was kept as {aside.name}, and the "
            "last good copy was loaded: the most recent change may be missing."
        )
        return data
    report.messages.append(
        f"Part of your journal could not be read ({reason}). It was kept as {aside.name}; that part starts empty."
    )
    return None
