"""Where MPRIS lives, apart from the media controls themselves: the app asks for the bus as the
player's code loads, after the wiring, and the controls load with it (``ui/desktop/app.py``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt's D-Bus module loads when the bus is first asked for, after the wiring
    from PySide6.QtDBus import QDBusConnection


def session_bus() -> QDBusConnection | None:
    """The session bus where MPRIS lives (Linux and the BSDs); None elsewhere."""
    if sys.platform in ("win32", "darwin"):
        return None
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.sessionBus()
