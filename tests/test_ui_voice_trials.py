"""A voice chosen in Settings is loaded behind the page, one load at a time, and what came of it
is said: through the real window, the real audio layer and its trials' thread.

The voices are stand-ins that load as slowly as the test says (an ``Event`` holds each load, as
a slow disk or a cold runtime would) under their own lock, as the natural voice loads; each load
is noted with the thread it ran on and how many ran at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import Voice
from lesson_engine.journal.journal import Journal
from tests.audio_fixtures import ToneVoice
from tests.test_ui_lesson_flow import current
from tests.test_ui_voices import open_app
from ui.desktop.app import SeesawApp

LABELS = {"piper-joe": "Natural voice (Joe, offline)", "espeak-ng": "eSpeak (robotic voice)"}
ORDER = {
    "auto": ("piper-joe", "espeak-ng"),
    "piper": ("piper-joe", "espeak-ng"),
    "espeak": ("espeak-ng", "piper-joe"),
    "captions": (),
}


@dataclass
class Loads:
    """Every load of every stand-in voice: which, on which thread, and the most at once."""

    go: dict[str, threading.Event] = field(default_factory=dict)
    done: list[tuple[str, str]] = field(default_factory=list)
    fails: dict[str, Exception] = field(default_factory=dict)
    running: int = 0
    most_at_once: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def gate(self, name: str) -> threading.Event:
        return self.go.setdefault(name, threading.Event())

    def open_all(self) -> None:
        for name in LABELS:
            self.gate(name).set()


class SlowVoice(ToneVoice):
    """Loads once, under its own lock, when ``loads`` lets it."""

    def __init__(self, name: str, loads: Loads) -> None:
        super().__init__()
        self.name, self.label = name, LABELS[name]
        self._loads = loads
        self._lock = threading.Lock()
        self.loaded = False

    def load(self) -> None:
        with self._lock:
            if self.loaded:
                return
            loads = self._loads
            with loads.lock:
                loads.running += 1
                loads.most_at_once = max(loads.most_at_once, loads.running)
            loads.gate(self.name).wait(timeout=30)  # opened by the test
            with loads.lock:
                loads.running -= 1
                loads.done.append((self.name, threading.current_thread().name))
            if self.name in loads.fails:
                raise loads.fails[self.name]
            self.loaded = True


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loads]:
    """The natural voice and eSpeak as this computer's voices, both stand-ins."""
    seen = Loads()

    def voices_for(choice: str, _keep_in: Path | None = None) -> list[Voice]:
        return [SlowVoice(name, seen) for name in ORDER[choice]]

    monkeypatch.setattr("audio.voices.trials.voices_for", voices_for)
    monkeypatch.setattr("audio.voices.choice.piper_installed", lambda: True)
    monkeypatch.setattr("audio.voices.choice.espeak_binary", lambda: "/usr/bin/espeak-ng")
    yield seen
    seen.open_all()  # a test that failed half way leaves no load waiting


@pytest.fixture
def app_and_audio(
    qtbot, tmp_path: Path, journal: Journal, lessons: Path
) -> Iterator[tuple[SeesawApp, LessonAudio, ToneVoice]]:
    reading = ToneVoice()  # the voice that reads before anything is chosen
    audio = LessonAudio(
        VoiceChain(reading, ClipCache(tmp_path / "cache"), fallbacks=()), NullOutput(), []
    )
    app, _ = open_app(qtbot, tmp_path, journal, lessons, audio)
    yield app, audio, reading
    audio.close()


def choose(app: SeesawApp, label: str) -> None:
    page = app.settings_view
    page.voice.setCurrentIndex(page.voice.findText(label))


