"""The sound device and the voice start once the window is wired, off the UI thread, and the
device opens off it again when the sound is turned on in Settings; a lesson's check-in says the
sound is starting until the device answers.

Each test starts Seesaw in a fresh process (pygame, once imported, stays for the process) with
SDL's dummy driver, or a driver that does not exist, and reads back what it saw.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from audio.lesson_audio import LessonAudio
from audio.output.protocol import SOUND_OFF, AudioOutput
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.journal.journal import Journal
from tests.audio_fixtures import ToneVoice
from tests.child_python import python_json
from tests.test_audio_sound_switch import Device
from tests.test_ui_lesson_flow import current
from tests.test_ui_voices import open_app
from ui.desktop.player.checkin import CheckInView
from ui.desktop.real_parts import sound_device
from ui.desktop.sound_notice import SOUND, sound_notice
from ui.desktop.sound_thread import SoundThread
from ui.desktop.widgets.banner import Banner

CHILD = """
import json, sys, threading, time
from PySide6.QtCore import QEventLoop, QSettings
from lesson_engine.paths import config_dir

settings = QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
settings.setValue("voice/name", "captions")
settings.setValue("audio/enabled", True)
settings.sync()

import audio.output.mixer as mixer

opened_on = []  # for each opening, once it is over: whether it ran on the UI thread
real_init = mixer.PygameOutput.__init__
def init(self):
    try:
        real_init(self)
    finally:
        opened_on.append(threading.current_thread() is threading.main_thread())
mixer.PygameOutput.__init__ = init

from ui.desktop.launch import run_until_ready

launch = run_until_ready()
app = launch.app
threads = lambda: sorted(t.name for t in threading.enumerate())
at_ready = {"pygame": "pygame" in sys.modules, "threads": threads()}
audio = app.flow.audio

def settled():
    return opened_on and (audio.description != "Captions only (no sound)" or app.window.banner.messages)

deadline = time.monotonic() + 30
while not settled() and time.monotonic() < deadline:
    launch.qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
launch.qt_app.processEvents()
print(json.dumps({
    "at_ready": at_ready,
    "later": threads(),
    "opened_on_ui_thread": opened_on,
    "output": type(audio.output).__name__,
    "description": audio.description,
    "banner": app.window.banner.messages,
}))
launch.shell.window.close()
"""


LAUNCHED = """
from ui.desktop.launch import run_until_ready

launch = run_until_ready()
app = launch.app
def wait_for(done):
    deadline = time.monotonic() + 30
    while not done() and time.monotonic() < deadline:
        launch.qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    launch.qt_app.processEvents()
"""
"""Seesaw started as the learner starts it, and a way to let it run until something is so."""

SWITCHED_ON = (
    """
import json, threading, time
from PySide6.QtCore import QEventLoop, QSettings
from lesson_engine.paths import config_dir

settings = QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
settings.setValue("voice/name", "captions")
settings.setValue("audio/enabled", False)
settings.sync()

import audio.output.mixer as mixer

opened_on = []  # for each opening, once it is over: the thread it ran on
held = threading.Event()  # an opening waits for it, as for a slow sound system
real_init = mixer.PygameOutput.__init__
def init(self):
    held.wait(timeout=60)  # on the window's thread it would hold the switch this long
    try:
        real_init(self)
    finally:
        opened_on.append(threading.current_thread().name)
mixer.PygameOutput.__init__ = init

"""
    + LAUNCHED
    + """
audio = app.flow.audio
wait_for(lambda: app.window.banner.messages)  # the start's opening, with the sound off
page = app.settings_view
page.sound.setChecked(True)
at_once = {"checked": page.sound.isChecked(), "said": page.sound_status.text()}
held.set()
wait_for(lambda: opened_on and page.sound_status.text() != "Opening the sound device…")
print(json.dumps({
    "at_once": at_once,
    "opened_on": opened_on,
    "said": page.sound_status.text() if page.sound_status.isVisibleTo(page) else "",
    "kept": settings.value("audio/enabled"),
    "output": type(audio.output).__name__,
    "description": audio.description,
}))
launch.shell.window.close()
"""
)


TURNED = (
    """
import json, sys, time
from PySide6.QtCore import QEventLoop, QSettings
from lesson_engine.paths import config_dir

settings = QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)
settings.setValue("voice/name", "captions")
settings.setValue("audio/enabled", sys.argv[1] == "on")
settings.sync()

