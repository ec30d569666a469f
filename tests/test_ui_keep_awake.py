"""The computer stays awake while a lesson plays: the real window, its real D-Bus inhibitor, and a
stand-in org.freedesktop.ScreenSaver on a private session bus that records what it was asked."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QLabel, QPushButton

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
        inhibitor=lambda: inhibitor,
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
        assert app.awake is None  # it follows the player: wired with its code, after the window
        assert app.flow.loading.finish()  # as the idle moments after wiring do
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


def write_a_lesson(app: SeesawApp) -> None:
    """On the Author page, a short lesson with the cursor on its first cue (left unmodified, so
    closing the window asks nothing)."""
    from tests.test_ui_author import GOOD, put_cursor, type_text

    app.window.show_page("author")
    type_text(app.author_view, GOOD)
    app.author_view.editor.document().setModified(False)
    put_cursor(app.author_view, 5)


def preview(app: SeesawApp) -> PlayerView:
    app.author_view.play_from_cursor()
    view = app.author_view.preview.player
    assert isinstance(view, PlayerView) and app.flow.previewing
    return view


def notices_shown(app: SeesawApp) -> list[str]:
    """The keep-awake rows of the banner as the learner sees them (not the list it keeps)."""
    rows = app.window.banner.findChildren(QLabel)
    return [r.text() for r in rows if r.isVisibleTo(app.window) and "stay awake" in r.text()]


def test_a_preview_says_nothing_of_keeping_awake_and_the_lessons_say_it_once(
    qtbot, tmp_path, journal, lessons
) -> None:
    from ui.desktop.awake.system import linux_inhibitor

    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "seesaw-test-preview")
    try:
        inhibitor = linux_inhibitor(nowhere, in_sandbox=False)  # the app's own chain
        app, _clock = open_app(qtbot, tmp_path, journal, lessons, nowhere, inhibitor)
        write_a_lesson(app)
        for _ in range(2):
            preview(app).buttons["stop"].click()
        assert notices_shown(app) == []  # the author at the desk is not told about lessons
        start_lesson(app).request_stop()
        (notice,) = notices_shown(app)
        assert "no D-Bus session bus" in notice
        start_lesson(app).request_stop()
        write_a_lesson(app)
        preview(app).buttons["stop"].click()
        assert notices_shown(app) == [notice]  # once, however many lessons and previews
        (dismiss,) = [
            b
            for b in app.window.banner.findChildren(QPushButton)
            if "stay awake" in b.accessibleName()
        ]
        dismiss.click()
        start_lesson(app).request_stop()
        qtbot.waitUntil(lambda: notices_shown(app) == [])  # dismissed, it is not said again
    finally:
        QDBusConnection.disconnectFromBus("seesaw-test-preview")


def test_a_preview_still_keeps_the_screen_awake_where_it_can(
    qtbot, tmp_path, journal, lessons, bus, screensaver
) -> None:
    app, _clock = open_app(qtbot, tmp_path, journal, lessons, bus)
    write_a_lesson(app)
    view = preview(app)
    said(qtbot, screensaver, INHIBIT.format(1))
    qtbot.waitUntil(lambda: app.awake is not None and app.awake.held)
    view.buttons["stop"].click()
    said(qtbot, screensaver, INHIBIT.format(1), "UnInhibit 1")
