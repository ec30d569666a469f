"""The pages built on first visit: Exercises, Journal, Author and Settings, each with its wiring.

A learner opens Seesaw for today's lesson or to continue one: Today and the lessons are built at
start, and the other pages, whose modules alone take longer to import than a bare window takes
to open, are built the first time their tab, shortcut or an ``app.*_view`` asks for them
(``MainWindow.defer_page``). Each builder connects what the eager build connected; what must work
before a visit (a guided set's log, a lesson's caption step, the recovered-text notice, the close
guards) is connected at start without building the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from lesson_engine.journal.journal import Journal
from lesson_engine.paths import my_lessons_dir, recovery_dir
from ui.desktop.author.recovery import RecoveryCopies
from ui.desktop.exercises.loading import Exercises
from ui.desktop.player.flow import LessonFlow
from ui.desktop.ports import AudioPort
from ui.desktop.settings.store import (
    GET_READY_KEY,
    SPEAK_COUNT_KEY,
    THEMES,
    read_choice,
    read_get_ready_ms,
    read_int,
    read_speak_count,
)
from ui.desktop.theme import CAPTION_PT_RANGE, DEFAULT_CAPTION_PT, apply_theme, pick_theme
from ui.desktop.window.main_window import MainWindow

if TYPE_CHECKING:  # the pages' own modules are imported when they are built
    from ui.desktop.author.dialogs import AuthorDialogs
    from ui.desktop.author.export_panel import MakeChain
    from ui.desktop.author.view import AuthorView
    from ui.desktop.exercises.view import ExercisesView
    from ui.desktop.journal.view import JournalView
    from ui.desktop.settings.journal_care import AskBackupDay
    from ui.desktop.settings.view import SettingsView


class App(Protocol):
    """What the builders need of ``ui.desktop.app.SeesawApp`` (which imports this module)."""

    window: MainWindow
    flow: LessonFlow
    notices: list[str]

    @property
    def today_view(self) -> QWidget: ...

    @property
    def author_view(self) -> AuthorView: ...

    @property
    def journal_view(self) -> JournalView: ...

    @property
    def settings_view(self) -> SettingsView: ...

    @property
    def exercises_view(self) -> ExercisesView | None: ...

    def refresh_library(self) -> None: ...


def problem_page(text: str) -> QWidget:
    """What a page shows instead of itself when its data could not be loaded."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setContentsMargins(48, 48, 48, 48)
    return label


def place_pages(app: App, exercises: Exercises, journal: Journal) -> None:
    """Fill the places the first paint kept: Today now, the others when first visited; a page
    whose data failed says why instead."""
    window, flow = app.window, app.flow
    window.set_page("today", app.today_view)
    if exercises.catalogue is None:
        window.set_page("exercises", problem_page(exercises.problem))
        app.notices.append(exercises.problem)
    else:

        def exercises_page() -> QWidget:
            from ui.desktop.exercises.page import exercises_view

            return built(exercises_view(exercises, journal, flow))

        window.defer_page("exercises", exercises_page)

        def guided_set_done(lesson_id: str) -> None:
            view = app.exercises_view  # a guided set logs itself, to be corrected
            if view is not None:
                view.log_guided_set(lesson_id)

        flow.lesson_done.connect(
            lambda lesson_id: guided_set_done(lesson_id) if exercises.guides(lesson_id) else None
        )

    def journal_page() -> QWidget:
        from ui.desktop.journal.view import JournalView

        return JournalView(journal, exercise_name=exercises.name_of)

    window.defer_page("journal", journal_page)


def built(page: QWidget | None) -> QWidget:
    if page is None:
        raise ValueError("a page deferred without the data to build it")
    return page


