"""Daily copies of the journal, the last fourteen kept, and putting one back.

The backup beside each file (``2026.backup.json``) is only the previous write: a mistake noticed a
week later, or a file damaged and then written over, needs older copies. Once a day, when the
journal opens (in the app, on its writer, ahead of every other write), its files are copied into
``backups/YYYY-MM-DD/`` (each copy written durably); copies older than the last ``KEEP`` days are
removed. Restoring puts a day's files back and keeps the files it replaces in
``backups/replaced-<time>/``, so a restore can itself be undone.

A restore puts back the records (the year files and the version file) and nothing else: the drafts
and the records set aside are what the learner has now, words typed since that day included, and
an older copy of them would hide those words.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

from lesson_engine.journal.database import DamagedFile, parse_database
from lesson_engine.journal.loading import stated_schema
from lesson_engine.journal.migrations import SCHEMA_VERSION
from lesson_engine.storage import ensure_private_dir, write_atomically

KEEP = 14
BACKUPS_NAME = "backups"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KEPT_FILES = re.compile(r"^(\d{4}|meta|set-aside|drafts)\.json$")
"""What a backup holds: the year files, the version file, the records set aside and the drafts."""
_RESTORED_FILES = re.compile(r"^(\d{4}|meta)\.json$")


def journal_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and _KEPT_FILES.match(p.name))


def backup_days(folder: Path) -> list[date]:
    """The days with a backup, oldest first."""
    root = folder / BACKUPS_NAME
    if not root.is_dir():
        return []
    return sorted(day for p in root.iterdir() if (day := _day_named(p.name)) is not None)


def _day_named(name: str) -> date | None:
    """The day a backup folder is named for; None for any other name (``2026-02-30`` too)."""
    if not _DAY.match(name):
        return None
    try:
        return date.fromisoformat(name)
    except ValueError:
        return None


def backup_summary(folder: Path, day: date) -> str:
    """What a day's backup holds, in words ("12 sessions, 3 sets, 2 notes"), to choose one by."""
    counts = {"sessions": 0, "exercise_logs": 0, "notes": 0}
    for path in sorted((folder / BACKUPS_NAME / day.isoformat()).glob("[0-9][0-9][0-9][0-9].json")):
        try:
            data = parse_database(path.read_bytes(), path)
        except (DamagedFile, OSError):
            return f"{path.name} in it cannot be read"
        for table in counts:
            records = data.get(table)
            counts[table] += len(records) if isinstance(records, dict) else 0
    names = (("session", "sessions"), ("set", "exercise_logs"), ("note", "notes"))
    return ", ".join(f"{counts[t]} {word}{'' if counts[t] == 1 else 's'}" for word, t in names)


def _written_by_newer(source: Path) -> int | None:
    try:
        meta = parse_database((source / "meta.json").read_bytes(), source / "meta.json")
    except (DamagedFile, OSError):
        return None  # no usable version file: the journal reads it as this version's
    stated = stated_schema(meta)
    return stated if isinstance(stated, int) and stated > SCHEMA_VERSION else None


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
    Raises FileNotFoundError when there is no backup of that day, ValueError when a newer Seesaw
    made it (this one could not read it), and OSError when the disk refuses.
    """
    source = folder / BACKUPS_NAME / day.isoformat()
    if not source.is_dir():
        raise FileNotFoundError(f"there is no backup of {day.isoformat()}")
    newer = _written_by_newer(source)
    if newer is not None:
        raise ValueError(
            f"the backup of {day.isoformat()} was made by a newer Seesaw (journal version {newer})"
        )
    replaced = folder / BACKUPS_NAME / f"replaced-{now:%Y%m%d-%H%M%S}"
    ensure_private_dir(replaced)
    for path in journal_files(folder):
        write_atomically(replaced / path.name, path.read_bytes())
    restored = {p.name for p in source.iterdir() if _RESTORED_FILES.match(p.name)}
    for path in journal_files(folder):
        if (
            _RESTORED_FILES.match(path.name) and path.name not in restored
        ):  # a year begun after that day: it was not there then
            path.unlink()
    for name in sorted(restored):
        write_atomically(folder / name, (source / name).read_bytes())
    return replaced
