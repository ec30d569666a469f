"""Which inhibitor this computer gets, and on Linux the order of the ways to ask: all here.

Each is loaded only where it runs. On Linux (``linux_inhibitors``):

1. Outside a sandbox, ``org.freedesktop.ScreenSaver`` first: GNOME, KDE, Xfce, Cinnamon and MATE
   all answer it, without the portal's round trip; then the portal, for desktops without it.
2. Inside a Flatpak or a Snap, the portal first: it is the sandbox's sanctioned way out (the
   ScreenSaver name is reachable only if the package was granted it); then the ScreenSaver.

``FirstThatHolds`` tries them in that order and keeps the one that held.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ui.desktop.awake.inhibitors import Inhibitor

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection


def sandboxed(
    environ: Mapping[str, str] = os.environ, flatpak_info: Path = Path("/.flatpak-info")
) -> bool:
    """Inside a Flatpak (which puts ``/.flatpak-info`` in every sandbox) or a Snap (``SNAP``)."""
    return flatpak_info.exists() or "SNAP" in environ


def linux_inhibitors(bus: QDBusConnection, *, in_sandbox: bool) -> list[Inhibitor]:
    """The ways to ask on Linux, in the order they are tried (the module's docstring says why)."""
    from ui.desktop.awake.portal import PortalInhibitor
    from ui.desktop.awake.screensaver import ScreenSaverInhibitor

    screensaver, portal = ScreenSaverInhibitor(bus), PortalInhibitor(bus)
    return [portal, screensaver] if in_sandbox else [screensaver, portal]


def linux_inhibitor(bus: QDBusConnection, *, in_sandbox: bool) -> Inhibitor:
    from ui.desktop.awake.fallback import FirstThatHolds

    return FirstThatHolds(linux_inhibitors(bus, in_sandbox=in_sandbox))


def system_inhibitor() -> Inhibitor:
    """The inhibitor of the system Seesaw runs on (the session bus's ScreenSaver or portal on
    Linux)."""
    if sys.platform == "win32":
        from ui.desktop.awake.windows import WindowsInhibitor

        return WindowsInhibitor()
    if sys.platform == "darwin":
        from ui.desktop.awake.macos import MacInhibitor

        return MacInhibitor()
    from PySide6.QtDBus import QDBusConnection

    return linux_inhibitor(QDBusConnection.sessionBus(), in_sandbox=sandboxed())
