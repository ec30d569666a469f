"""Where MPRIS lives, apart from the media controls themselves: the app asks for the bus as it
is wired, and the controls load with the player's code (``ui/desktop/app.py``)."""

from __future__ import annotations

import sys

from PySide6.QtDBus import QDBusConnection


def session_bus() -> QDBusConnection | None:
    """The session bus where MPRIS lives (Linux and the BSDs); None elsewhere."""
    if sys.platform in ("win32", "darwin"):
        return None
    return QDBusConnection.sessionBus()
