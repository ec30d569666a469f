"""The exercise catalogue as the app loads it at start, and the Exercises page built from it.

Apart from ``app.py`` so that the wiring module stays a list of steps; a catalogue that cannot be
read gives its page a message instead, and the app starts all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lesson_engine.catalogue.dose import Dose, guided_dose
from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.catalogue.model import Catalogue
from lesson_engine.journal.journal import Journal
from lesson_engine.paths import catalogue_dir
from lesson_engine.script.diagnostics import LessonScriptError
from ui.desktop.player.flow import LessonFlow

if TYPE_CHECKING:  # the page is built on first visit, and its module imported then
    from ui.desktop.exercises.view import ExercisesView


@dataclass(frozen=True)
class Exercises:
    """The exercise catalogue as loaded at start: the catalogue, or why it could not be."""

    catalogue: Catalogue | None
    problem: str = ""

    @property
    def exercise_ids(self) -> frozenset[str] | None:
        return self.catalogue.exercise_ids if self.catalogue else None

    def name_of(self, exercise_id: str) -> str:
        """The exercise's name, or its id when the catalogue cannot say (a retired exercise)."""
        entry = self.catalogue.entry(exercise_id) if self.catalogue else None
        return entry.name if entry else exercise_id

    def guides(self, lesson_id: str) -> bool:
        """Whether ``lesson_id`` is the guided set of an exercise (its end offers a log)."""
        return self.catalogue is not None and any(
            e.guided_set == lesson_id for e in self.catalogue.entries
        )


def load_exercises() -> Exercises:
    try:
        return Exercises(load_catalogue(catalogue_dir()))
    except LessonScriptError as exc:
        first = exc.diagnostics[0]
        return Exercises(
            None,
            f"The exercise comparison could not be loaded: {first.location()}: {first.message}",
        )


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
    from ui.desktop.exercises.view import ExercisesView

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
