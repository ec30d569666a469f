"""Linux: ``org.freedesktop.ScreenSaver`` ``Inhibit`` / ``UnInhibit`` on the session bus, by QtDBus.

GNOME, KDE, Xfce, Cinnamon and MATE all answer this interface, and an idle inhibition there also
stops the suspend that follows idleness. The service drops an inhibition when its caller leaves
the bus, so even a crash cannot leave the computer awake for ever.

``Inhibit`` is sent without waiting (the thread that sends it drives playback); its reply brings
the cookie that ``UnInhibit`` returns. A release asked for before that reply is kept until it
arrives. No bus, no service, or an error reply: ``on_problem`` hears why, and nothing else changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusInterface,
    QDBusMessage,
    QDBusPendingCallWatcher,
)

from ui.desktop.awake.inhibitors import APP_NAME, REASON, Problem

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
CALL_TIMEOUT_MS = 2_000
"""A screensaver that does not answer within this long is taken as absent."""

log = logging.getLogger(__name__)


class ScreenSaverInhibitor(QObject):
    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._cookie: int | None = None
        self._asking: QDBusPendingCallWatcher | None = None
        self._release_on_reply = False
        self._on_problem: Problem = lambda _why: None

    @property
    def held(self) -> bool:
        return self._cookie is not None

    def hold(self, on_problem: Problem) -> None:
        self._on_problem = on_problem
        self._release_on_reply = False
        if self._cookie is not None or self._asking is not None:
            return
        if not self._bus.isConnected():
            on_problem(f"no D-Bus session bus: {self._bus.lastError().message() or 'none found'}")
            return
        call = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "Inhibit")
        call.setArguments([APP_NAME, REASON])
        self._asking = QDBusPendingCallWatcher(self._bus.asyncCall(call, CALL_TIMEOUT_MS), self)
        self._asking.finished.connect(self._answered)

    def release(self) -> None:
        if self._asking is not None:
            self._release_on_reply = True
            return
        if self._cookie is None:
            return
        cookie, self._cookie = self._cookie, None
        self._uninhibit(cookie)

    def _answered(self, watcher: QDBusPendingCallWatcher) -> None:
        reply = watcher.reply()
        watcher.deleteLater()
        self._asking = None
        if reply.type() is QDBusMessage.MessageType.ErrorMessage:
            self._on_problem(f"the screensaver service did not answer ({reply.errorName()})")
            return
        arguments = reply.arguments()
        if not arguments or not isinstance(arguments[0], int):
            self._on_problem(f"the screensaver service answered {reply.signature()!r}")
            return
        self._cookie = int(arguments[0])
        if self._release_on_reply:
            self._release_on_reply = False
            self.release()

    def _uninhibit(self, cookie: int) -> None:
        """``UnInhibit`` takes a uint32, and PySide6 sends a Python int as int32, which the
        services refuse. An interface read from the service's own introspection converts to the
        declared type when called through Qt's meta-object, hence this roundabout call; it waits
        for the reply, at most ``CALL_TIMEOUT_MS``, and happens only on pause, stop and exit."""
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, self._bus)
        interface.setTimeout(CALL_TIMEOUT_MS)
        called = interface.isValid() and QMetaObject.invokeMethod(
            interface, "UnInhibit", Qt.ConnectionType.DirectConnection, Q_ARG("uint", cookie)
        )
        error = interface.lastError()
        if not called or error.isValid():
            log.warning(
                "The screensaver inhibition %s could not be lifted (%s); it ends when Seesaw "
                "closes.",
                cookie,
                error.message() or "no such method",
            )
