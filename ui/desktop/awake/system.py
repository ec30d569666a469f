"""Which inhibitor this computer gets: chosen by platform, each loaded only where it runs."""

from __future__ import annotations

import sys

from ui.desktop.awake.inhibitors import Inhibitor


def system_inhibitor() -> Inhibitor:
    """The inhibitor of the system Seesaw runs on (the session bus's ScreenSaver on Linux)."""
    if sys.platform == "win32":
        from ui.desktop.awake.windows import WindowsInhibitor

        return WindowsInhibitor()
    if sys.platform == "darwin":
        from ui.desktop.awake.macos import MacInhibitor

        return MacInhibitor()
    from PySide6.QtDBus import QDBusConnection

    from ui.desktop.awake.screensaver import ScreenSaverInhibitor

    return ScreenSaverInhibitor(QDBusConnection.sessionBus())
