"""The Exercises page, built on first visit from the catalogue loaded at start
(``loading.py``), and its wiring to the lesson flow.

Its own module, imported when the page is built (``pages_on_visit``): the page and what a guided
set's dose is read with (the lesson model) are not needed to draw Today.
"""

from __future__ import annotations

from lesson_engine.catalogue.dose import Dose, guided_dose
from lesson_engine.journal.journal import Journal
from lesson_engine.paths import catalogue_dir
from lesson_engine.script.diagnostics import LessonScriptError
from ui.desktop.exercises.loading import Exercises
from ui.desktop.exercises.view import ExercisesView
from ui.desktop.player.flow import LessonFlow


def _dose_of(flow: LessonFlow, lesson_id: str) -> Dose | None:
    """What the guided set ``lesson_id`` guides, or None when it cannot be read now."""
    entry = flow.library.by_id(lesson_id)
    if entry is None:
        return None
    try:
        return guided_dose(entry.load())
    except LessonScriptError:
        return None


def exercises_view(
    exercises: Exercises, journal: Journal, flow: LessonFlow
) -> ExercisesView | None:
    """The Exercises page; its wiring to the lesson flow is in ``ui.desktop.app``, which builds
    it on first visit or when a guided set ends (the page offers that set's log)."""
    if exercises.catalogue is None:
        return None
    view = ExercisesView(
        exercises.catalogue,
        catalogue_dir() / "illustrations",
        journal,
        has_lesson=lambda lesson_id: flow.library.by_id(lesson_id) is not None,
        dose_of=lambda lesson_id: _dose_of(flow, lesson_id),
    )
    view.do_set_requested.connect(flow.start)
    view.told.connect(flow.problem)  # a guided set's log, said where the set ended
    return view
