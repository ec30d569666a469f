"""Timed parts: a metronome interval or a pause to move in counts down on screen ("0:42 left"),
large, with the round ("3 of 6") and the side by name; short pauses are not counted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.parts import part_left_ms, part_left_text
from lesson_engine.playback.state import PlayerState
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import EventKind, compile_timeline
from tests.test_ui_lesson_flow import advance, open_app, press, start_without_check_in
from ui.desktop.theme import LIGHT, apply_theme

LESSON = "id: t\ntitle: T\n---\nMove.\n[pause 12s]\nBreathe.\n[pause 4s]\nStep.\n[metronome 100 for 30s]\n"


@pytest.fixture
def themed(qapp: QApplication):
    """The app's own look (its sizes come from the style sheet), taken off again afterwards."""
    palette, sheet = qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, LIGHT)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_long_pauses_and_metronome_intervals_are_timed_parts_and_short_pauses_are_not() -> None:
    timeline = compile_timeline(parse_lesson_text(LESSON))
    long_pause, short_pause = (e for e in timeline.events if e.kind is EventKind.PAUSE)
    (metronome,) = (e for e in timeline.events if e.kind is EventKind.METRONOME)
    speech = next(e for e in timeline.events if e.kind is EventKind.SPEECH)
    assert part_left_ms(long_pause, long_pause.start_ms + 2_500) == 9_500
    assert part_left_ms(metronome, metronome.start_ms) == 30_000
    assert part_left_ms(short_pause, short_pause.start_ms) is None
    assert part_left_ms(speech, speech.start_ms) is None
    assert part_left_text(9_500) == "0:10 left"  # rounded up: never "0:00" with time left
    assert part_left_text(42_000) == "0:42 left" and part_left_text(60_000) == "1:00 left"


def test_the_screen_counts_down_a_timed_part_above_the_caption(
    qtbot, themed, tmp_path: Path, journal: Journal, lessons: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    clock = ManualClock()
    app = open_app(qtbot, settings, journal, lessons, clock)
    app.window.show()
    qtbot.waitExposed(app.window)
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    view = start_without_check_in(app)
    player = app.flow.player
    first = player.current_event
    assert first.kind is EventKind.SPEECH and view.paused.isHidden()  # nothing to count yet
    advance(app, clock, first.duration_ms + 1_000)  # a second into the 10 s pause after it
    assert player.current_event.kind is EventKind.PAUSE
    assert view.paused.isVisibleTo(view) and view.paused.text() == "0:09 left"
    assert view.paused.accessibleDescription() == "Time left in this part"
    assert view.paused.font().pointSize() > view.next_caption.font().pointSize()  # large
    advance(app, clock, 4_000)
    assert view.paused.text() == "0:05 left"
    press(qtbot, app, Qt.Key.Key_Space)  # paused: the line says so instead
    assert player.state is PlayerState.PAUSED and view.paused.text().startswith("Paused")

    controller = app.flow.controller
    controller.resume_at_once()
    while player.current_event.kind is not EventKind.METRONOME:
        controller.next()
        if player.current_event.kind is EventKind.SPEECH:
            advance(app, clock, player.current_event.duration_ms)
    advance(app, clock, 18_000)
    assert view.paused.text() == "0:42 left"  # of the 60 s metronome


def test_rounds_and_sides_are_shown_by_number_and_name(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    clock = ManualClock()
    app = open_app(qtbot, settings, journal, lessons, clock)
    view = start_without_check_in(app)
    player = app.flow.player
    while player.current_event.round != 3:
        app.flow.controller.next()
    assert view.round.text() == "3 of 6"
    while player.current_event.side is None:
        app.flow.controller.next()
    assert view.round.text() == "Left side"
