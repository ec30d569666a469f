"""Starting Seesaw at login, through the desktop's own way of doing it.

On Linux (and other freedesktop systems) that is a ``.desktop`` file in the user's autostart
folder (the XDG Autostart specification); elsewhere Seesaw says it cannot yet, rather than
pretending. Only used when the learner turns reminders on and asks for it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lesson_engine.storage import write_atomically
from ui.freedesktop.install import launcher_text, seesaw_command

NAME = "seesaw.desktop"


def autostart_dir() -> Path | None:
    """The autostart folder, or None where the desktop has no such folder (Windows, macOS)."""
    if sys.platform in ("win32", "darwin"):
        return None
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(base) / "autostart"


def set_autostart(on: bool) -> str:
    """Add or remove the autostart entry; returns what happened, in words."""
    folder = autostart_dir()
    if folder is None:
        return "Starting at login is not available on this system yet."
    path = folder / NAME
    if not on:
        path.unlink(missing_ok=True)
        return "Seesaw will no longer start at login."
    folder.mkdir(parents=True, exist_ok=True)
    # Seesaw's own launcher (its name, icon and this seesaw's command, quoted as the spec says),
    # marked for autostart.
    entry = launcher_text(seesaw_command()) + "X-GNOME-Autostart-enabled=true\n"
    write_atomically(path, entry.encode("utf-8"))
    return f"Seesaw will start when you log in ({path})."
