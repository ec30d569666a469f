"""The lines around the caption, in the real window: Enter starts a lesson from the check-in,
"Next:" is a glance ahead at one size (never a repeat of the caption on screen), and the medical
note is on each screen once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from tests.test_ui_lesson_flow import current, open_app, press, start_without_check_in
from ui.desktop.app import SeesawApp
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.view import MEDICAL_NOTE, NEXT_PT, PlayerView

MEDICAL_LESSON = """id: with-note
title: With the note
---
# Before you begin
Have a mat and a cushion. This lesson teaches movement; it is not a diagnosis.

If pain has not eased in four to six weeks, see a clinician.

Everything here is small and slow.

# Moving
Lift the knee a little.
"""


def shown_app(qtbot, tmp_path: Path, journal: Journal, lessons: Path) -> SeesawApp:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, ManualClock())
    app.window.show()
    qtbot.waitExposed(app.window)
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    return app


def test_enter_starts_the_lesson_from_the_check_in(qtbot, tmp_path, journal, lessons) -> None:
    app = shown_app(qtbot, tmp_path, journal, lessons)
    app.flow.start("weight-shift-1")
    checkin = current(app)
    assert isinstance(checkin, CheckInView)
    checkin.slider.setFocus()
    press(qtbot, app, Qt.Key.Key_Right)
    press(qtbot, app, Qt.Key.Key_Return)
    assert isinstance(current(app), PlayerView)
    assert app.flow.player.state is PlayerState.PLAYING


def test_enter_on_back_to_lessons_goes_back_and_in_the_note_starts_a_line(
    qtbot, tmp_path, journal, lessons
) -> None:
    app = shown_app(qtbot, tmp_path, journal, lessons)
    app.flow.start("weight-shift-1")
    current(app).back.setFocus()
    press(qtbot, app, Qt.Key.Key_Return)
    assert current(app) is app.library_view  # Back pressed, nothing started

    start_without_check_in(app)
    app.flow.view.stop_confirmed.emit()
    after = current(app)
    assert isinstance(after, CheckInView) and after.after
    after.note.setFocus()
    press(qtbot, app, Qt.Key.Key_A)
    press(qtbot, app, Qt.Key.Key_Return)
    press(qtbot, app, Qt.Key.Key_B)
    assert current(app) is after and after.note.toPlainText() == "a\nb"
    after.slider.setFocus()
    press(qtbot, app, Qt.Key.Key_Enter)
    assert current(app) is app.library_view
    (session,) = journal.sessions()
    assert session.note == "a\nb"


def test_next_keeps_its_size_and_names_the_next_new_instruction_then_the_end(
    qtbot, tmp_path, journal, lessons
) -> None:
    app = shown_app(qtbot, tmp_path, journal, lessons)
    view = start_without_check_in(app)
    for size in (18, 56):
        view.set_caption_size(size)
        assert view.caption.chosen_pt == size
        assert view.next_caption.chosen_pt == NEXT_PT
    controller = app.flow.controller
    while not view.caption.text().startswith("Slowly lift your right knee"):
        controller.next()
    # Six rounds of the same words: the glance ahead is what comes after them.
    assert view.next_caption.text() == "Next: Roll onto your back and rest."
    cues = app.flow.player.timeline.cues
    while app.flow.player.current_cue.index < len(cues) - 1:
        controller.next()
    assert view.caption.text() == cues[-1].caption
    assert view.next_caption.text() == "Next: End of lesson"


def test_the_medical_note_is_on_each_screen_once(qtbot, tmp_path, journal, lessons) -> None:
    (lessons / "with-note.lesson").write_text(MEDICAL_LESSON, encoding="utf-8")
    app = shown_app(qtbot, tmp_path, journal, lessons)
    app.flow.start("with-note")
    current(app).skip.click()
    view = current(app)
    assert isinstance(view, PlayerView)

    def notes_on_screen() -> int:
        lines = [view.caption.text(), view.next_caption.text()]
        if view.medical.isVisibleTo(view):
            lines.append(view.medical.text())
        return sum(("diagnos" in line or "clinician" in line) for line in lines)

    seen = []
    while True:
        seen.append(view.caption.text())
        assert notes_on_screen() == 1, view.caption.text()
        if view.next_caption.text() == "Next: End of lesson":
            break
        app.flow.controller.next()
    assert view.medical.text() == MEDICAL_NOTE
    assert "Lift the knee a little." in seen
