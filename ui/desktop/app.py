"""The one place that wires the window, the lesson flow, the audio and the journal together.

Everything else receives what it needs. ``ui.launch`` puts the window on screen first and then
calls ``finish_start``, which opens the journal and the audio and wires them in with ``build``;
tests build the same graph with ``build`` and in-memory parts. Every optional part that fails
(sound, voice, journal) is replaced by a working fallback and reported in the banner: the app
always starts and a lesson can always be followed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from audio.lesson_audio import LessonAudio
from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.lock import JournalLocked
from lesson_engine.journal.migrations import JournalTooNew
from lesson_engine.library.listing import Library, load_library
from lesson_engine.paths import (
    bundled_lessons_dir,
    cache_dir,
    data_dir,
    journal_folder,
    lesson_folders,
)
from lesson_engine.playback.clock import Clock
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.session.status import lesson_status
from ui.desktop.author.view import DEFAULT_DIALOGS, AuthorDialogs, AuthorView
from ui.desktop.exercises.view import ExercisesView
from ui.desktop.journal.view import JournalView
from ui.desktop.library.pack_import import ask_pack_path, ask_replace, import_from_app
from ui.desktop.library.view import LibraryView
from ui.desktop.player.flow import LessonFlow
from ui.desktop.player.view import PlayerView, ask_to_stop
from ui.desktop.ports import AudioPort
from ui.desktop.settings.store import THEMES, VOICE_KEYS, read_choice, read_int, read_voice_settings
from ui.desktop.settings.view import SettingsView
from ui.desktop.theme import CAPTION_PT_RANGE, DEFAULT_CAPTION_PT, apply_theme, pick_theme
from ui.desktop.window.main_window import MainWindow
from ui.desktop.window.shell import Shell, open_shell

OPEN_SOUND_AFTER_MS = 150


@dataclass
class SeesawApp:
    window: MainWindow
    flow: LessonFlow
    library_view: LibraryView
    library: Library
    author_view: AuthorView
    journal_view: JournalView
    exercises_view: ExercisesView | None
    settings_view: SettingsView
    notices: list[str] = field(default_factory=list)

    def refresh_library(self) -> None:
        journal = self.flow.journal
        status = lesson_status(journal.sessions(), journal.load_checkpoint())
        self.library_view.show_library(self.library, status)
        self.library_view.show_resume(self.flow.resume_offer())


def problem_page(text: str) -> QWidget:
    """What a page shows instead of itself when its data could not be loaded."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setContentsMargins(48, 48, 48, 48)
    return label


