"""A learner's whole lesson through the real window, by keyboard, on a manual clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from ui.desktop.app import SeesawApp, build
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio


class Wall:
    """Wall-clock time for session records, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 7, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def rig(qtbot, tmp_path: Path, lessons: Path, journal: Journal):
    clock = ManualClock()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    answers: list[bool] = []

    def confirm(_parent, question: str) -> bool:
        return answers.pop(0) if answers else True

    app = open_app(qtbot, settings, journal, lessons, clock, confirm_stop=confirm)
    app.window.show()
    qtbot.waitExposed(app.window)
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    return app, journal, clock, answers


@pytest.fixture
def restart(qtbot, tmp_path: Path, lessons: Path):
    """Seesaw started again on the same journal folder, read back from disk, as after a crash or a
    closed window. Returns the new app; its journal is ``again.flow.journal``."""
    reopened: list[Journal] = []

    def start_again(journal: Journal, clock: ManualClock) -> SeesawApp:
        assert journal.folder is not None
        journal.close()  # the first Seesaw has gone: its lock with it
        reopened.append(Journal.open(journal.folder))
        settings = QSettings(str(tmp_path / "after-restart.ini"), QSettings.Format.IniFormat)
        return open_app(qtbot, settings, reopened[-1], lessons, clock)

    yield start_again
    for journal in reopened:
        journal.close()


def open_app(
    qtbot,
    settings: QSettings,
    journal: Journal,
    lessons: Path,
    clock: ManualClock,
    *,
    audio: SilentAudio | None = None,
    confirm_stop: Callable[[QWidget, str], bool] | None = None,
) -> SeesawApp:
    """The whole app wired as Seesaw wires it, on the test's lessons, journal and clock."""
    extra = {"confirm_stop": confirm_stop} if confirm_stop else {}
    app = build(
        journal=journal,
        audio=audio or SilentAudio(),
        settings=settings,
        folders=[("Seesaw", lessons)],
        clock=clock,
        **extra,
    )
    qtbot.addWidget(app.window)
    return app


def current(app: SeesawApp):
    return app.window.pages.currentWidget()


