"""The second step of the start: the real journal, audio and system services, wired into the
window already on screen (``ui.desktop.launch`` calls ``finish_start`` after the first paint).

Tests wire fakes through ``ui.desktop.app.build``; this is what the app itself wires. Three
parts wait until the window is wired and has drawn it, because each takes the interpreter for a
while and the wiring would wait for it: the sound device opens on a thread of its own
(``sound_thread``), the voice starts loading on the synthesis thread, and the player's code
loads on the UI thread a slice per turn of the event loop (``player/loading.py``), all in time
for the first lesson's Start (a learner needs a second or two to get there; a quicker Start
loads what is left of the player first). Once the player is loaded the voice is offered the
first cues of Today's lessons to make.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QWidget

from audio.lesson_audio import LessonAudio
from lesson_engine.journal.writer import DurableWriter
from lesson_engine.paths import journal_folder, voice_cache_dir
from lesson_engine.timeline import Utterance
from ui.desktop.app import SeesawApp, build, open_journal
from ui.desktop.awake.system import system_inhibitor
from ui.desktop.exercises.loading import load_exercises
from ui.desktop.media.bus import session_bus
from ui.desktop.pages_on_visit import on_settings_changed
from ui.desktop.settings.store import VOICE_KEYS, read_voice_settings
from ui.desktop.sound_notice import sound_notice
from ui.desktop.sound_thread import SoundThread
from ui.desktop.start_notices import daily_backup
from ui.desktop.window.main_window import MainWindow
from ui.desktop.window.shell import Shell

if TYPE_CHECKING:  # built on first visit: its module is imported then
    from ui.desktop.author.view import AuthorView

BACKGROUND_AFTER_MS = 50
"""How long after the wiring the sound device, the voice and the player's code start loading:
long enough for the wired window to be drawn first, far shorter than any learner takes to reach
Start."""


def finish_start(shell: Shell, settings: QSettings) -> SeesawApp:
    """Open the journal and the audio and wire them into the window already on screen."""
    exercises = load_exercises()
    journal, notices = open_journal(journal_folder(), exercises.exercise_ids, back_up=False)
    journal.attach(DurableWriter())  # no fsync on the thread that plays the lesson
    daily_backup(journal, shell.window.banner)  # first on the writer, before any other write
    audio = _audio_from_settings(settings)
    notices.extend(audio.notices)
    app = build(
        journal=journal,
        audio=audio,
        settings=settings,
        notices=notices,
        shell=shell,
        exercises=exercises,
        inhibitor=system_inhibitor,  # each found as the player's code loads, after the wiring
        media_bus=session_bus,
    )
    _connect_audio(app, audio, settings)
    app.window.closing.connect(journal.close)  # after the lesson flow has saved its place
    return app


def _audio_from_settings(settings: QSettings) -> LessonAudio:
    wanted = read_voice_settings(settings)
    return LessonAudio.from_settings(
        voice_cache_dir(), wanted.choice, wanted.speed, wanted.sound_on
    )


def _connect_audio(app: SeesawApp, audio: LessonAudio, settings: QSettings) -> None:
    def wire_author(page: QWidget) -> None:
        author = cast("AuthorView", page)
        author.recordings.output = lambda: audio.output  # the review plays spans
        author.record_cue.output = lambda: audio.output
        # The voice's clip of the cue if it is made already: nothing is synthesised here.
        author.record_cue.voice = lambda text: audio.chain.cached_clip(Utterance(text))

    app.window.when_built("author", wire_author)

    def voice_setting_changed(key: str) -> None:
        if key in VOICE_KEYS:
            now = read_voice_settings(settings)
            audio.reconfigure(now.choice, now.speed, now.sound_on)

    on_settings_changed(app, voice_setting_changed)
    _start_in_background(app, audio)


def sound_device(window: MainWindow, audio: LessonAudio) -> SoundThread:
    """The thread the sound device opens on (``start`` it); what came of it is said in the
    banner and, while a lesson's check-in is on screen, in its note."""
    sound = SoundThread(audio.open_output, parent=window)
    sound.opened.connect(sound_notice(window.banner).started)  # replaced as sound is switched
    window.closing.connect(audio.close)  # waits for an opening under way, then closes
    window.closing.connect(sound.release)
    return sound


def _start_in_background(app: SeesawApp, audio: LessonAudio) -> None:
    """The sound device and the voice, each loading on its own thread once the window is wired,
    and the player's code on this one; a device that will not open is said in the banner, and
    lessons run with captions only."""
    window = app.window
    sound = sound_device(window, audio)

    # Today's first cues, while it is read: once the player's code can time its lessons.
    app.flow.loading.done.connect(lambda: app.flow.prefetch(app.today_view.shown))

    def start() -> None:
        if window.isVisible():  # not closed in the meantime
            sound.start()
            audio.start_voice()
            app.flow.loading.start()

    QTimer.singleShot(BACKGROUND_AFTER_MS, start)
