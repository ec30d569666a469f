"""Daily copies of the journal, the last fourteen kept, and putting one back.

The backup beside each file (``2026.backup.json``) is only the previous write: a mistake noticed a
week later, or a file damaged and then written over, needs older copies. Once a day, when the
journal opens, its files are copied into ``backups/YYYY-MM-DD/`` (each copy written durably);
copies older than the last ``KEEP`` days are removed. Restoring puts a day's files back and keeps
the files it replaces in ``backups/replaced-<time>/``, so a restore can itself be undone.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

from lesson_engine.storage import ensure_private_dir, write_atomically

KEEP = 14
BACKUPS_NAME = "backups"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEPT_FILES = re.compile(r"^(\d{4}|meta|set-aside|drafts)\.json$")
"""What a backup holds: the year files, the version file, the records set aside and the drafts."""


def journal_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and _KEPT_FILES.match(p.name))


def backup_days(folder: Path) -> list[date]:
    """The days with a backup, oldest first."""
    root = folder / BACKUPS_NAME
    if not root.is_dir():
        return []
    return sorted(date.fromisoformat(p.name) for p in root.iterdir() if _DAY.match(p.name))


def back_up_today(folder: Path, today: date, keep: int = KEEP) -> Path | None:
    """Copy the journal's files for ``today`` unless that was done; prune to the last ``keep``.

    Returns the new backup's folder, or None when today's exists or there is nothing to keep.
    """
    target = folder / BACKUPS_NAME / today.isoformat()
    files = journal_files(folder)
    if target.exists() or not files:
        return None
    ensure_private_dir(target)
    for path in files:
        write_atomically(target / path.name, path.read_bytes())
    for old in backup_days(folder)[:-keep]:
        shutil.rmtree(folder / BACKUPS_NAME / old.isoformat(), ignore_errors=True)
    return target


def restore(folder: Path, day: date, now: datetime) -> Path:
    """Put ``day``'s backup back; returns where the replaced files were kept.

    The caller holds the journal's lock (no Seesaw may be writing while files are swapped).
    Raises FileNotFoundError when there is no backup of that day.
    """
    source = folder / BACKUPS_NAME / day.isoformat()
    if not source.is_dir():
        raise FileNotFoundError(f"there is no backup of {day.isoformat()}")
    replaced = folder / BACKUPS_NAME / f"replaced-{now:%Y%m%d-%H%M%S}"
    ensure_private_dir(replaced)
    for path in journal_files(folder):
        write_atomically(replaced / path.name, path.read_bytes())
    restored = {p.name for p in source.iterdir()}
    for path in journal_files(folder):
        if path.name not in restored:  # a year begun after that day: it was not there then
            path.unlink()
    for name in sorted(restored):
        write_atomically(folder / name, (source / name).read_bytes())
    return replaced
