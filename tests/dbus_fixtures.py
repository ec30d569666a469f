"""A private D-Bus session bus for tests, and stand-in desktop services on it.

The bus is a real ``dbus-daemon --session`` of the test run's own, so Seesaw's D-Bus code talks
to a real daemon and a separate process exactly as on a desktop, and never to the developer's
own session (``conftest.py`` points the default session bus at nothing). Without Debian's
``dbus`` package the tests that need the daemon are skipped and say why (``.ci/run`` installs it).
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtDBus import QDBusConnection, QDBusMessage

STANDINS = Path(__file__).resolve().parent / "standins"
DBUS_DAEMON = shutil.which("dbus-daemon")
NO_DAEMON = (
    "dbus-daemon is not installed (Debian: apt-get install dbus, which .ci/run does as root)"
)
_names = itertools.count()


@contextmanager
def session_bus() -> Iterator[str]:
    """A private ``dbus-daemon --session`` while the block runs; yields its address."""
    assert DBUS_DAEMON is not None, NO_DAEMON
    daemon = subprocess.Popen(
        [DBUS_DAEMON, "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    try:
        yield daemon.stdout.readline().strip()
    finally:
        daemon.terminate()
        daemon.wait()


@pytest.fixture(scope="session")
def bus_address() -> Iterator[str]:
    """The address of a private session bus, started once for the run."""
    if DBUS_DAEMON is None:
        pytest.skip(NO_DAEMON)
    with session_bus() as address:
        yield address


@pytest.fixture
def bus(qapp, bus_address: str) -> Iterator[QDBusConnection]:
    """A connection of this test's own to the private bus, closed afterwards."""
    name = f"seesaw-test-{next(_names)}"
    connection = QDBusConnection.connectToBus(bus_address, name)
    assert connection.isConnected(), connection.lastError().message()
    yield connection
    QDBusConnection.disconnectFromBus(name)


def has_owner(bus: QDBusConnection, service: str) -> bool:
    return bool(bus.interface().isServiceRegistered(service).value())


class StandIn:
    """A stand-in service in its own process; ``calls`` asks it what it was asked."""

    def __init__(
        self, bus: QDBusConnection, service: str, path: str, interface: str | None = None
    ) -> None:
        self.bus, self.service, self.path = bus, service, path
        self.interface = interface or service

    def calls(self) -> list[str]:
        ask = QDBusMessage.createMethodCall(self.service, self.path, self.interface, "Calls")
        reply = self.bus.call(ask)
        assert reply.type() is QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
        return list(reply.arguments()[0])


def start_standin(
    qtbot,
    bus: QDBusConnection,
    address: str,
    script: str,
    service: str,
    path: str,
    interface: str | None = None,
) -> Iterator[StandIn]:
    process = subprocess.Popen([sys.executable, str(STANDINS / script), address])
    try:
        qtbot.waitUntil(
            lambda: has_owner(bus, service) or process.poll() is not None, timeout=20_000
        )
        assert process.poll() is None, f"the {service} stand-in did not start"
        yield StandIn(bus, service, path, interface)
    finally:
        process.terminate()
        process.wait()
        qtbot.waitUntil(lambda: not has_owner(bus, service), timeout=10_000)


@pytest.fixture
def screensaver(qtbot, bus: QDBusConnection, bus_address: str) -> Iterator[StandIn]:
    """A stand-in org.freedesktop.ScreenSaver that records Inhibit and UnInhibit."""
    yield from start_standin(
        qtbot,
        bus,
        bus_address,
        "screensaver.py",
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
    )


@pytest.fixture
def portal(qtbot, bus: QDBusConnection, bus_address: str) -> Iterator[StandIn]:
    """A stand-in xdg-desktop-portal Inhibit that records Inhibit and each Request's Close."""
    yield from start_standin(
        qtbot,
        bus,
        bus_address,
        "portal.py",
        "org.freedesktop.portal.Desktop",
        "/org/freedesktop/portal/desktop",
        "org.freedesktop.portal.Inhibit",
    )


def press_remote(qtbot, address: str, *actions: str) -> dict[str, Any]:
    """What a media remote in its own process sends and reads (``standins/media_remote.py``),
    waited for while this process's event loop runs, so the app can answer."""
    remote = QProcess()
    with qtbot.waitSignal(remote.finished, timeout=20_000):
        remote.start(sys.executable, [str(STANDINS / "media_remote.py"), address, *actions])
    output = bytes(remote.readAllStandardOutput().data()).decode()
    assert remote.exitCode() == 0, bytes(remote.readAllStandardError().data()).decode()
    result: dict[str, Any] = json.loads(output)
    return result
