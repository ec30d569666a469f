"""Names of the journal's files, and reading the saved place before the journal is opened.

The app's first paint offers "Resume ... at ..." from the saved place alone; opening the journal
itself (its database, its lock, its checks) waits until the window is on screen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