"""
    + LAUNCHED
    + """
banner = app.window.banner
wait_for(lambda: banner.messages)  # what the start found: sound off, or no device
said = [banner.messages]
page = app.settings_view
for turned in sys.argv[2:]:
    page.sound.setChecked(turned == "on")
    wait_for(lambda: page.sound_status.text() != "Opening the sound device…")
    said.append(banner.messages)
print(json.dumps({"banner": said, "visible": not banner.isHidden()}))
launch.shell.window.close()
"""
)


def start_with_sound(repo: Path, driver: str, child: str = CHILD, *args: str) -> dict[str, object]:
    """Seesaw started with SDL's ``driver``: what ``child`` printed last."""
    return python_json(repo, child, *args, timeout=120, SDL_AUDIODRIVER=driver)


def test_the_window_is_wired_before_the_sound_and_the_voice_load_then_both_start(
    repo: Path,
) -> None:
    seen = start_with_sound(repo, "dummy")
    at_ready = seen["at_ready"]
    assert isinstance(at_ready, dict)
    assert at_ready["pygame"] is False  # nothing took the interpreter from the wiring
    assert "seesaw-sound" not in at_ready["threads"]
    assert "seesaw-voice" not in at_ready["threads"]
    later = seen["later"]
    assert isinstance(later, list)
    assert "seesaw-sound" in later and "seesaw-voice" in later
    assert seen["opened_on_ui_thread"] == [False]  # the window never froze for the device
    assert seen["output"] == "PygameOutput"
    assert seen["banner"] == []


def test_a_sound_device_that_will_not_open_is_said_and_lessons_run_with_captions(
    repo: Path,
) -> None:
    seen = start_with_sound(repo, "no-such-driver")
    banner = seen["banner"]
    assert isinstance(banner, list) and len(banner) == 1
    assert banner[0].startswith("Sound could not start")
    assert banner[0].endswith(". Lessons run with captions only.")
    assert seen["output"] == "NullOutput"
    assert seen["description"] == "Captions only (no sound)"


def test_sound_turned_on_in_settings_opens_the_device_on_its_own_thread_at_once(
    repo: Path,
) -> None:
    """Started with the sound off, then turned on: the switch is on at once and the window goes
    on answering while the device opens on the sound switch's thread, never the window's."""
    seen = start_with_sound(repo, "dummy", SWITCHED_ON)
    assert seen["at_once"] == {"checked": True, "said": "Opening the sound device…"}
    assert seen["opened_on"] == ["seesaw-sound-switch_0"]
    assert seen["said"] == "" and seen["kept"] in (True, "true")
    assert seen["output"] == "PygameOutput"
    assert seen["description"] != "Captions only (no sound)"


def test_sound_turned_on_that_will_not_open_is_said_under_the_switch(repo: Path) -> None:
    seen = start_with_sound(repo, "no-such-driver", SWITCHED_ON)
    said = seen["said"]
    assert isinstance(said, str) and said.startswith("Sound could not start: ")
    assert said.endswith(". Lessons run with captions only.")
    assert seen["opened_on"] == ["seesaw-sound-switch_0"]
    assert seen["output"] == "NullOutput" and seen["description"] == "Captions only (no sound)"


def test_the_notice_about_sound_goes_once_sound_is_turned_on_and_comes_back_when_off(
    repo: Path,
) -> None:
    """Started with the sound off, the banner says so; turned on in Settings (and the device
    opens), that is no longer true and the notice goes; turned off again, it is said again."""
    seen = start_with_sound(repo, "dummy", TURNED, "off", "on", "off", "on")
    assert seen["banner"] == [[SOUND_OFF], [], [SOUND_OFF], []]


def test_a_device_that_would_not_open_is_told_again_as_the_switch_is_turned(
    repo: Path,
) -> None:
    """Each state the switch leaves is said in place of the one before: never two notices
    about sound, never one that is no longer true."""
    seen = start_with_sound(repo, "no-such-driver", TURNED, "on", "off", "on")
    banner = seen["banner"]
    assert isinstance(banner, list) and [len(said) for said in banner] == [1, 1, 1]
    failed, off, failed_again = (said[0] for said in banner)
    assert failed.startswith("Sound could not start: ") and failed_again == failed
    assert off == SOUND_OFF and seen["visible"] is True


