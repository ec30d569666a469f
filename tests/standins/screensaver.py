"""A stand-in for the desktop's org.freedesktop.ScreenSaver, recording every call it answers.

Run as ``python screensaver.py BUS_ADDRESS`` on a private bus. It is as strict as the real
services, which are QtDBus (KDE) or GDBus (GNOME) and refuse a call whose argument types differ
from the interface's: ``UnInhibit`` with an int32 cookie gets UnknownMethod, as on a desktop.
``Calls`` (not part of the real interface) tells the test what happened, in order.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import ClassInfo, QObject, Slot
from serving import serve

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.cookies = 0

    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:
        self.cookies += 1
        self.calls.append(f"Inhibit {application}: {reason} -> {self.cookies}")
        return self.cookies

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        self.calls.append(f"UnInhibit {cookie}")

    @Slot(result="QStringList")
    def Calls(self) -> list[str]:
        return self.calls


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1], SERVICE, PATH, lambda _bus: ScreenSaver()))