def test_a_chosen_voice_loads_behind_the_page_which_answers_meanwhile_then_says_who_reads(
    qtbot, loads: Loads, app_and_audio: tuple[SeesawApp, LessonAudio, ToneVoice]
) -> None:
    app, _audio, _reading = app_and_audio
    page = app.settings_view
    choose(app, "Natural voice (offline)")  # returns while the voice is held loading
    assert page.voice_status.text() == "Loading the natural voice…"
    assert page.voice_status.isVisibleTo(page)
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked))  # the window's event loop goes on turning
    page.speed.setValue(110)
    assert page.speed_label.text() == "1.10×"  # and the page answers
    assert loads.done == [] and page.voice_status.text() == "Loading the natural voice…"
    loads.gate("piper-joe").set()
    qtbot.waitUntil(
        lambda: page.voice_status.text() == "Natural voice (Joe, offline) reads the next lesson."
    )
    assert loads.done == [("piper-joe", "seesaw-voice-trial_0")]  # not the window's thread


def test_choices_made_while_a_voice_loads_are_loaded_one_after_another_and_the_last_is_said(
    qtbot,
    loads: Loads,
    app_and_audio: tuple[SeesawApp, LessonAudio, ToneVoice],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """eSpeak chosen, then the natural voice before eSpeak has loaded, then Best available: the
    natural voice's own turn never comes (overtaken), eSpeak's answer is not shown (the learner
    has chosen since), and Best available loads the natural voice, never beside another load."""
    app, _audio, _reading = app_and_audio
    page = app.settings_view
    shown: list[str] = []
    show = page.voice_status.setText
    monkeypatch.setattr(page.voice_status, "setText", lambda text: shown.append(text) or show(text))
    choose(app, "eSpeak (robotic, small)")
    assert page.voice_status.text() == "Starting eSpeak…"
    choose(app, "Natural voice (offline)")
    choose(app, "Best available")
    assert page.voice_status.text() == "Loading the natural voice…"
    loads.open_all()
    qtbot.waitUntil(
        lambda: page.voice_status.text() == "Natural voice (Joe, offline) reads the next lesson."
    )
    assert [name for name, _ in loads.done] == ["espeak-ng", "piper-joe"]
    assert loads.most_at_once == 1
    assert "eSpeak (robotic voice) reads the next lesson." not in shown


def test_a_voice_chosen_and_changed_again_before_its_turn_is_never_loaded(
    qtbot, loads: Loads, app_and_audio: tuple[SeesawApp, LessonAudio, ToneVoice]
) -> None:
    app, _audio, _reading = app_and_audio
    page = app.settings_view
    choose(app, "eSpeak (robotic, small)")
    choose(app, "Natural voice (offline)")
    choose(app, "eSpeak (robotic, small)")  # back before the natural voice's turn came
    loads.open_all()
    qtbot.waitUntil(
        lambda: page.voice_status.text() == "eSpeak (robotic voice) reads the next lesson."
    )
    assert [name for name, _ in loads.done] == ["espeak-ng"]  # loaded once, and nothing else


def test_a_lesson_started_while_its_voice_loads_waits_for_that_load_and_never_loads_it_again(
    qtbot, loads: Loads, app_and_audio: tuple[SeesawApp, LessonAudio, ToneVoice]
) -> None:
    app, audio, _reading = app_and_audio
    choose(app, "Natural voice (offline)")
    app.flow.start("weight-shift-1")  # the window's thread does not wait for the voice
    natural = audio.chain.voice
    assert isinstance(natural, SlowVoice) and natural.name == "piper-joe"
    current(app).skip.click()
    loads.gate("piper-joe").set()
    assert audio.worker.wait_idle(timeout=30)
    assert [name for name, _ in loads.done] == ["piper-joe"]  # once, by the trial
    assert natural.calls  # and it read the lesson
    assert audio.take_problems() == []


def test_a_voice_whose_runtime_fails_says_why_and_the_voice_that_read_reads_on(
    qtbot, loads: Loads, app_and_audio: tuple[SeesawApp, LessonAudio, ToneVoice]
) -> None:
    app, audio, reading = app_and_audio
    page = app.settings_view
    loads.fails["piper-joe"] = RuntimeError("its runtime would not start")
    choose(app, "Natural voice (offline)")
    loads.open_all()
    qtbot.waitUntil(lambda: page.voice_status.text() != "Loading the natural voice…")
    assert page.voice_status.text() == (
        "Natural voice (Joe, offline) could not be loaded (its runtime would not start): "
        "Test tone reads on."
    )
    app.flow.start("weight-shift-1")
    assert audio.chain.voice is reading
