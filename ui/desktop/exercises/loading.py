"""The exercise catalogue as the app loads it at start (the Exercises page, built from it on
first visit, is ``page.py``).

Apart from ``app.py`` so that the wiring module stays a list of steps; a catalogue that cannot be
read gives its page a message instead, and the app starts all the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from lesson_engine.catalogue.kept import load_kept
from lesson_engine.catalogue.model import Catalogue
from lesson_engine.paths import cache_dir, catalogue_dir
from lesson_engine.script.diagnostics import LessonScriptError


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
    """The catalogue as last read clean, if its files have not changed since (``catalogue.kept``
    says why it is kept); otherwise read and checked."""
    try:
        return Exercises(load_kept(catalogue_dir(), cache_dir()))
    except LessonScriptError as exc:
        first = exc.diagnostics[0]
        return Exercises(
            None,
            f"The exercise comparison could not be loaded: {first.location()}: {first.message}",
        )