def build(
    *,
    journal: Journal,
    audio: AudioPort,
    settings: QSettings,
    folders: list[tuple[str, Path]] | None = None,
    clock: Clock | None = None,
    confirm_stop: Callable[[QWidget], bool] = ask_to_stop,
    notices: list[str] | None = None,
    author_dialogs: AuthorDialogs = DEFAULT_DIALOGS,
    ask_pack_path: Callable[[QWidget], str] = ask_pack_path,
    ask_replace: Callable[[QWidget, Path], bool] = ask_replace,
    shell: Shell | None = None,
) -> SeesawApp:
    """Wire everything into ``shell`` (the window already on screen), or into a new window."""

    shell = shell or open_shell(settings)
    window, library_view = shell.window, shell.library_view

    def load() -> Library:
        return load_library(
            folders if folders is not None else lesson_folders(),
            audio.duration_of,
            index=shell.index,
            timing=audio.timing_key,
        )

    library = load()

    def caption_pt() -> int:
        return read_int(settings, "captions/size", DEFAULT_CAPTION_PT, CAPTION_PT_RANGE)

    flow = LessonFlow(
        library=library,
        journal=journal,
        audio=audio,
        show=window.show_session,
        clock=clock,
        caption_pt=caption_pt,
        confirm_stop=confirm_stop,
        parent=window,
    )
    catalogue_dir = bundled_lessons_dir() / "catalogue"
    exercises_view: ExercisesView | None = None
    try:
        catalogue = load_catalogue(catalogue_dir)
    except LessonScriptError as exc:
        catalogue_problem = f"The exercise comparison could not be loaded: {exc.diagnostics[0].location()}: {exc.diagnostics[0].message}"
    else:
        catalogue_problem = ""
        journal.known_exercises = catalogue.exercise_ids
        exercises_view = ExercisesView(
            catalogue,
            catalogue_dir / "illustrations",
            journal,
            has_lesson=lambda i: flow.library.by_id(i) is not None,
        )
        window.set_page("exercises", exercises_view)
    if catalogue_problem:
        window.set_page("exercises", problem_page(catalogue_problem))
    journal_view = JournalView(journal)
    window.set_page("journal", journal_view)
    author_view = AuthorView(data_dir() / "recovery", dialogs=author_dialogs)
    window.set_page("author", author_view)
    settings_view = SettingsView(settings)
    window.set_page("settings", settings_view)

    app = SeesawApp(
        window,
        flow,
        library_view,
        library,
        author_view,
        journal_view,
        exercises_view,
        settings_view,
        list(notices or []),
    )
    settled = flow.settle_finished_checkpoint()
    if settled:
        app.notices.append(
            f"Your last session of “{settled.lesson_title}” was saved to the journal."
        )

    def back_to_library() -> None:
        window.end_session("library")
        app.refresh_library()

    flow.finished.connect(back_to_library)
    if catalogue_problem:
        app.notices.append(catalogue_problem)
    if exercises_view is not None:
        exercises_view.do_set_requested.connect(flow.start)
    library_view.start_requested.connect(flow.start)
    library_view.resume_requested.connect(lambda _id: flow.resume())
    library_view.discard_resume.connect(lambda _id: journal.clear_checkpoint())
    window.closing.connect(flow.shutdown)
    window.close_guards.append(author_view.confirm_leave)
    author_view.play_requested.connect(flow.preview)
    flow.preview_ended.connect(lambda: window.end_session("author"))
    recovered = author_view.recoverable()
    if recovered:
        author_view.restore(recovered[-1])
        app.notices.append(
            "Unsaved lesson text from last time was recovered: it is on the Author page."
        )
    flow.problem.connect(window.banner.add)

    def setting_changed(key: str) -> None:
        qt_app = QApplication.instance()
        if key == "appearance/theme" and isinstance(qt_app, QApplication):
            apply_theme(qt_app, pick_theme(read_choice(settings, key, THEMES)))
        elif key == "captions/size" and isinstance(flow.view, PlayerView):
            flow.view.set_caption_size(caption_pt())

    settings_view.changed.connect(setting_changed)
    # Through the Settings slider, so the size is kept and the slider shows it.
    flow.caption_step.connect(
        lambda step: settings_view.caption_size.setValue(settings_view.caption_size.value() + step)
    )

    def import_pack_file(path: str) -> None:
        imported, message = import_from_app(Path(path), data_dir() / "packs", window, ask_replace)
        window.banner.add(message)
        if imported:
            app.library = flow.library = load()
            app.refresh_library()

    library_view.import_requested.connect(
        lambda: (chosen := ask_pack_path(window)) and import_pack_file(chosen)
    )
    window.pack_dropped.connect(import_pack_file)
    app.refresh_library()
    for notice in app.notices:
        window.banner.add(notice)
    return app


def finish_start(shell: Shell, settings: QSettings) -> SeesawApp:
    """Open the journal and the audio and wire them into the window already on screen."""
    journal, notices = open_journal(journal_folder())
    wanted = read_voice_settings(settings)
    audio = LessonAudio.from_settings(
        cache_dir() / "voice", wanted.choice, wanted.speed, wanted.sound_on
    )
    notices.extend(audio.notices)
    app = build(journal=journal, audio=audio, settings=settings, notices=notices, shell=shell)
    app.window.closing.connect(audio.close)

    def voice_setting_changed(key: str) -> None:
        if key in VOICE_KEYS:
            now = read_voice_settings(settings)
            audio.reconfigure(now.choice, now.speed, now.sound_on)

    app.settings_view.changed.connect(voice_setting_changed)
    app.window.closing.connect(journal.close)  # after the lesson flow has saved its place

    def open_sound() -> None:
        problem = audio.open_output()
        if problem:
            app.window.banner.add(problem)

    QTimer.singleShot(OPEN_SOUND_AFTER_MS, open_sound)  # pygame loads slowly: after the rest
    return app


def open_journal(folder: Path) -> tuple[Journal, list[str]]:
    """The journal on disk, or one in memory with a notice saying why; the app starts either way."""
    try:
        journal = Journal.open(folder)
    except (JournalTooNew, JournalLocked, OSError) as exc:
        message = f"Your journal could not be opened ({exc}). Notes from this session are kept only until you close Seesaw."
        return Journal.in_memory(), [message]
    return journal, list(journal.report.messages)
