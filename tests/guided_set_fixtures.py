"""The whole app with the bundled guided sets, and a learner who follows one to its end.

Registered in ``conftest.py``: a test asks for ``guided_sets`` by name. The app is the real one
(``ui.desktop.app.build``) with the test's ``journal``, no sound, and a manual clock, so a set
of several minutes is followed in a moment and nothing waits on the wall clock.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import ExerciseLog
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from ui.desktop.app import SeesawApp, build
from ui.desktop.ports import SilentAudio


class GuidedSets:
    def __init__(self, app: SeesawApp, clock: ManualClock) -> None:
        self.app = app
        self.clock = clock

    def logs_saved_as_offered(self) -> list[ExerciseLog]:
        """The learner at the Exercises page's log form saves each set as it opens; the list
        fills with what each one opened with."""
        offered: list[ExerciseLog] = []

        def save_as_offered(_parent: object, _name: str, start: ExerciseLog) -> ExerciseLog:
            offered.append(start)
            return start

        view = self.app.exercises_view
        assert view is not None
        view._ask_log = save_as_offered
        return offered

    def play(self, lesson_id: str) -> None:
        """Start the set, pass the check-in and follow it to its end: the check-out is on
        screen (``check_out`` leaves it, and the set's log is offered)."""
        flow = self.app.flow
        flow.start(lesson_id)
        flow.view.skip.click()  # the check-in
        while flow.player.state is not PlayerState.FINISHED:
            self.clock.advance(1_000)
            flow.controller.tick()

    def check_out(self) -> None:
        self.app.flow.view.skip.click()


@pytest.fixture
def guided_sets(qtbot: QtBot, tmp_path: Path, repo: Path, journal: Journal) -> GuidedSets:
    clock = ManualClock()
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
        folders=[("Seesaw", repo / "lessons/strength")],
        clock=clock,
    )
    qtbot.addWidget(app.window)
    return GuidedSets(app, clock)
