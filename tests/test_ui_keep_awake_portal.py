"""The desktop portal keeps the computer awake where the ScreenSaver cannot: the real window, the
order of ``awake/system.py``, and stand-ins for both services on a private session bus."""

from __future__ import annotations

from PySide6.QtDBus import QDBusConnection

from lesson_engine.playback.keep_awake import HOLD_AFTER_PAUSE_MS
from tests.dbus_fixtures import StandIn
from tests.test_ui_keep_awake import INHIBIT, open_app, said, start_lesson
from ui.desktop.awake.system import linux_inhibitor, sandboxed

REQUESTS = "/org/freedesktop/portal/desktop/request/standin/"
PORTAL_INHIBIT = "Inhibit '' flags 12: A movement lesson is playing -> " + REQUESTS + "t{}"
"""Suspend (4) and idle (8), from no window in particular, and the Request it answers with."""


def open_linux_app(qtbot, tmp_path, journal, lessons, bus: QDBusConnection, *, sandbox: bool):
    return open_app(
        qtbot, tmp_path, journal, lessons, bus, linux_inhibitor(bus, in_sandbox=sandbox)
    )


def test_without_a_screensaver_the_portal_holds_until_its_request_is_closed(
    qtbot, tmp_path, journal, lessons, bus, portal: StandIn
) -> None:
    app, clock = open_linux_app(qtbot, tmp_path, journal, lessons, bus, sandbox=False)
    assert portal.calls() == []
    view = start_lesson(app)
    said(qtbot, portal, PORTAL_INHIBIT.format(1))
    qtbot.waitUntil(lambda: app.awake is not None and app.awake.held)
    clock.advance(20 * 60_000)
    app.flow.controller.tick()
    view.request_stop()
    said(qtbot, portal, PORTAL_INHIBIT.format(1), f"Close {REQUESTS}t1")
    assert app.window.banner.messages == []  # the ScreenSaver's absence is not news


def test_the_portal_lets_go_after_a_long_pause_and_holds_again_on_resume(
    qtbot, tmp_path, journal, lessons, bus, portal: StandIn
) -> None:
    app, clock = open_linux_app(qtbot, tmp_path, journal, lessons, bus, sandbox=False)
    start_lesson(app)
    said(qtbot, portal, PORTAL_INHIBIT.format(1))
    app.flow.controller.toggle()  # Pause
    clock.advance(HOLD_AFTER_PAUSE_MS)
    assert app.awake is not None
    app.awake.check()  # the timer fires
    said(qtbot, portal, PORTAL_INHIBIT.format(1), f"Close {REQUESTS}t1")
    app.flow.controller.toggle()
    said(qtbot, portal, PORTAL_INHIBIT.format(1), f"Close {REQUESTS}t1", PORTAL_INHIBIT.format(2))


def test_in_a_sandbox_the_portal_is_asked_first_and_the_screensaver_not_at_all(
    qtbot, tmp_path, journal, lessons, bus, portal: StandIn, screensaver: StandIn
) -> None:
    app, _clock = open_linux_app(qtbot, tmp_path, journal, lessons, bus, sandbox=True)
    start_lesson(app).request_stop()
    said(qtbot, portal, PORTAL_INHIBIT.format(1), f"Close {REQUESTS}t1")
    assert screensaver.calls() == []


def test_on_a_desktop_the_screensaver_is_asked_first_and_the_portal_not_at_all(
    qtbot, tmp_path, journal, lessons, bus, portal: StandIn, screensaver: StandIn
) -> None:
    app, _clock = open_linux_app(qtbot, tmp_path, journal, lessons, bus, sandbox=False)
    start_lesson(app).request_stop()
    said(qtbot, screensaver, INHIBIT.format(1), "UnInhibit 1")
    assert portal.calls() == []


def test_with_neither_service_the_learner_hears_both_reasons_once(
    qtbot, tmp_path, journal, lessons, bus
) -> None:
    app, _clock = open_linux_app(qtbot, tmp_path, journal, lessons, bus, sandbox=False)
    start_lesson(app)
    qtbot.waitUntil(lambda: bool(app.window.banner.messages))
    (notice,) = app.window.banner.messages
    assert "could not ask this computer to stay awake" in notice
    assert "screensaver service did not answer" in notice and "no desktop portal" in notice
    assert app.awake is not None and not app.awake.held


def test_a_flatpak_or_a_snap_is_a_sandbox(tmp_path) -> None:
    info = tmp_path / ".flatpak-info"
    assert not sandboxed({}, info)
    assert sandboxed({"SNAP": "/snap/seesaw/1"}, info)
    info.write_text("[Application]\nname=io.github.seesaw.Seesaw\n")
    assert sandboxed({}, info)
