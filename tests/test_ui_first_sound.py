"""Start on a cold voice: the window stays free, the first cue is made once, and it plays first;
the lesson Today offers has its first cues made ahead, while the learner reads the page.

The voice here is held (a gate the test opens) while it makes the lesson's first cue, as the
neural voice is while it loads its model with an empty clip cache. Start comes while the worker
is still making that cue: it must return at once with nothing played, the cue must never be
made a second time (on the UI thread, waiting for the voice), and once the worker has made it,
the lesson starts with that cue's sound from its first frame.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from audio.lesson_audio import LessonAudio, speech_of
from audio.output.protocol import NullOutput
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.journal.journal import Journal
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from lesson_engine.timeline import compile_timeline
from tests.audio_fixtures import HeldTone, ToneVoice
from tests.test_ui_lesson_flow import current
from tests.test_ui_voices import open_app
from ui.desktop.app import build
from ui.desktop.player.ahead import lessons_to_start
from ui.desktop.player.view import PlayerView

COLD = "id: cold\ntitle: Cold start\n---\nLie on your side.\n[pause 2s]\nRoll onto your back.\n"


def test_start_on_a_cold_voice_waits_for_the_workers_cue_without_freezing(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "cold.lesson").write_text(COLD, encoding="utf-8")
    voice = HeldTone()
    output = NullOutput()
    audio = LessonAudio(VoiceChain(voice, ClipCache(tmp_path / "cache")), output, [])
    app, _ = open_app(qtbot, tmp_path, journal, lessons, audio)
    try:
        app.flow.start("cold")  # check-in on screen; the worker starts on the first cue
        assert voice.holding.wait(timeout=10)
        current(app).skip.click()  # Start, while the cue is still being made
        assert isinstance(current(app), PlayerView)
        assert app.flow.stage.first_sound.waiting
        assert app.flow.player is not None
        assert app.flow.player.state is PlayerState.READY
        assert not [call for call in output.calls if call[0] == "play"]
        voice.gate.set()
        qtbot.waitUntil(lambda: app.flow.player.state is PlayerState.PLAYING, timeout=10_000)
        assert voice.calls.count("Lie on your side.") == 1  # made once, by the worker
        first = output.calls[0]
        assert first == ("play", 400, 0)  # the cue's own clip (4 words), from its first frame
    finally:
        voice.gate.set()
        audio.close()


def test_the_lesson_today_offers_has_its_first_cues_made_ahead_and_starts_at_once(
    qtbot, tmp_path: Path, exercise_ids: frozenset[str]
) -> None:
    """The app makes the first cues of Today's lesson while the learner reads the page; the
    lesson started from there then plays at Start, its first cue made once, ahead."""
    monday = datetime(2026, 11, 2, 18, tzinfo=UTC)
    journal = Journal.open(tmp_path / "journal", now=lambda: monday, known_exercises=exercise_ids)
    voice = ToneVoice()
    output = NullOutput()
    audio = LessonAudio(VoiceChain(voice, ClipCache(tmp_path / "cache")), output, [])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=audio,
        settings=settings,
        folders=[("Seesaw", bundled_lessons_dir())],
        clock=ManualClock(),
        today_is=monday.date,
    )
    qtbot.addWidget(app.window)
    try:
        app.today_view.buttons()["Follow Strength first"].click()
        (offered,) = lessons_to_start(app.today_view.shown)
        lesson = app.library.by_id(offered)
        assert lesson is not None
        first, second = speech_of(compile_timeline(lesson.load()))[:2]
        app.flow.prefetch(app.today_view.shown)  # as the app does once its voice starts
        qtbot.waitUntil(lambda: voice.calls == [first.text, second.text], timeout=10_000)
        assert audio.worker.wait_idle(timeout=10)
        assert voice.calls == [first.text, second.text]  # made ahead, nothing else
        app.today_view.buttons()["Start"].click()
        current(app).skip.click()  # a check-in left at once
        assert not app.flow.stage.first_sound.waiting  # the sound was there at Start
        assert app.flow.player is not None and app.flow.player.state is PlayerState.PLAYING
        assert output.calls[0] == ("play", 100 * len(first.text.split()), 0)
        assert audio.worker.wait_idle(timeout=10)
        assert voice.calls.count(first.text) == 1  # and never made again
    finally:
        audio.close()
        journal.close()