def test_the_starts_word_on_sound_arriving_after_the_switchs_leaves_the_switchs(
    qtbot: QtBot,
) -> None:
    """The device opens on its own thread at start; a learner quick to turn the sound off
    meanwhile is told so, and the start's 'it opened', heard after, does not take that back."""
    banner = Banner()
    qtbot.addWidget(banner)
    notice = sound_notice(banner)
    assert sound_notice(banner) is notice  # one for the start and the Settings page alike
    notice.switched(SOUND_OFF)
    notice.started("")
    assert banner.messages == [SOUND_OFF]
    notice.switched("")
    assert banner.messages == [] and banner.isHidden()


def test_a_notice_put_under_a_key_is_replaced_in_place_and_withdrawn(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    banner.add("The journal was repaired.")
    banner.put(SOUND, "Sound could not start: no device.")
    banner.add("A note was kept.")
    banner.put(SOUND, SOUND_OFF)
    assert banner.messages == ["The journal was repaired.", SOUND_OFF, "A note was kept."]
    dismiss = [
        b for b in banner.findChildren(QPushButton) if b.accessibleName().endswith(SOUND_OFF)
    ]
    assert len(dismiss) == 1  # the button says which notice it dismisses: the new words
    dismiss[0].click()
    assert banner.messages == ["The journal was repaired.", "A note was kept."]
    banner.put(SOUND, "Sound could not start: no device.")
    banner.add("The journal was repaired.")  # said once only
    assert banner.messages[-1] == "Sound could not start: no device." and len(banner.messages) == 3
    for key in (SOUND, "The journal was repaired.", "A note was kept."):
        banner.withdraw(key)
    assert banner.messages == [] and banner.isHidden()


def test_what_the_opening_says_is_heard_on_the_ui_thread_and_the_thread_waits_for_the_close(
    qtbot: QtBot,
) -> None:
    """Widgets may be touched only from the UI thread; the opening thread lives until the device
    is closed (what SDL made on it on Windows must outlive it)."""
    opened_on: list[str] = []
    heard: list[tuple[str, str]] = []
    sound = SoundThread(lambda: opened_on.append(threading.current_thread().name) or "no sound")
    sound.opened.connect(lambda said: heard.append((said, threading.current_thread().name)))
    sound.start()
    qtbot.waitUntil(lambda: bool(heard))
    assert opened_on == ["seesaw-sound"]
    assert heard == [("no sound", threading.main_thread().name)]
    alive = [t for t in threading.enumerate() if t.name == "seesaw-sound"]
    assert len(alive) == 1
    sound.release()
    alive[0].join(timeout=5)
    assert not alive[0].is_alive()


# -- the check-in while the device opens, held here as a slow sound system holds it ---------


NO_DEVICE = "Sound could not start: no audio device was found. Lessons run with captions only."


class HeldOpening:
    """``mixer.open_output`` as a slow sound system answers: once ``go`` is set."""

    def __init__(self, answer: tuple[AudioOutput | None, str]) -> None:
        self.go = threading.Event()
        self.answer = answer

    def __call__(self, _enabled: bool = True) -> tuple[AudioOutput | None, str]:
        self.go.wait(timeout=20)  # opened by the test; only a broken build waits it out
        return self.answer


@pytest.mark.parametrize(
    ("answer", "then", "banner"),
    [
        ((Device(), ""), "Voice: Test tone", []),
        ((None, NO_DEVICE), "Captions only (no sound)", [NO_DEVICE]),
    ],
    ids=["opens", "fails"],
)
def test_the_check_in_says_the_sound_is_starting_until_the_device_answers(
    qtbot,
    tmp_path: Path,
    journal: Journal,
    lessons: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: tuple[AudioOutput | None, str],
    then: str,
    banner: list[str],
) -> None:
    opening = HeldOpening(answer)
    monkeypatch.setattr("audio.output.mixer.open_output", opening)
    audio = LessonAudio(VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache")), None, [])
    app, _ = open_app(qtbot, tmp_path, journal, lessons, audio)
    try:
        sound_device(app.window, audio).start()  # held opening the device
        app.flow.start("weight-shift-1")  # the check-in comes up without waiting for it
        checkin = current(app)
        assert isinstance(checkin, CheckInView)
        assert checkin.voice_note.text() == "Voice: Test tone — the sound is starting…"
        opening.go.set()
        qtbot.waitUntil(lambda: not checkin.voice_note.text().endswith("starting…"))
        assert checkin.voice_note.text() == then
        assert app.window.banner.messages == banner
    finally:
        opening.go.set()
        audio.close()
