"""The desktop sees one Seesaw: the media panel (MPRIS2) names the same launcher, and so shows
the same icon and name, as the app menu and the window (``ui.freedesktop``)."""

from __future__ import annotations

from tests.dbus_fixtures import press_remote
from tests.test_ui_media_keys import open_app, start_lesson
from ui.freedesktop import APP_ID, DESKTOP_ENTRY


def test_the_media_panel_names_seesaws_own_launcher(
    qtbot, tmp_path, journal, lessons, bus, bus_address
) -> None:
    app, _ = open_app(qtbot, tmp_path, journal, lessons, bus)
    start_lesson(qtbot, app, bus)
    shown = press_remote(qtbot, bus_address, "?DesktopEntry", "?Identity")
    assert f"{shown['?DesktopEntry']}.desktop" == DESKTOP_ENTRY
    assert shown["?DesktopEntry"] == APP_ID and shown["?Identity"] == "Seesaw"