def defer_author(
    app: App,
    reload_lessons: Callable[[], None],
    dialogs: AuthorDialogs | None,
    voice_chain: MakeChain,
) -> None:
    """The Author page, built on first visit; text recovered from last time is said at start
    and put in its editor when it is built."""
    flow, window = app.flow, app.window

    def author_page() -> QWidget:
        from ui.desktop.author.dialogs import DEFAULT_DIALOGS
        from ui.desktop.author.view import AuthorView

        author = AuthorView(
            recovery_dir(),
            dialogs=dialogs or DEFAULT_DIALOGS,
            my_lessons=my_lessons_dir(),
            voice_chain=voice_chain,
            later=flow.journal.later,  # the app's one writer: no fsync on the window's thread
        )
        author.play_requested.connect(flow.preview)
        flow.preview_host = author.show_preview  # beside the script, not in place of it
        flow.preview_ended.connect(author.end_preview)
        author.saved.connect(lambda _path: reload_lessons())
        recovered = author.recoverable()
        if recovered:
            author.restore(recovered[-1])
        return author

    window.defer_page("author", author_page)
    # Asked in the order they were before the page was deferred; an unbuilt page has nothing.
    window.close_guards.append(
        lambda: not window.is_built("author") or app.author_view.confirm_leave()
    )

    def stop_export() -> None:
        if window.is_built("author"):
            app.author_view.export.stop()

    window.closing.connect(stop_export)
    if RecoveryCopies(recovery_dir()).found():
        app.notices.append(
            "Unsaved lesson text from last time was recovered: it is on the Author page."
        )


def defer_settings(
    app: App, settings: QSettings, audio: AudioPort, ask_backup_day: AskBackupDay | None
) -> None:
    """The Settings page, built on first visit; until then nothing on it can change, except
    the caption size a lesson's Ctrl+Plus/Minus steps (kept the same way without the page)."""
    flow, window = app.flow, app.window

    def settings_page() -> QWidget:
        from ui.desktop.settings.journal_care import ask_backup_day as ask_day
        from ui.desktop.settings.journal_care import connect_journal_care
        from ui.desktop.settings.view import SettingsView
        from ui.desktop.sound_notice import sound_notice

        view = SettingsView(settings, try_voice=audio.try_voice, switch_sound=audio.switch_sound)
        view.sound_said.connect(sound_notice(window.banner).switched)  # the start's, kept true
        connect_journal_care(view, flow.journal, restored, ask_backup_day or ask_day)
        view.changed.connect(setting_changed)
        return view

    def restored() -> None:
        if window.is_built("journal"):
            app.journal_view.forget_undo()  # its undo refers to records the restore replaced
            app.journal_view.refresh()
        app.refresh_library()

    def setting_changed(key: str) -> None:
        qt_app = QApplication.instance()
        if key == "appearance/theme" and isinstance(qt_app, QApplication):
            apply_theme(qt_app, pick_theme(read_choice(settings, key, THEMES)))
        elif key == "captions/size":
            flow.set_caption_size(caption_size(settings))
        elif key == GET_READY_KEY and flow.player is not None:
            flow.player.get_ready_ms = read_get_ready_ms(settings)  # from the next resume on
        elif key == SPEAK_COUNT_KEY and flow.player is not None:
            flow.player.speak_count = read_speak_count(settings)

    def step_caption(step: int) -> None:
        if window.is_built("settings"):  # through the page, so its slider shows the size
            app.settings_view.step_caption_size(step)
            return
        low, high = CAPTION_PT_RANGE
        settings.setValue("captions/size", min(high, max(low, caption_size(settings) + step)))
        settings.sync()
        setting_changed("captions/size")

    window.defer_page("settings", settings_page)
    flow.caption_step.connect(step_caption)


def on_settings_changed(app: App, follow: Callable[[str], None]) -> None:
    """``follow`` hears each setting the Settings page changes, from when it is built."""
    app.window.when_built(
        "settings", lambda page: cast("SettingsView", page).changed.connect(follow)
    )


def caption_size(settings: QSettings) -> int:
    return read_int(settings, "captions/size", DEFAULT_CAPTION_PT, CAPTION_PT_RANGE)
