"""Headset and media keys: a remote in its own process on a private session bus presses MPRIS2
buttons, and the real window's lesson pauses, plays, moves and asks to stop; the status and
the instruction the desktop shows follow, announced by PropertiesChanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import SLOT, QObject, QSettings, Slot
from PySide6.QtDBus import QDBusConnection

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from tests.dbus_fixtures import has_owner, press_remote
from ui.desktop.app import SeesawApp, build
from ui.desktop.media.mpris import BUS_NAME, OBJECT_PATH, PLAYER_INTERFACE
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio

TITLE = "Weight shift 1 — lying on your side"


class Announcements(QObject):
    """PropertiesChanged as the desktop's media panel hears it. QtDBus calls this typed slot only
    for a signal of exactly (s, a{sv}, as), as GDBus-based panels insist."""

    def __init__(self, listener: QDBusConnection) -> None:
        super().__init__()
        self.heard: list[tuple[str, dict[str, Any]]] = []
        assert listener.connect(
            BUS_NAME,
            OBJECT_PATH,
            "org.freedesktop.DBus.Properties",
            "PropertiesChanged",
            self,
            SLOT("changed(QString,QVariantMap,QStringList)"),
        )

    @Slot(str, "QVariantMap", "QStringList")
    def changed(self, interface: str, properties: dict[str, Any], _invalidated: list[str]) -> None:
        self.heard.append((interface, properties))

    def statuses(self) -> list[str]:
        return [p["PlaybackStatus"] for _, p in self.heard if "PlaybackStatus" in p]


def open_app(qtbot, tmp_path: Path, journal: Journal, lessons: Path, bus: QDBusConnection):
    questions: list[str] = []

    def confirm(_parent, question: str) -> bool:
        questions.append(question)
        return True

    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        folders=[("Seesaw", lessons)],
        clock=ManualClock(),
        confirm_stop=confirm,
        media_bus=lambda: bus,
    )
    qtbot.addWidget(app.window)
    app.window.show()
    return app, questions


def start_lesson(qtbot, app: SeesawApp, listener: QDBusConnection) -> PlayerView:
    app.flow.start("weight-shift-1")
    app.window.pages.currentWidget().skip.click()
    view = app.window.pages.currentWidget()
    assert isinstance(view, PlayerView)
    qtbot.waitUntil(lambda: has_owner(listener, BUS_NAME))
    return view


def test_headset_pause_and_play_move_the_lesson_in_the_window(
    qtbot, tmp_path, journal, lessons, bus, bus_address
) -> None:
    listener = QDBusConnection.connectToBus(bus_address, "seesaw-test-media-panel")
    try:
        app, _ = open_app(qtbot, tmp_path, journal, lessons, bus)
        assert not has_owner(listener, BUS_NAME)  # no lesson: the keys are the music player's
        announcements = Announcements(listener)
        view = start_lesson(qtbot, app, listener)
        player = app.flow.player
        assert player.state is PlayerState.PLAYING

        read = press_remote(qtbot, bus_address, "Pause", "?PlaybackStatus")
        assert read == {"Pause": "ok", "?PlaybackStatus": "Paused"}
        assert player.state is PlayerState.PAUSED
        assert view.buttons["toggle"].text() == "Resume" and view.paused.isVisibleTo(view)
        press_remote(qtbot, bus_address, "Pause")
        assert player.state is PlayerState.PAUSED  # Pause pauses; it does not toggle

        read = press_remote(qtbot, bus_address, "Play", "Play", "?PlaybackStatus")
        assert read["?PlaybackStatus"] == "Playing"  # and Play plays, however often
        assert player.state is PlayerState.PLAYING and view.buttons["toggle"].text() == "Pause"

        press_remote(qtbot, bus_address, "PlayPause")
        assert player.state is PlayerState.PAUSED
        qtbot.waitUntil(lambda: announcements.statuses()[-3:] == ["Paused", "Playing", "Paused"])
        interface, properties = announcements.heard[-1]
        assert interface == PLAYER_INTERFACE and "Metadata" in properties
    finally:
        QDBusConnection.disconnectFromBus("seesaw-test-media-panel")


def test_the_desktop_shows_the_lesson_and_the_instruction_being_followed(
    qtbot, tmp_path, journal, lessons, bus, bus_address
) -> None:
    app, _ = open_app(qtbot, tmp_path, journal, lessons, bus)
    announcements = Announcements(bus)
    view = start_lesson(qtbot, app, bus)
    first = view.caption.text()
    meta = press_remote(qtbot, bus_address, "?Metadata")["?Metadata"]
    assert (meta["xesam:title"], meta["xesam:album"]) == (first, TITLE)
    assert meta["mpris:trackid"] == "/org/seesaw/lesson/weight_shift_1"

    qtbot.waitUntil(lambda: bool(announcements.heard))
    announced = len(announcements.heard)
    meta = press_remote(qtbot, bus_address, "Next", "?Metadata")["?Metadata"]
    second = view.caption.text()
    assert second != first and meta["xesam:title"] == second
    qtbot.waitUntil(lambda: len(announcements.heard) > announced)  # the panel is told, too
    assert "Metadata" in announcements.heard[-1][1]

    meta = press_remote(qtbot, bus_address, "Previous", "?Metadata")["?Metadata"]
    assert view.caption.text() == first == meta["xesam:title"]  # back within its first 2 s


def test_stop_asks_the_windows_question_and_then_lets_the_keys_go(
    qtbot, tmp_path, journal, lessons, bus, bus_address
) -> None:
    app, questions = open_app(qtbot, tmp_path, journal, lessons, bus)
    start_lesson(qtbot, app, bus)
    assert press_remote(qtbot, bus_address, "Stop") == {"Stop": "ok"}
    qtbot.waitUntil(lambda: isinstance(app.window.pages.currentWidget(), CheckInView))
    assert len(questions) == 1  # asked as Esc asks, never stopped unseen
    read = press_remote(qtbot, bus_address, "PlayPause", "?PlaybackStatus", "?CanPlay")
    assert read == {"PlayPause": "ok", "?PlaybackStatus": "Stopped", "?CanPlay": False}
    assert app.flow.player.state is PlayerState.FINISHED  # not restarted behind the check-out
    checkout = app.window.pages.currentWidget()
    checkout.submitted.emit(checkout.current())
    qtbot.waitUntil(lambda: not has_owner(bus, BUS_NAME))


def test_without_a_session_bus_the_app_starts_and_the_window_keys_still_work(
    qtbot, tmp_path, journal, lessons, caplog
) -> None:
    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "seesaw-test-no-media")
    try:
        app, _ = open_app(qtbot, tmp_path, journal, lessons, nowhere)
        assert app.flow.loading.finish()  # as the idle moments after wiring do
        assert app.media is not None and not app.media.available
        assert "only while Seesaw's window has focus" in caplog.text
        app.flow.start("weight-shift-1")
        app.window.pages.currentWidget().skip.click()
        app.flow.controller.toggle()
        assert app.flow.player.state is PlayerState.PAUSED
    finally:
        QDBusConnection.disconnectFromBus("seesaw-test-no-media")
