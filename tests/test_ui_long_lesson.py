"""A long stretch of a lesson in the real player must not wear the interpreter down.

PySide6 6.12.0 dropped a reference to None on every Qt call that returns nothing (setText,
update, start...). On Python 3.11 None is an ordinary object, so after about 90 seconds of a
lesson its count reached zero and the app aborted mid-lesson. This drives the player through
minutes of a lesson and checks None's count holds steady; pyproject.toml keeps the binding to
releases that pass.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from ui.desktop.app import build
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio

TICKS = 400  # 100 s of lesson at the player's 250 ms tick; the leak cost ~10 references a tick


def test_minutes_of_a_lesson_leave_nones_reference_count_where_it_was(
    qtbot: QtBot, tmp_path: Path, journal: Journal
) -> None:
    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(journal=journal, audio=SilentAudio(), settings=settings, clock=clock)
    qtbot.addWidget(app.window)
    app.window.show()
    app.flow.start("weight-shift-1")
    checkin = app.window.pages.currentWidget()
    assert isinstance(checkin, CheckInView)
    checkin.skip.click()
    player = app.window.pages.currentWidget()
    assert isinstance(player, PlayerView)

    before = sys.getrefcount(None)
    for _ in range(TICKS):
        clock.advance(250)
        app.flow.controller.tick()
        player.repaint()  # the progress bar's paintEvent is one of the calls that leaked
    drift = sys.getrefcount(None) - before
    assert drift > -100, f"None lost {-drift} references in {TICKS} ticks"
    assert isinstance(app.window.pages.currentWidget(), PlayerView)  # still mid-lesson
