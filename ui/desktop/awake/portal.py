"""Linux, inside a sandbox or without a ScreenSaver: xdg-desktop-portal's ``Inhibit``, by QtDBus.

A Flatpak or a Snap reaches the desktop through its portals, and some desktops (a bare Wayland
compositor, a tiling window manager) answer no ``org.freedesktop.ScreenSaver`` at all but run the
portal. ``Inhibit`` asks it not to suspend (4) or go idle (8), the two that would stop a lesson's
sound, and answers with a ``Request`` object's path; the inhibition lasts until ``Close`` is
called on that object, or until Seesaw leaves the bus.

The flags are a uint32, which PySide6 cannot put in a plain message (a Python int goes as int32,
and the portal, like every GDBus service, refuses it); an interface read from the portal's own
introspection converts them when called through Qt's meta-object, so this call waits for its
answer, at most ``CALL_TIMEOUT_MS``. It is made only as a lesson starts playing, after the sound
is under way in SDL's own thread, and the player's position is reckoned from its clock, so a
slow portal makes a caption late, never the sound or the lesson's place. ``Close`` needs no
typed argument and goes without waiting.
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

from ui.desktop.awake.inhibitors import REASON, Problem

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.Inhibit"
REQUEST = "org.freedesktop.portal.Request"
SUSPEND, IDLE = 4, 8
CALL_TIMEOUT_MS = 2_000


class PortalInhibitor:
    def __init__(self, bus: QDBusConnection) -> None:
        self._bus = bus
        self._handle: str | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def hold(self, on_problem: Problem) -> None:
        if self._handle is not None:
            return
        if not self._bus.isConnected():
            on_problem(f"no D-Bus session bus: {self._bus.lastError().message() or 'none found'}")
            return
        portal = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus)
        portal.setTimeout(CALL_TIMEOUT_MS)
        if not portal.isValid():
            on_problem(f"no desktop portal ({portal.lastError().name() or 'no Inhibit'})")
            return
        handle = QMetaObject.invokeMethod(
            portal,
            "Inhibit",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("QDBusObjectPath"),
            Q_ARG("QString", ""),  # no parent window: the lesson is the whole reason
            Q_ARG("uint", SUSPEND | IDLE),
            Q_ARG("QVariantMap", {"reason": REASON}),
        )
        error = portal.lastError()
        path = handle.path() if handle is not None and hasattr(handle, "path") else ""
        if error.isValid() or not path:
            on_problem(f"the desktop portal did not inhibit ({error.name() or 'no handle'})")
            return
        self._handle = path

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        self._bus.asyncCall(QDBusMessage.createMethodCall(SERVICE, handle, REQUEST, "Close"))
