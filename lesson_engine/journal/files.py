"""Names of the journal's files, and the saved place on disk (read before the journal opens).

The app's first paint offers "Resume ... at ..." from the saved place alone; opening the journal
itself (its database, its lock, its checks) waits until the window is on screen.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from lesson_engine.storage import fsync_dir, write_atomically

CHECKPOINT_NAME = "checkpoint.json"


def backup_of(path: Path) -> Path:
    """The last good copy kept beside every journal file."""
    return path.with_name(f"{path.stem}.backup{path.suffix}")


def checkpoint_path(journal_folder: Path) -> Path:
    return journal_folder / CHECKPOINT_NAME


def read_saved_place(journal_folder: Path) -> dict[str, Any] | None:
    """The saved place as stored (its backup if the file is damaged), or None; never raises."""
    path = checkpoint_path(journal_folder)
    for candidate in (path, backup_of(path)):
        try:
            data = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("lesson_id"):
            return data
    return None


def keep_damaged_place(journal_folder: Path, stamp: str) -> str:
    """A saved place that cannot be read at all is kept under another name (the next lesson
    would write over it) and the learner told what is offered instead; "" when it reads."""
    path = checkpoint_path(journal_folder)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"Your place in a lesson ({path}) could not be read ({exc.strerror or exc})."
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("lesson_id"):
        return ""
    try:
        aside = set_place_aside(journal_folder, stamp, backup_too=False)
    except OSError as exc:
        return f"Your place in a lesson was damaged, and could not be kept aside ({exc.strerror})."
    instead = (
        "the place saved just before it is offered instead"
        if read_saved_place(journal_folder)
        else "there is no place to continue from"
    )
    return f"Your place in a lesson was damaged. It was kept as {aside.name}; {instead}."


def set_place_aside(journal_folder: Path, stamp: str, *, backup_too: bool = True) -> Path:
    """Move the saved place out of the way, kept under another name (the next lesson would
    write over it), durably; with ``backup_too`` its backup goes as well, so it is not offered
    in its place. Raises OSError."""
    path = checkpoint_path(journal_folder)
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    os.replace(path, aside)
    if backup_too:
        backup_of(path).unlink(missing_ok=True)
    fsync_dir(journal_folder)
    return aside


def write_saved_place(journal_folder: Path, record: dict[str, Any]) -> None:
    path = checkpoint_path(journal_folder)
    write_atomically(path, json.dumps(record).encode("utf-8"), backup_of(path))


def clear_saved_place(journal_folder: Path) -> None:
    """Remove the place and its backup, durably, the backup first: were the place removed first, a
    power cut could leave its older backup to be offered again. Then the place itself, durably,
    so a session already saved is never settled a second time from it."""
    path = checkpoint_path(journal_folder)
    for candidate in (backup_of(path), path):
        candidate.unlink(missing_ok=True)
        fsync_dir(journal_folder)
