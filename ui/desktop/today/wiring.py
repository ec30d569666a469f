"""Today's part of the app's wiring: the programmes it offers, the page, and what it connects to.

Called from ``ui/desktop/app.py``, the one place that wires the app together: it hands this
module the parts it needs and keeps what comes back, so ``app.py`` stays a list of steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from lesson_engine.catalogue.model import Catalogue
from lesson_engine.journal.journal import Journal
from lesson_engine.library.listing import Library
from lesson_engine.paths import bundled_programmes_dir, cache_dir, voice_cache_dir
from lesson_engine.programme.kept import load_kept
from lesson_engine.programme.model import Programme, RunStage
from ui.desktop.library.view import LibraryView
from ui.desktop.player.flow import LessonFlow
from ui.desktop.settings.programme_choices import run_cadence, shows_streak, uses_miles
from ui.desktop.settings.store import read_voice_settings
from ui.desktop.today.reminders import Reminders
from ui.desktop.today.take_along import AskPath, RunExport
from ui.desktop.today.view import AskDay, OpenDialog, TodayView
from ui.desktop.window.main_window import MainWindow


def load_programmes(catalogue: Catalogue | None) -> tuple[list[Programme], list[str]]:
    """The bundled programmes, their sources checked against the catalogue's, and the problem
    with each that could not be loaded; as the last start read them if nothing they were made
    from has changed since (``lesson_engine/programme/kept.py``).

    Their lessons are not required to be installed here: ``seesaw check`` and the tests hold the
    bundled programmes to the bundled lessons, and a lesson missing in the app (a pack taken
    away) is shown by its id rather than costing the runner the whole plan."""
    sources = frozenset(s.key for s in catalogue.sources) if catalogue else None
    loaded, broken = load_kept(bundled_programmes_dir(), cache_dir(), sources)
    problems = [
        f"A programme could not be loaded ({first.location()}: {first.message})."
        for first in (result.errors[0] for result in broken)
    ]
    return loaded, problems


def guided_sets(catalogue: Catalogue | None) -> dict[str, str]:
    """Exercise id → its guided set's lesson id."""
    if catalogue is None:
        return {}
    return {e.id: e.guided_set for e in catalogue.entries if e.guided_set}


def make_today_view(
    journal: Journal,
    library: Library,
    catalogue: Catalogue | None,
    name_of: Callable[[str], str],
    *,
    today_is: Callable[[], date],
    ask_move_day: AskDay,
    open_dialog: OpenDialog,
    settings: QSettings,
) -> tuple[TodayView, list[str]]:
    """The page, and the notices its programmes gave while loading."""
    programmes, problems = load_programmes(catalogue)
    guided = guided_sets(catalogue)
    exercise_of = {lesson: exercise for exercise, lesson in guided.items()}

    def title_of(lesson_id: str) -> str:
        """A guided set by its exercise's name (as on its card); any other lesson by its title."""
        if lesson_id in exercise_of:
            return name_of(exercise_of[lesson_id])
        entry = library.by_id(lesson_id)
        return entry.title if entry else lesson_id

    view = TodayView(
        journal,
        programmes,
        guided_sets=guided,
        title_of=title_of,
        today_is=today_is,
        miles=lambda: uses_miles(settings),
        streak=lambda: shows_streak(settings),
        ask_day=ask_move_day,
        open_dialog=open_dialog,
    )
    return view, problems


@dataclass
class TodayParts:
    run_export: RunExport
    reminders: Reminders


def connect_today(
    view: TodayView,
    *,
    window: MainWindow,
    flow: LessonFlow,
    library_view: LibraryView,
    settings: QSettings,
    ask_save_path: AskPath,
    returns_to: Callable[[str], None],
) -> TodayParts:
    """Today starts lessons (which come back to it), takes runs along, reminds, and is drawn
    again whenever the journal may have changed.

    The Journal and Exercises pages are built on first visit (``MainWindow.defer_page``): what
    ties them to Today is connected when they are.
    """

    def start(lesson_id: str) -> None:
        returns_to("today")
        flow.start(lesson_id)

    view.start_requested.connect(start)
    library_view.start_requested.connect(lambda _id: returns_to("library"))

    def choose_programme() -> None:
        window.show_page("today")
        view.show_chooser()

    def wire_exercises(page: QWidget) -> None:
        from ui.desktop.exercises.view import ExercisesView  # built with the page, not at start

        if isinstance(page, ExercisesView):  # not the message a catalogue that failed leaves
            page.programme_requested.connect(choose_programme)
            page.logged.connect(view.refresh)  # a strength set counts toward today's plan

    def wire_journal(page: QWidget) -> None:
        from ui.desktop.journal.view import JournalView

        if isinstance(page, JournalView):
            view.changed.connect(page.refresh)

    window.when_built("exercises", wire_exercises)
    window.when_built("journal", wire_journal)
    export = RunExport(
        lambda: read_voice_settings(settings).choice,
        voice_cache_dir(),
        lambda: run_cadence(settings),
        parent=window,
    )
    export.finished.connect(window.banner.add)

    def take_run(stage: RunStage) -> None:
        path = ask_save_path(window, "todays-run.ogg")
        if path:
            window.banner.add("Writing today's run… you can go on using Seesaw meanwhile.")
            export.start(stage, Path(path))

    view.take_run_requested.connect(take_run)
    reminders = Reminders(
        settings, lambda: view.shown, lambda: datetime.now().astimezone(), parent=window
    )
    reminders.shown.connect(window.banner.add)
    view.problem.connect(window.banner.add)
    flow.finished.connect(view.refresh)
    flow.saving.stored.connect(view.refresh)  # the session, written behind, is in: it counts
    return TodayParts(export, reminders)
