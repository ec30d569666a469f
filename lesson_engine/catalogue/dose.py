"""The dose a guided set actually guides, read from the lesson itself: how many counted rounds,
of how many, and whether for each side.

A guided set counts each repetition aloud (``[repeat N]`` around a ``[count]``); those counted
blocks are its sets, and a ``[sides …]`` around them makes the dose per side. So the log offered
after a set, the Exercises page and the set itself always say the same, without a dose typed in
twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lesson_engine.model.lesson import Count, Lesson, Repeat, Sides, Step


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int
    side: str | None = None
    """"both" when the dose is for each side."""

    def __str__(self) -> str:
        return f"{self.sets} × {self.reps}" + (" a side" if self.side == "both" else "")


def _counted(steps: Iterable[Step]) -> list[int]:
    """The lengths of the counted repeats among ``steps`` (not looking inside ``[sides]``)."""
    found: list[int] = []
    for step in steps:
        if isinstance(step, Repeat):
            if any(isinstance(inner, Count) for inner in step.body):
                found.append(step.times)
            else:
                found.extend(_counted(step.body))
    return found


def guided_dose(lesson: Lesson) -> Dose | None:
    """The set's dose, or None when the lesson counts no repetitions (it guides no set)."""
    per_side: list[int] = []
    plain: list[int] = []
    for section in lesson.sections:
        for step in section.steps:
            if isinstance(step, Sides):
                per_side.extend(_counted(step.body))
            else:
                plain.extend(_counted([step]))
    counted, side = (per_side, "both") if per_side else (plain, None)
    if not counted:
        return None
    reps = Counter(counted).most_common(1)[0][0]
    return Dose(len(counted), reps, side)
