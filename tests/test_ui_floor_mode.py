"""Floor mode: F11 or the Floor button puts the lesson full screen with only what a learner on
the mat needs (caption, next, timers, large controls, a legend of the keys), and F11 again or the
lesson's end brings the window back as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QPalette, QTextLayout
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from ui.desktop.app import build
from ui.desktop.player.floor import KEYS, LEGEND, legend
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio
from ui.desktop.theme import LIGHT, apply_theme


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The app's own style sheet, as ``seesaw`` applies it; put back afterwards."""
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    apply_theme(qapp, LIGHT)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_floor_mode_in_and_out(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path, styled: None
) -> None:
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
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    app.flow.start("weight-shift-1")
    app.flow.view.skip.click()
    view = app.window.pages.currentWidget()
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