def press(_qtbot, app: SeesawApp, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press on whatever has focus, so shortcuts and focus behave as they do for people."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    QTest.keyClick(target, key, modifier)


def start_without_check_in(app: SeesawApp) -> PlayerView:
    app.flow.start("weight-shift-1")
    current(app).skip.click()
    view = current(app)
    assert isinstance(view, PlayerView)
    return view


def advance(app: SeesawApp, clock: ManualClock, ms: int) -> None:
    clock.advance(ms)
    app.flow.controller.tick()


def test_start_pause_rest_resume_stop_and_note_by_keyboard(qtbot, rig) -> None:
    app, journal, clock, _ = rig
    library = app.library_view
    assert library.list.currentItem().text().startswith("Weight shift 1")
    library.list.setFocus()
    press(qtbot, app, Qt.Key.Key_Return)

    checkin = current(app)
    assert isinstance(checkin, CheckInView) and not checkin.after
    checkin.slider.setFocus()
    for _ in range(3):
        press(qtbot, app, Qt.Key.Key_Right)
    press(qtbot, app, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    view = current(app)
    assert isinstance(view, PlayerView)
    player = app.flow.player
    assert player.state is PlayerState.PLAYING
    assert view.caption.text().startswith("Lie on your left side")

    advance(app, clock, 24_000)  # into the repeated knee lift
    lift = "Slowly lift your right knee a little, then let it come down."
    assert view.caption.text() == lift
    assert view.round.text() == "1 of 6"

    press(qtbot, app, Qt.Key.Key_Space)
    assert player.state is PlayerState.PAUSED
    assert view.buttons["toggle"].text() == "Resume"

    press(qtbot, app, Qt.Key.Key_R)
    assert player.state is PlayerState.RESTING
    assert view.pages.currentIndex() == 1
    advance(app, clock, 75_000)
    assert view.rest_timer.text() == "+0:15"

    press(qtbot, app, Qt.Key.Key_Space)
    assert player.state is PlayerState.PLAYING
    assert player.position_ms == player.current_cue.start_ms  # the instruction is heard again
    assert view.caption.text() == lift
    assert view.pages.currentIndex() == 0

    advance(app, clock, 3_000)
    press(qtbot, app, Qt.Key.Key_Escape)
    after = current(app)
    assert isinstance(after, CheckInView) and after.after
    after.rate(2)
    after.note.setPlainText("Knee felt easier after the rest.")
    press(qtbot, app, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert current(app) is app.library_view
    (session,) = journal.sessions()
    assert (session.lesson_id, session.completed) == ("weight-shift-1", False)
    assert session.before.level == 3 and session.after.level == 2
    assert session.note == "Knee felt easier after the rest."
    assert (session.rests_taken, session.rested_ms) == (1, 75_000)
    assert 0 < session.completed_fraction < 0.5
    assert app.library_view.resume_card.isVisibleTo(app.window)  # stopped on purpose: kept


def test_after_a_deliberate_stop_continue_stays_offered_and_counts_nothing_twice(
    qtbot, rig, restart
) -> None:
    app, journal, clock, _ = rig
    start_without_check_in(app)
    advance(app, clock, 64_000)
    app.flow.controller.rest()
    advance(app, clock, 30_000)
    app.flow.controller.toggle()
    advance(app, clock, 3_000)
    stopped_at = app.flow.player.current_cue.id
    app.flow.view.request_stop()
    current(app).submitted.emit(current(app).current())  # the check-out, saved
    (first,) = journal.sessions()
    assert (first.completed, first.rests_taken) == (False, 1)

    again = restart(journal, clock)  # even days later, after a restart
    offer = again.library_view
    assert offer.resume_card.isVisibleTo(again.window)
    offer.resume_button.click()
    assert again.flow.player.current_cue.id == stopped_at  # from where they stopped
    advance(again, clock, 10 * 60_000)
    current(again).submitted.emit(current(again).current())
    first_again, second = again.flow.journal.sessions()
    assert first_again == first  # the stopped session is as it was
    assert second.completed and second.rests_taken == 0  # its rest is not counted again
    assert second.started_at > first.ended_at
    assert not again.library_view.resume_card.isVisibleTo(again.window)  # finished: nothing left


def test_stopping_a_lesson_and_a_preview_ask_different_questions(
    qtbot, tmp_path: Path, lessons: Path, journal: Journal
) -> None:
    asked: list[str] = []

    def confirm(_parent, question: str) -> bool:
        asked.append(question)
        return True

    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, clock, confirm_stop=confirm)
    start_without_check_in(app)
    app.flow.view.request_stop()
    current(app).submitted.emit(current(app).current())
    app.flow.preview(app.library.by_id("weight-shift-1").load(), 0)
    app.flow.view.request_stop()
    lesson_question, preview_question = asked
    assert "keeps your place" in lesson_question
    assert "Nothing from a preview goes to the journal" in preview_question
    assert "saved" not in preview_question and "place" not in preview_question


def test_closing_mid_lesson_offers_resume_at_the_same_cue(qtbot, rig, restart) -> None:
    app, journal, clock, _ = rig
    app.flow.start("weight-shift-1")
    current(app).submitted.emit(current(app).current())
    advance(app, clock, 30_000)
    cue_caption = app.flow.player.current_cue.caption
    cue_id = app.flow.player.current_cue.id
    app.window.close()  # or a crash: the last checkpoint is at most a few seconds old
    saved = journal.load_checkpoint()
    assert saved is not None and saved["cue_id"] == cue_id

    again = restart(journal, clock)
    offer = again.library_view
    assert offer.resume_card.isVisibleTo(again.window)
    assert (
        "Resume <b>Weight shift 1 — lying on your side</b> at <b>Lifting the knee</b>"
        in offer.resume_text.text()
    )
    offer.resume_button.click()
    view = current(again)
    assert isinstance(view, PlayerView)
    assert again.flow.player.current_cue.id == cue_id
    assert view.caption.text() == cue_caption
    assert again.flow.player.state is PlayerState.PLAYING


def test_finished_lesson_never_checked_out_is_offered_again_on_next_start(
    qtbot, rig, restart
) -> None:
    app, journal, clock, _ = rig
    app.flow.start("weight-shift-1")
    current(app).rate(4)
    current(app).submitted.emit(current(app).current())
    advance(app, clock, 10 * 60_000)
    assert isinstance(current(app), CheckInView)  # the lesson ended; the check-out form is up
    app.window.close()  # and the app is closed without saving it
    assert journal.sessions() == []

    again = restart(journal, clock)
    form = current(again)
    assert isinstance(form, CheckInView) and form.after
    assert any("as you left it" in m for m in again.window.banner.messages)
    form.skip.click()  # Skip, too, puts the session in the journal
    (session,) = again.flow.journal.sessions()
    assert session.completed and session.before.level == 4 and session.completed_fraction == 1.0
    assert again.flow.journal.load_checkpoint() is None
    assert current(again) is again.library_view


def test_declining_stop_keeps_playing(qtbot, rig) -> None:
    app, _, clock, answers = rig
    app.flow.start("weight-shift-1")
    current(app).submitted.emit(current(app).current())
    advance(app, clock, 2_000)
    answers.append(False)
    current(app).request_stop()
    assert app.flow.player.state is PlayerState.PLAYING
    assert app.flow.player.position_ms == 2_000


def test_skipped_check_in_records_no_soreness(qtbot, rig) -> None:
    app, journal, clock, _ = rig
    start_without_check_in(app)
    advance(app, clock, 61_000)
    current(app).request_stop()
    current(app).skip.click()
    (session,) = journal.sessions()
    assert session.before.level is None and session.after.level is None


def test_a_start_left_in_its_first_minute_with_nothing_typed_is_not_a_session(qtbot, rig) -> None:
    app, journal, clock, _ = rig
    start_without_check_in(app)
    advance(app, clock, 20_000)
    current(app).request_stop()
    current(app).skip.click()
    assert journal.sessions() == [] and journal.load_checkpoint() is None
    assert "Nothing was recorded" in app.window.banner.messages[-1]
    assert current(app) is app.library_view


def test_a_wrong_pick_is_undone_with_esc_and_nothing_is_recorded(qtbot, rig) -> None:
    app, journal, _, _ = rig
    app.library_view.list.setFocus()
    app.flow.start("weight-shift-1")
    assert isinstance(current(app), CheckInView)
    press(qtbot, app, Qt.Key.Key_Escape)
    assert current(app) is app.library_view
    assert app.window.navigation.isEnabled()
    assert journal.sessions() == [] and journal.load_checkpoint() is None

    app.flow.start("weight-shift-1")  # the same lesson can still be started afterwards
    current(app).back.click()
    assert current(app) is app.library_view and journal.sessions() == []


def test_the_journal_counts_what_was_heard_not_how_far_it_was_skipped(qtbot, rig) -> None:
    app, journal, clock, _ = rig
    start_without_check_in(app)
    advance(app, clock, 5_000)
    player = app.flow.player
    total = player.timeline.total_ms
    first_section = player.timeline.sections[0].title
    press(qtbot, app, Qt.Key.Key_PageDown)  # on to the second section; the first, unheard
    advance(app, clock, 60_000)
    press(qtbot, app, Qt.Key.Key_Left)  # back to the start of the cue: heard again
    advance(app, clock, 5_000)
    current(app).request_stop()
    current(app).skip.click()
    (session,) = journal.sessions()
    assert not session.completed
    heard = 5_000 + 60_000  # the replayed seconds are not counted twice
    assert session.completed_fraction == pytest.approx(heard / total, abs=0.01)
    assert first_section in session.skipped_sections  # less than half of it was heard


def test_skipping_to_the_end_is_not_finishing(qtbot, rig) -> None:
    app, journal, clock, _ = rig
    start_without_check_in(app)
    advance(app, clock, 10_000)
    for _ in range(3):
        press(qtbot, app, Qt.Key.Key_PageDown)  # past the last section: the end
    current(app).skip.click()
    (session,) = journal.sessions()
    assert not session.completed and session.completed_fraction < 0.1
    assert app.library_view.list.currentItem() is not None


def test_pausing_says_paused_in_large_type_and_a_long_rest_explains_its_timer(qtbot, rig) -> None:
    app, _, clock, _ = rig
    view = start_without_check_in(app)
    advance(app, clock, 1_000)
    assert view.paused.isHidden()
    press(qtbot, app, Qt.Key.Key_Space)
    assert app.flow.player.state is PlayerState.PAUSED and not view.paused.isHidden()
    press(qtbot, app, Qt.Key.Key_Space)
    assert view.paused.text() == "Ready… 3"  # the same line counts down (test_ui_get_ready.py)
    advance(app, clock, 3_000)
    assert view.paused.isHidden()

    press(qtbot, app, Qt.Key.Key_R)
    assert "suggested rest is over" not in view.rest_hint.text()
    advance(app, clock, app.flow.player.rest_remaining_ms + 9_000)
    assert view.rest_timer.text() == "+0:09"
    assert "suggested rest is over" in view.rest_hint.text()


def test_a_long_instruction_shows_whole_in_the_smallest_window_at_the_largest_size(
    qtbot, rig
) -> None:
    app, _, _, _ = rig
    view = start_without_check_in(app)
    view.set_caption_size(56)
    app.window.resize(app.window.minimumSize())
    long_text = " ".join(["Let the knee float up, and notice the pelvis roll."] * 3)
    view.caption.setText(long_text)
    qtbot.waitUntil(lambda: view.caption.shown_pt < 56)
    room = view.caption.contentsRect()
    assert view.caption.fits(view.caption.shown_pt, room)  # whole, not cut mid-sentence

    app.window.resize(1600, 1000)
    view.caption.setText("Rest.")
    qtbot.waitUntil(lambda: view.caption.shown_pt == 56)  # the learner's size when it fits


def test_captions_grow_and_shrink_from_the_keyboard_mid_lesson_and_the_size_is_kept(
    qtbot, rig
) -> None:
    app, _, _, _ = rig
    view = start_without_check_in(app)
    slider = app.settings_view.caption_size
    before = slider.value()
    press(qtbot, app, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, app, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert slider.value() == before + 4
    assert view.caption.chosen_pt == before + 4  # the caption on screen, not only the setting
    assert app.settings_view.settings.value("captions/size") in (before + 4, str(before + 4))
    press(qtbot, app, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert slider.value() == before + 2
    assert isinstance(current(app), PlayerView) and current(app) is view  # still mid-lesson


class VoiceThatFails(SilentAudio):
    """Captions-only timing, and a voice that stops working once the lesson is under way."""

    def __init__(self) -> None:
        self.problems = [
            "Natural voice (Joe, offline) stopped working (its model could not be loaded); captions only from now on."
        ]

    def take_problems(self) -> list[str]:
        taken, self.problems = self.problems, []
        return taken


def test_a_voice_that_stops_working_is_told_in_the_banner_and_the_lesson_goes_on(
    qtbot, tmp_path: Path, lessons: Path, journal: Journal
) -> None:
    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, clock, audio=VoiceThatFails())
    start_without_check_in(app)
    app.flow.apply_voice_updates()  # what the flow's timer does every 400 ms
    app.flow.apply_voice_updates()
    assert sum("stopped working" in m for m in app.window.banner.messages) == 1
    advance(app, clock, 2_000)
    assert app.flow.player.state is PlayerState.PLAYING


def test_the_check_out_shows_the_score_before_and_carries_place_and_side_over(qtbot, rig) -> None:
    app, journal, _, _ = rig
    app.flow.start("weight-shift-1")
    before = current(app)
    before.rate(5)
    before.places["hip"].setChecked(True)
    before.sides["right"].setChecked(True)
    before.go.click()
    app.flow.view.stop_confirmed.emit()
    after = current(app)
    assert after.after and after.before_score.isVisibleTo(after)
    assert after.before_score.text() == "Before the lesson you said 5 (moderate)."
    assert after.current().soreness is None  # the new score is the learner's to give
    assert after.current().places == ("hip",) and after.current().side == "right"
    after.places["hip"].setChecked(False)  # it moved: the learner changes it
    after.places["outside-knee"].setChecked(True)
    after.rate(3)
    after.go.click()
    (session,) = journal.sessions()
    assert (session.before.level, session.before.places) == (5, ("hip",))
    assert (session.after.level, session.after.places, session.after.side) == (
        3,
        ("outside-knee",),
        "right",
    )
