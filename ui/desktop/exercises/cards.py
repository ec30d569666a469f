"""What the Exercises page says about one entry: its marks, where a claim comes from, its card and
the runner's own results, as the rich text the page shows.

Kept apart from the page's widgets so the wording has one home: the table's tooltips, the
detail panel and the status line all take a claim's words and its attribution from here.
"""

from __future__ import annotations

from lesson_engine.catalogue.dose import Dose
from lesson_engine.catalogue.model import Claim, Entry, Stance
from lesson_engine.catalogue.personal import PersonalResult

MARKS = {
    Stance.RECOMMENDED: ("✔", "#2e7d4f"),
    Stance.WITH_CONDITION: ("✔ if…", "#1f6f78"),
    Stance.NEUTRAL: ("–", "#7b8588"),
    Stance.COUNTERPRODUCTIVE: ("✖", "#b03a2e"),
    Stance.NOT_MENTIONED: ("", "#7b8588"),
}
NOTED = ("note", "#7b8588")
"""A source that does not name the entry but says something that bears on it (a general warning,
a reader's comment): the cell is not left blank, so the note is found."""


def mark(claim: Claim) -> tuple[str, str]:
    """The cell's mark and its colour."""
    if claim.stance is Stance.NOT_MENTIONED and claim.reason:
        return NOTED
    return MARKS[claim.stance]


def attribution(claim: Claim, title: str) -> str:
    """Where to read it: the article's title, and the part of the page the claim rests on."""
    return f"— “{title}”, {claim.where}" if claim.where else f"— “{title}”"


def entry_card(entry: Entry, guided: Dose | None) -> str:
    """The entry's steps and facts; a fact the sources leave out is left out, not shown empty."""
    steps = "".join(f"<li>{step}</li>" for step in entry.steps)
    facts = [
        ("Dose", entry.dose),
        ("The guided set", f"{guided}" if guided else ""),
        ("Progression", entry.progression),
        ("Targets", ", ".join(entry.targets)),
        ("Equipment", ", ".join(entry.equipment)),
        ("Pelvis", entry.pelvis),
        ("Position", entry.position),
    ]
    rows = "".join(f"<br><b>{label}:</b> {value}" for label, value in facts if value)
    return f"<h3>{entry.name}</h3><ol>{steps}</ol>{rows}"


def _days(value: float | None, days: int) -> str:
    plural = "s" if days != 1 else ""
    return (
        f"{value:.1f} ({days} day{plural})" if value is not None else f"no rated days yet ({days})"
    )


def my_results_text(result: PersonalResult) -> str:
    """The runner's own soreness with and without the exercise, labelled as their record."""
    return (
        "<b>My results</b> — average soreness on days with this exercise: "
        f"{_days(result.with_mean, result.with_days)}; "
        f"on other rated days: {_days(result.without_mean, result.without_days)}."
        "<br><i>Your own record, not evidence: many things change from day to day.</i>"
    )
