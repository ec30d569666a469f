"""Floor mode: F11 or the Floor button puts the lesson full screen with only what a learner on
the mat needs (caption, next, timers, large controls, a legend of the keys), and F11 again or the
lesson's end brings the window back as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QFont, QPalette, QTextLayout
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from ui.desktop.app import SeesawApp, build
from ui.desktop.player.floor import KEYS, LEGEND, legend
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio
from ui.desktop.sound_notice import sound_notice
from ui.desktop.theme import LIGHT, apply_theme


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The app's own style sheet, as ``seesaw`` applies it; put back afterwards."""
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    apply_theme(qapp, LIGHT)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def playing(qtbot, tmp_path: Path, journal: Journal, lessons: Path) -> tuple[SeesawApp, QWidget]:  # type: ignore[no-untyped-def]
    """The whole window on screen, Weight shift 1 started (check-in skipped); its player."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=settings,
        folders=[("Seesaw", lessons)],
        clock=ManualClock(),
        confirm_stop=lambda _parent, _question: True,
    )
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    app.flow.start("weight-shift-1")
    app.flow.view.skip.click()
    return app, app.window.pages.currentWidget()


def test_floor_mode_in_and_out(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path, styled: None
) -> None:
    app, view = playing(qtbot, tmp_path, journal, lessons)
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    assert isinstance(view, PlayerView)
    normal_caption = view.caption.font().pointSize()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F11)  # where the keys go, as for people
    assert app.window.isFullScreen() and view.floor
    assert not app.window._nav_box.isVisibleTo(app.window)
    assert view.legend.isVisibleTo(view) and view.legend.text() == LEGEND
    assert not view.title.isVisibleTo(view) and not view.medical.isVisibleTo(view)
    assert view.caption.font().pointSize() > normal_caption
    big = view.buttons["rest"].sizeHint().height()
    view.buttons["floor"].click()  # the button, as F11
    assert not app.window.isFullScreen() and not view.floor
    assert app.window._nav_box.isVisibleTo(app.window)
    assert (
        view.buttons["rest"].sizeHint().height() < big
    )  # the controls are large only on the floor
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F11)
    assert app.window.isFullScreen()
    view.stop_confirmed.emit()  # Stop: the check-out is read at the desk
    assert not app.window.isFullScreen()
    assert app.window._nav_box.isVisibleTo(app.window)


def test_the_legend_wraps_between_keys_never_inside_one(qtbot, styled: None) -> None:
    label = legend()
    qtbot.addWidget(label)
    label.ensurePolished()
    for floor_pt in (15, 18):  # the usual size, and the larger one on a tall screen
        font = QFont(label.font())
        font.setPointSize(floor_pt)
        for width in range(200, 1000, 25):
            layout = QTextLayout(LEGEND, font)
            layout.beginLayout()
            lines = []
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                lines.append(LEGEND[line.textStart() : line.textStart() + line.textLength()])
            layout.endLayout()
            shown = [part.replace("\N{NO-BREAK SPACE}", " ") for part in lines]
            keys = [key.strip() for part in shown for key in part.split("·") if key.strip()]
            assert keys == list(KEYS), (floor_pt, width, shown)  # each line holds whole keys


NO_SOUND = "Sound could not start: no audio device was found. Lessons run with captions only."


def test_a_notice_said_on_the_floor_shows_large_in_the_lesson_covering_no_control(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path, styled: None
) -> None:
    """The banner, with its small words and Dismiss, showed itself across the top of floor
    mode when a notice came (the sound device failing as the lesson began)."""
    app, view = playing(qtbot, tmp_path, journal, lessons)
    assert isinstance(view, PlayerView)
    view.floor_requested.emit()  # F11
    assert view.floor and not view.notice.isVisibleTo(view)  # nothing to say yet
    banner, sound = app.window.banner, sound_notice(app.window.banner)
    sound.started(NO_SOUND)  # the device's answer, after the lesson went to the floor
    assert not banner.isVisibleTo(app.window)
    assert view.notice.isVisibleTo(view) and view.notice.words == NO_SOUND
    assert view.notice.label.font().pointSize() >= 16  # large: read from the mat
    qtbot.waitUntil(lambda: view.notice.width() > 0)
    notice = view.notice.geometry().translated(view.notice.parentWidget().mapTo(view, QPoint()))
    for key in ("toggle", "rest", "back", "next"):
        button = view.buttons[key]
        assert button.isVisibleTo(view)
        where = button.geometry().translated(button.parentWidget().mapTo(view, QPoint()))
        assert not notice.intersects(where), key
    assert not notice.intersects(
        view.caption.geometry().translated(view.caption.parentWidget().mapTo(view, QPoint()))
    )
    sound.started("")  # no longer true: gone from the floor too
    assert not view.notice.isVisibleTo(view) and not banner.isVisibleTo(app.window)
    sound.started(NO_SOUND)
    view.floor_requested.emit()  # back at the desk: the banner has it, whole
    assert banner.isVisibleTo(app.window) and banner.messages == [NO_SOUND]
    assert not view.notice.isVisibleTo(view)
