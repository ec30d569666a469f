"""What every stand-in does to go on the bus: connect to the private bus, put its object at its
path, take its well-known name, and answer until the test ends it.

The stand-ins run as scripts (``python tests/standins/portal.py ADDRESS``), so they import this
as a neighbour, not through the ``tests`` package.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtDBus import QDBusConnection

EXPORT = QDBusConnection.RegisterOption.ExportAllSlots


def serve(address: str, service: str, path: str, make: Callable[[QDBusConnection], QObject]) -> int:
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, f"{service}-standin")
    answering = make(bus)
    if not (bus.registerObject(path, answering, EXPORT) and bus.registerService(service)):
        print(f"could not serve {service}: {bus.lastError().message()}", file=sys.stderr)
        return 1
    return app.exec()
