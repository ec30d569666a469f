"""A stand-in for xdg-desktop-portal's org.freedesktop.portal.Inhibit, recording every call.

Run as ``python portal.py BUS_ADDRESS`` on a private bus. As the real portal does, ``Inhibit``
answers with the object path of a new ``org.freedesktop.portal.Request``, and the inhibition
lasts until ``Close`` is called on that object. It is as strict as the real one (GDBus): flags
must be a uint32 and the options a{sv}, or the call gets UnknownMethod. ``Calls`` (not part of
the real interface) tells the test what happened, in order.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusObjectPath
from serving import EXPORT, serve

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
REQUESTS = "/org/freedesktop/portal/desktop/request/standin/"


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Request"})
class Request(QObject):
    def __init__(self, path: str, calls: list[str], bus: QDBusConnection) -> None:
        super().__init__()
        self.path, self.calls, self.bus = path, calls, bus

    @Slot()
    def Close(self) -> None:
        self.calls.append(f"Close {self.path}")
        self.bus.unregisterObject(self.path)


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Inhibit"})
class Inhibit(QObject):
    def __init__(self, bus: QDBusConnection) -> None:
        super().__init__()
        self.bus = bus
        self.calls: list[str] = []
        self.requests: list[Request] = []

    @Slot(str, "uint", "QVariantMap", result="QDBusObjectPath")
    def Inhibit(self, window: str, flags: int, options: dict[str, object]) -> QDBusObjectPath:
        path = f"{REQUESTS}t{len(self.requests) + 1}"
        self.calls.append(f"Inhibit {window!r} flags {flags}: {options.get('reason')} -> {path}")
        request = Request(path, self.calls, self.bus)
        self.requests.append(request)
        self.bus.registerObject(path, request, EXPORT)
        return QDBusObjectPath(path)

    @Slot(result="QStringList")
    def Calls(self) -> list[str]:
        return self.calls


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], SERVICE, PATH, Inhibit))
