"""The computer stays awake while a lesson plays: the real window, its real D-Bus inhibitor, and a
stand-in org.freedesktop.ScreenSaver on a private session bus that records what it was asked."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtDBus import QDBusConnection

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.keep_awake import HOLD_AFTER_PAUSE_MS
from lesson_engine.playback.state import PlayerState
from tests.dbus_fixtures import StandIn
from ui.desktop.app import SeesawApp, build
from ui.desktop.awake.inhibitors import Inhibitor
from ui.desktop.awake.screensaver import ScreenSaverInhibitor
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio

INHIBIT = "Inhibit Seesaw: A movement lesson is playing -> {}"


def open_app(
    qtbot,
    tmp_path: Path,
    journal: Journal,
    lessons: Path,
    bus: QDBusConnection,
    inhibitor: Inhibitor | None = None,
):
    clock = ManualClock()
    inhibitor = inhibitor or ScreenSaverInhibitor(bus)
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        folders=[("Seesaw", lessons)],
        clock=clock,
        confirm_stop=lambda _parent, _question: True,
        inhibitor=inhibitor,
    )
    qtbot.addWidget(app.window)
    app.window.show()
    return app, clock


def start_lesson(app: SeesawApp) -> PlayerView:
    app.flow.start("weight-shift-1")
    app.window.pages.currentWidget().skip.click()
    view = app.window.pages.currentWidget()
    assert isinstance(view, PlayerView) and app.flow.player.state is PlayerState.PLAYING
    return view


def said(qtbot, screensaver: StandIn, *calls: str) -> None:
    qtbot.waitUntil(lambda: screensaver.calls() == list(calls))


def test_a_lesson_keeps_the_screen_awake_from_play_until_stop(
    qtbot, tmp_path, journal, lessons, bus, screensaver
) -> None:
    app, clock = open_app(qtbot, tmp_path, journal, lessons, bus)
    assert screensaver.calls() == []  # the library and the check-in hold nothing
    view = start_lesson(app)
    said(qtbot, screensaver, INHIBIT.format(1))
    qtbot.waitUntil(lambda: app.awake is not None and app.awake.held)  # its cookie came back
    clock.advance(20 * 60_000)
    app.flow.controller.tick()
    view.request_stop()
    said(qtbot, screensaver, INHIBIT.format(1), "UnInhibit 1")


def test_a_pause_holds_for_five_minutes_then_lets_the_screen_sleep(
    qtbot, tmp_path, journal, lessons, bus, screensaver
) -> None:
    app, clock = open_app(qtbot, tmp_path, journal, lessons, bus)
    start_lesson(app)
    said(qtbot, screensaver, INHIBIT.format(1))
    app.flow.controller.toggle()  # Pause
    keeper = app.awake
    assert keeper is not None and keeper.timer.isActive()  # it will look again
    clock.advance(HOLD_AFTER_PAUSE_MS - 1)
    keeper.check()  # as the timer would, if it had fired early
    assert screensaver.calls() == [INHIBIT.format(1)]
    clock.advance(1)
    keeper.check()  # the timer fires
    said(qtbot, screensaver, INHIBIT.format(1), "UnInhibit 1")
    app.flow.controller.toggle()  # back from the pause: awake again
    said(qtbot, screensaver, INHIBIT.format(1), "UnInhibit 1", INHIBIT.format(2))


def test_a_stop_before_the_screensaver_answers_still_lets_go(
    qtbot, tmp_path, journal, lessons, bus, screensaver
) -> None:
    app, _clock = open_app(qtbot, tmp_path, journal, lessons, bus)
    start_lesson(app).request_stop()  # in the same turn of the event loop as the Inhibit
    said(qtbot, screensaver, INHIBIT.format(1), "UnInhibit 1")


def test_closing_the_window_mid_lesson_lets_go(
    qtbot, tmp_path, journal, lessons, bus, screensaver
) -> None:
    app, _clock = open_app(qtbot, tmp_path, journal, lessons, bus)
    start_lesson(app)
    said(qtbot, screensaver, INHIBIT.format(1))
    app.window.close()
    said(qtbot, screensaver, INHIBIT.format(1), "UnInhibit 1")


def test_without_a_screensaver_the_lesson_plays_and_the_learner_is_told(
    qtbot, tmp_path, journal, lessons, bus, caplog
) -> None:
    app, _clock = open_app(qtbot, tmp_path, journal, lessons, bus)
    with caplog.at_level(logging.WARNING):
        start_lesson(app)
        qtbot.waitUntil(lambda: bool(app.window.banner.messages))
    (notice,) = app.window.banner.messages
    assert "could not ask this computer to stay awake" in notice
    assert "ServiceUnknown" in notice
    assert "Cannot keep the computer awake" in caplog.text
    assert app.flow.player.state is PlayerState.PLAYING


def test_without_a_session_bus_the_lesson_plays_and_the_learner_is_told(
    qtbot, tmp_path, journal, lessons
) -> None:
    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "seesaw-test-nowhere")
    try:
        app, _clock = open_app(qtbot, tmp_path, journal, lessons, nowhere)
        told: list[str] = []
        assert app.awake is not None
        app.awake.problem.connect(told.append)
        view = start_lesson(app)
        (notice,) = app.window.banner.messages
        assert "no D-Bus session bus" in notice
        view.request_stop()
        app.flow.start("weight-shift-1")
        app.window.pages.currentWidget().skip.click()
        assert told == [notice]  # said once, not at every lesson
    finally:
        QDBusConnection.disconnectFromBus("seesaw-test-nowhere")
