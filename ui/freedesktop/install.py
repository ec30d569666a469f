"""Putting Seesaw in a Linux desktop's app menu, and taking it out again, for one user.

A runner who installed with pipx (or ``make run``) has a ``seesaw`` command but no launcher. The
freedesktop specifications say where a user's launchers, icons and metainfo go (under
``$XDG_DATA_HOME``, by default ``~/.local/share``); every desktop that follows them (GNOME, KDE,
Xfce, Cinnamon, ...) watches those folders, so the menu entry appears without logging out.

The launcher's ``Exec`` names the ``seesaw`` that ran this command, by absolute path: a venv's or
pipx's ``bin`` folder need not be on the PATH a desktop session starts apps with. The copies are
written with ``storage.write_atomically``, so a launcher is never half-written; removing takes
out exactly the files installing put in, and nothing else.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from lesson_engine.storage import write_atomically
from ui.freedesktop import DESKTOP_ENTRY, ICON, METAINFO, packaged

RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
"""Characters that make the desktop entry spec quote an Exec argument."""


@dataclass(frozen=True)
class Places:
    """Where each file goes under one XDG data folder."""

    data_home: Path

    @property
    def entry(self) -> Path:
        return self.data_home / "applications" / DESKTOP_ENTRY

    @property
    def icon(self) -> Path:
        return self.data_home / "icons" / "hicolor" / "scalable" / "apps" / ICON

    @property
    def metainfo(self) -> Path:
        return self.data_home / "metainfo" / METAINFO

    def all(self) -> tuple[Path, Path, Path]:
        return (self.entry, self.icon, self.metainfo)


def xdg_data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative (the spec)."""
    value = (os.environ if environ is None else environ).get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def seesaw_command() -> list[str]:
    """How to start this Seesaw: the ``seesaw`` script that is running, else this Python."""
    script = Path(sys.argv[0])
    if script.name in ("seesaw", "seesaw.exe") and script.exists():
        return [str(script.absolute())]
    return [sys.executable, "-m", "ui.main"]


def exec_value(command: list[str]) -> str:
    """``command`` as a desktop entry's Exec value: arguments quoted as the spec says, then the
    backslashes doubled once more, as every string value's are."""
    quoted = []
    for arg in command:
        if RESERVED & set(arg):
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            arg = f'"{escaped}"'
        quoted.append(arg)
    return " ".join(quoted).replace("\\", "\\\\")


def launcher_text(command: list[str]) -> str:
    """The packaged launcher with its Exec (and TryExec) pointing at ``command``."""
    lines = []
    for line in packaged(DESKTOP_ENTRY).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_value(command)}"
        elif line.startswith("TryExec="):
            if len(command) > 1:
                continue  # TryExec names one program; "python -m ui.main" has no such file
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(places: Places, command: list[str]) -> list[Path]:
    """Write the launcher, the icon and the metainfo; returns what was written."""
    contents = {
        places.entry: launcher_text(command).encode("utf-8"),
        places.icon: packaged(ICON).read_bytes(),
        places.metainfo: packaged(METAINFO).read_bytes(),
    }
    for path, data in contents.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    return list(contents)


def remove(places: Places) -> list[Path]:
    """Delete what ``install`` wrote; returns what was there. Folders are left: others use them."""
    removed = []
    for path in places.all():
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
