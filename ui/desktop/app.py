"""The one place that wires the window, the lesson flow, the audio and the journal together.

Everything else receives what it needs. ``ui.desktop.launch`` puts the window on screen first and
then calls ``real_parts.finish_start``, which opens the journal, the audio and the system's
services and wires them in with ``build``; tests build the same graph with ``build``, a journal in
a temporary folder and silent audio. ``build`` is a list of small named steps, one per part, so
each connection is found in one hop. Every optional part that fails (sound, voice, journal) is
replaced by a working fallback and reported in the banner: the app always starts and a lesson can
always be followed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import pick_voice
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.lock import JournalLocked
from lesson_engine.journal.migrations import JournalTooNew
from lesson_engine.journal.records import learner_day
from lesson_engine.library.listing import Library, load_library
from lesson_engine.paths import (
    lesson_folders,
    packs_dir,
    voice_cache_dir,
)
from lesson_engine.playback.clock import Clock, MonotonicClock
from lesson_engine.session.status import lesson_status
from ui.desktop.awake.inhibitors import Inhibitor
from ui.desktop.exercises.loading import Exercises, load_exercises
from ui.desktop.library.view import LibraryView
from ui.desktop.pages_on_visit import (
    caption_size,
    defer_author,
    defer_settings,
    on_settings_changed,
    place_pages,
)
from ui.desktop.player.flow import LessonFlow
from ui.desktop.player.unsaved import ASK_THE_LEARNER, UnsavedDialogs, may_close
from ui.desktop.ports import AudioPort
from ui.desktop.settings.store import (
    VOLUME_KEYS,
    read_get_ready_ms,
    read_speak_count,
    read_voice_settings,
    read_volumes,
)
from ui.desktop.sound_notice import sound_notice
from ui.desktop.start_notices import kept_drafts, unusable_place
from ui.desktop.today.reminders import Reminders
from ui.desktop.today.take_along import AskPath, RunExport, ask_save_path
from ui.desktop.today.view import AskDay, OpenDialog, TodayView, run_dialog
from ui.desktop.today.view import ask_day as ask_day_dialog
from ui.desktop.today.wiring import connect_today, make_today_view
from ui.desktop.window.main_window import MainWindow
from ui.desktop.window.shell import Shell, open_shell

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

    # The pages built on first visit, whose modules are imported then, and the parts that follow
    # a playing lesson, loaded with the player's code (``player/loading.py``).
    from ui.desktop.author.dialogs import AuthorDialogs
    from ui.desktop.author.export_panel import MakeChain
    from ui.desktop.author.view import AuthorView
    from ui.desktop.awake.keeper import AwakeKeeper
    from ui.desktop.exercises.view import ExercisesView
    from ui.desktop.journal.view import JournalView
    from ui.desktop.media.mpris import MediaControls
    from ui.desktop.player.stop_question import ConfirmStop
    from ui.desktop.settings.journal_care import AskBackupDay
    from ui.desktop.settings.view import SettingsView


@dataclass
class SeesawApp:
    window: MainWindow
    flow: LessonFlow
    library_view: LibraryView
    library: Library
    today_view: TodayView
    notices: list[str] = field(default_factory=list)
    back_to: str = "library"
    """The page a lesson returns to when it ends: the one it was started from."""
    run_export: RunExport | None = None
    reminders: Reminders | None = None
    awake: AwakeKeeper | None = None
    media: MediaControls | None = None

    # The Author, Journal, Exercises and Settings pages are built on first visit (or first use
    # here): a learner opening Seesaw for today's lesson never waits for them.
    @property
    def author_view(self) -> AuthorView:
        return cast("AuthorView", self.window.page("author"))

    @property
    def journal_view(self) -> JournalView:
        return cast("JournalView", self.window.page("journal"))

    @property
    def settings_view(self) -> SettingsView:
        return cast("SettingsView", self.window.page("settings"))

    @property
    def exercises_view(self) -> ExercisesView | None:
        """None when the catalogue could not be read (the page says why instead)."""
        from ui.desktop.exercises.view import ExercisesView

        page = self.window.page("exercises")
        return page if isinstance(page, ExercisesView) else None

    def refresh_library(self) -> None:
        journal = self.flow.journal
        status = lesson_status(journal.sessions(), journal.load_checkpoint())
        self.library_view.show_library(self.library, status)
        self.library_view.show_resume(self.flow.resume_offer())


def build(
    *,
    journal: Journal,
    audio: AudioPort,
    settings: QSettings,
    folders: list[tuple[str, Path]] | None = None,
    clock: Clock | None = None,
    confirm_stop: ConfirmStop | None = None,
    notices: list[str] | None = None,
    author_dialogs: AuthorDialogs | None = None,
    ask_pack_path: Callable[[QWidget], str] | None = None,
    ask_replace: Callable[[QWidget, Path], bool] | None = None,
    unsaved_dialogs: UnsavedDialogs = ASK_THE_LEARNER,
    shell: Shell | None = None,
    exercises: Exercises | None = None,
    ask_backup_day: AskBackupDay | None = None,
    today_is: Callable[[], date] | None = None,
    ask_move_day: AskDay = ask_day_dialog,
    open_dialog: OpenDialog = run_dialog,
    ask_run_path: AskPath = ask_save_path,
    inhibitor: Callable[[], Inhibitor] | None = None,
    media_bus: Callable[[], QDBusConnection | None] | None = None,
    author_voice: MakeChain | None = None,
) -> SeesawApp:
    """Wire everything into ``shell`` (the window already on screen), or into a new window.

    Each step below connects one part; together they are every connection the app has (those of
    a page built on first visit are made when it is: ``pages_on_visit``, ``MainWindow.when_built``;
    those that follow a playing lesson once the player's code is loaded: ``flow.loading``, which
    the app starts just after the window is wired and a lesson's Start finishes). Without
    an ``inhibitor`` nothing keeps the computer awake, and without a ``media_bus`` media keys
    work only while the window has focus (tests bring either on a private bus, or neither).
    Both are asked for as the player's code loads: connecting to the session bus is no part of
    the wiring.
    """
    shell = shell or open_shell(settings)
    clock = clock or MonotonicClock()
    exercises = exercises or load_exercises()
    lessons = _lesson_loader(folders, audio, shell)
    # The Lessons page's listing, when it is the whole library: no second read of the folders.
    known = shell.listing_for(audio.timing_key) if folders is None else None
    library = known if known is not None else lessons()
    flow = LessonFlow(
        library=library,
        journal=journal,
        audio=audio,
        show=shell.window.show_session,
        clock=clock,
        caption_pt=lambda: caption_size(settings),
        get_ready_ms=lambda: read_get_ready_ms(settings),
        speak_count=lambda: read_speak_count(settings),
        confirm_stop=confirm_stop,
        parent=shell.window,
    )
    today_view, today_notices = make_today_view(
        journal,
        library,
        exercises.catalogue,
        exercises.name_of,
        today_is=today_is or _learner_today,
        ask_move_day=ask_move_day,
        open_dialog=open_dialog,
        settings=settings,
    )
    app = SeesawApp(
        window=shell.window,
        flow=flow,
        library_view=shell.library_view_to_fill(),
        library=library,
        today_view=today_view,
        notices=[*(notices or []), *today_notices],
    )
    place_pages(app, exercises, journal)
    unusable_place(journal, app.window.banner)  # said once the file is moved, behind
    _settle_last_session(app)
    app.notices.extend(kept_drafts(journal))
    _connect_library(app, journal)
    _connect_today(app, settings, ask_run_path)
    defer_author(
        app,
        lambda: _reload_lessons(app, lessons),
        author_dialogs,
        author_voice or (lambda: _voice_from_settings(settings)),
    )
    _guard_unsaved_sessions(app, unsaved_dialogs)
    defer_settings(app, settings, audio, ask_backup_day)
    _connect_volumes(app, audio, settings)
    _connect_packs(app, lessons, ask_pack_path, ask_replace)
    if inhibitor is not None:
        flow.loading.add(lambda: _keep_awake(app, inhibitor(), clock))
    if media_bus is not None:
        flow.loading.add(lambda: _answer_media_keys(app, media_bus()))
    app.refresh_library()
    if app.flow.resume_offer() is not None and app.window.pages.currentWidget() is app.today_view:
        app.window.show_page("library")  # a lesson left halfway: Continue before today's plan
    for notice in app.notices:
        app.window.banner.add(notice)
    return app


def _voice_from_settings(settings: QSettings) -> VoiceChain:
    """The voice Export audio speaks with: the one chosen in Settings, at its speed."""
    voice = read_voice_settings(settings)
    return VoiceChain(pick_voice(voice.choice), ClipCache(voice_cache_dir()), voice.speed)


def _lesson_loader(
    folders: list[tuple[str, Path]] | None, audio: AudioPort, shell: Shell
) -> Callable[[], Library]:
    """Reads the library as the voice times it; called at start and after a pack is imported."""

    def load() -> Library:
        return load_library(
            folders if folders is not None else lesson_folders(),
            audio.duration_of,
            index=shell.index,
            timing=audio.timing_key,
        )

    return load


def _learner_today() -> date:
    return learner_day(datetime.now(UTC))


def _connect_today(app: SeesawApp, settings: QSettings, ask_run_path: AskPath) -> None:
    parts = connect_today(
        app.today_view,
        window=app.window,
        flow=app.flow,
        library_view=app.library_view,
        settings=settings,
        ask_save_path=ask_run_path,
        returns_to=lambda page: setattr(app, "back_to", page),
    )
    app.run_export, app.reminders = parts.run_export, parts.reminders


def _settle_last_session(app: SeesawApp) -> None:
    """A lesson that ended while Seesaw closed on its check-out: that form again, as it was."""
    title = app.flow.check_out_again()
    if title:
        app.notices.append(
            f"Seesaw closed before your check-out of “{title}” was saved. Here it is again, "
            "as you left it; Save or Skip puts the session in your journal."
        )


def _connect_library(app: SeesawApp, journal: Journal) -> None:
    flow, library_view, window = app.flow, app.library_view, app.window

    def back_to_library() -> None:
        window.end_session(app.back_to)
        app.refresh_library()

    flow.finished.connect(back_to_library)
    flow.saving.stored.connect(app.refresh_library)  # written behind: "done" once it is in
    flow.problem.connect(window.banner.add)
    sound_notice(window.banner).told.connect(flow.show_sound)  # "the sound is starting…" no more
    library_view.start_requested.connect(flow.start)
    library_view.resume_requested.connect(lambda _id: flow.resume())
    library_view.discard_resume.connect(lambda _id: journal.clear_checkpoint())
    window.closing.connect(flow.shutdown)


def _guard_unsaved_sessions(app: SeesawApp, dialogs: UnsavedDialogs) -> None:
    """Sessions a full or read-only disk refused are not lost when the window closes."""
    flow, window = app.flow, app.window

    def guard() -> bool:
        flow.saving.flush()  # a session still queued may yet be refused: know before asking
        return may_close(
            window, flow.saving.pending, flow.saving.retry_now, dialogs, window.banner.add
        )

    window.close_guards.append(guard)


def _reload_lessons(app: SeesawApp, lessons: Callable[[], Library]) -> None:
    """Read the library again (a lesson saved in My lessons, a pack imported) and show it."""
    app.library = app.flow.library = lessons()
    app.refresh_library()


def _connect_volumes(app: SeesawApp, audio: AudioPort, settings: QSettings) -> None:
    """The voice and the bells and metronome, each as loud as the learner set it."""

    def apply(key: str = VOLUME_KEYS[0]) -> None:
        if key in VOLUME_KEYS:
            volumes = read_volumes(settings)
            audio.set_volumes(volumes.voice, volumes.sounds)

    apply()
    on_settings_changed(app, apply)


def _connect_packs(
    app: SeesawApp,
    lessons: Callable[[], Library],
    ask_pack_path: Callable[[QWidget], str] | None,
    ask_replace: Callable[[QWidget, Path], bool] | None,
) -> None:
    """A pack chosen with Import or dropped on the window is imported. The import's code, and
    the dialogs it asks with (None: Qt's file dialog and question box), load with the first
    pack, not at start: ``ui.desktop.library.pack_import``."""
    window = app.window

    def import_pack_file(path: str) -> None:
        from ui.desktop.library import pack_import

        replace = ask_replace or pack_import.ask_replace
        imported, message = pack_import.import_from_app(Path(path), packs_dir(), window, replace)
        window.banner.add(message)
        if imported:
            _reload_lessons(app, lessons)

    def choose_pack() -> None:
        from ui.desktop.library import pack_import

        chosen = (ask_pack_path or pack_import.ask_pack_path)(window)
        if chosen:
            import_pack_file(chosen)

    app.library_view.import_requested.connect(choose_pack)
    window.pack_dropped.connect(import_pack_file)


def _keep_awake(app: SeesawApp, inhibitor: Inhibitor, clock: Clock) -> None:
    """The computer stays awake while a lesson plays (``playback.keep_awake`` says when).

    A step of ``flow.loading``: the keeper follows the player, so it loads with the player's
    code, after the window is wired and before the first lesson at the latest."""
    from ui.desktop.awake.keeper import AwakeKeeper

    keeper = AwakeKeeper(inhibitor, clock, quiet=lambda: app.flow.previewing, parent=app.window)
    keeper.problem.connect(app.window.banner.add)
    app.flow.followers.append(keeper.attach)
    app.awake = keeper


def _answer_media_keys(app: SeesawApp, bus: QDBusConnection | None) -> None:
    """Headset and media keys reach the lesson on screen, focused or not (MPRIS2).

    A step of ``flow.loading``, as ``_keep_awake``: the media controls follow the player (the
    media panel sees Seesaw only while a lesson is on screen). No bus (Windows, macOS, or none
    running): the keys work while the window has focus, as any shortcut does."""
    if bus is None:
        return
    from ui.desktop.media.wiring import media_controls

    app.media = media_controls(bus, app.flow, app.window)


def open_journal(
    folder: Path, known_exercises: Collection[str] | None = None, *, back_up: bool = True
) -> tuple[Journal, list[str]]:
    """The journal on disk, or the same journal in memory with a notice saying why.

    The app starts either way. Without ``back_up`` today's backup is left to the caller
    (``start_notices.daily_backup``, on the writer).
    """
    try:
        journal = Journal.open(folder, known_exercises=known_exercises, back_up=back_up)
    except (JournalTooNew, JournalLocked, OSError) as exc:
        message = f"Your journal could not be opened ({exc}). Notes from this session are kept only until you close Seesaw."
        return Journal.in_memory(known_exercises=known_exercises), [message]
    return journal, list(journal.report.messages)
