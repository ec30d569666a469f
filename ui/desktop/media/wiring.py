"""The media keys' part of the app's wiring: MPRIS2 on the session bus, following the lesson."""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from ui.desktop.media.mpris import MediaControls
from ui.desktop.player.flow import LessonFlow
from ui.desktop.window.main_window import MainWindow


def media_controls(bus: QDBusConnection, flow: LessonFlow, window: MainWindow) -> MediaControls:
    """Stop asks the window's Stop question (never ends a session unseen); Raise shows it."""

    def raise_window() -> None:
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()

    controls = MediaControls(
        bus, request_stop=flow.request_stop, raise_window=raise_window, parent=window
    )
    flow.followers.append(controls.attach)
    return controls
