"""Get ready in the real window: after Pause or Rest the screen counts "Ready… 3, 2, 1" over the
instruction and the voice then starts it from its beginning; the length is a setting."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from audio import tones
from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from tests.audio_fixtures import ToneVoice
from tests.test_ui_lesson_flow import advance, press
from ui.desktop.app import SeesawApp, build
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import AudioPort, SilentAudio


def open_app(
    qtbot,
    tmp_path: Path,
    journal: Journal,
    lessons: Path,
    *,
    stop: bool = True,
    audio: AudioPort | None = None,
    **settings: str,
):
    clock = ManualClock()
    stored = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for key, value in settings.items():
        stored.setValue(key.replace("__", "/"), value)
    app = build(
        journal=journal,
        audio=audio or SilentAudio(),
        settings=stored,
        folders=[("Seesaw", lessons)],
        clock=clock,
        confirm_stop=lambda _parent, _question: stop,
    )
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    return app, clock


def start(app: SeesawApp) -> PlayerView:
    app.flow.start("weight-shift-1")
    app.window.pages.currentWidget().skip.click()
    view = app.window.pages.currentWidget()
    assert isinstance(view, PlayerView)
    return view


def test_space_after_a_pause_counts_down_then_the_instruction_starts_again(
    qtbot, tmp_path, journal, lessons
) -> None:
    app, clock = open_app(qtbot, tmp_path, journal, lessons)
    view = start(app)
    player = app.flow.player
    advance(app, clock, 4_000)  # into the first instruction
    instruction = view.caption.text()
    press(qtbot, app, Qt.Key.Key_Space)
    press(qtbot, app, Qt.Key.Key_Space)
    assert view.paused.text() == "Ready… 3" and view.paused.isVisibleTo(view)
    assert view.caption.text() == instruction
    advance(app, clock, 1_000)
    assert view.paused.text() == "Ready… 2"
    assert player.position_ms == player.current_cue.start_ms  # nothing is missed meanwhile
    advance(app, clock, 2_000)
    assert view.paused.isHidden()
    advance(app, clock, 500)
    assert player.position_ms == player.current_cue.start_ms + 500  # from its start


def test_off_in_settings_goes_on_at_once_from_the_next_resume(
    qtbot, tmp_path, journal, lessons
) -> None:
    app, clock = open_app(qtbot, tmp_path, journal, lessons)
    view = start(app)
    advance(app, clock, 4_000)
    settings = app.settings_view.get_ready
    settings.setCurrentIndex(settings.findText("Off"))  # changed mid-lesson, from the Settings page
    press(qtbot, app, Qt.Key.Key_Space)
    press(qtbot, app, Qt.Key.Key_Space)
    assert view.paused.isHidden() and app.flow.player.position_ms == 4_000


def test_the_setting_is_kept_and_five_seconds_count_from_five(
    qtbot, tmp_path, journal, lessons
) -> None:
    app, _clock = open_app(qtbot, tmp_path, journal, lessons, lessons__get_ready_ms="5000")
    assert app.settings_view.get_ready.currentText() == "5 s"
    view = start(app)
    app.flow.controller.rest()
    press(qtbot, app, Qt.Key.Key_Space)
    assert view.paused.text() == "Ready… 5" and view.pages.currentIndex() == 0
    assert app.flow.player.state is PlayerState.PLAYING


def test_a_stop_declined_goes_on_at_once(qtbot, tmp_path, journal, lessons) -> None:
    app, clock = open_app(qtbot, tmp_path, journal, lessons, stop=False)
    view = start(app)
    advance(app, clock, 2_000)
    view.request_stop()
    assert view.paused.isHidden() and app.flow.player.position_ms == 2_000


def test_the_count_is_said_aloud_once_chosen_beside_its_length(
    qtbot, tmp_path, journal, lessons
) -> None:
    """The real audio layer (a tone for a voice, an output that records): the count's words are
    made ahead with the lesson's, and played as the voice when the countdown starts."""
    output = NullOutput()
    voice = ToneVoice()
    audio = LessonAudio(VoiceChain(voice, ClipCache(tmp_path / "clips")), output, [])
    app, clock = open_app(qtbot, tmp_path, journal, lessons, audio=audio)
    spoken = app.settings_view.speak_count
    assert not spoken.isChecked()  # off unless chosen
    start(app)
    assert audio.worker.wait_idle(30)
    assert {"Ready, 3", "2", "1"} <= set(voice.calls)  # made before any countdown
    advance(app, clock, 4_000)
    chime = ("mark", tones.chime().duration_ms, 0)

    def countdown() -> list[tuple[str, int, int]]:
        output.calls.clear()
        press(qtbot, app, Qt.Key.Key_Space)
        press(qtbot, app, Qt.Key.Key_Space)
        return [call for call in output.calls if call[0] != "stop"]

    assert countdown() == [chime]  # shown only
    spoken.click()  # mid-lesson, from the Settings page: from the next countdown on
    assert countdown() == [chime, ("play", 2_100, 0)]  # "Ready, 3" at 0 s, "2", "1" at 2 s
    reopened = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert reopened.value("lessons/get_ready_spoken") in (True, "true")
    app.window.close()
    audio.close()
