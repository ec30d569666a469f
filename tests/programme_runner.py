"""A simulated runner who follows Today day by day: used by the programme tests and by
``python -m tests.programme_runner`` to print the ten-week table in the issue note.

The runner does what Today offers each day (every session planned for it), rates soreness at
each lesson's check-in, and answers how the knee was the next morning. ``pain`` says, for a
programme week and a day, how much a run hurts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from lesson_engine.journal.records import (
    CrossLog,
    ProgrammeChoice,
    RedFlagCheck,
    RunLog,
    SessionEntry,
    Soreness,
)
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity, Programme
from lesson_engine.programme.progress import stand
from lesson_engine.programme.today import Item, Today, today
from lesson_engine.programme.week import Status

Pain = Callable[[int], int]
"""Programme week (1-based) → pain during a run and soreness that week."""


def steady(week: int) -> int:
    return max(0, 3 - week)


def flare_in_week_4(week: int) -> int:
    return 6 if week == 4 else steady(week)


@dataclass
class Runner:
    programme: Programme
    start: date
    pain: Pain
    guided_sets: dict[str, str] = field(default_factory=dict)
    history: History = field(default_factory=History)

    def __post_init__(self) -> None:
        choice = ProgrammeChoice(self.start, self.programme.id, id="2026-1")
        self.history = replace(self.history, choices=(choice,), guided_sets=self.guided_sets)

    def view(self, day: date) -> Today:
        choice = self.history.choices[-1]
        return today(stand(self.programme, choice, self.history, day), self.history)

    def live(self, day: date) -> Today:
        """Answer Today's questions, then do what it offers; returns Today as seen that morning."""
        seen = self.view(day)
        week = (day - self.start).days // 7 + 1
        h = self.history
        if seen.ask_morning is not None:
            run = seen.ask_morning
            runs = tuple(
                replace(r, pain_next_morning=self.pain(week)) if r is run else r for r in h.runs
            )
            h = replace(h, runs=runs)
        if seen.ask_red_flags:
            h = replace(h, flags=(*h.flags, RedFlagCheck(day, (), id=f"f{day}")))
        for item in seen.items:  # what Today offers; a paused run is not run
            if item.slot.status is not Status.TODAY:
                continue
            h = _do(h, item.slot.activity, item, day, self.pain(week))
        self.history = h
        return seen


def _do(h: History, activity: Activity, item: Item, day: date, pain: int) -> History:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    if activity is Activity.RUN:
        minutes = (item.run_s or 900) / 60
        run = RunLog(day, minutes, pain_during=pain, pain_after=pain, id=f"r{day}")
        return replace(h, runs=(*h.runs, run))
    if activity is Activity.CROSS:
        return replace(h, cross=(*h.cross, CrossLog(day, "cycling", 30, id=f"c{day}")))
    sessions = tuple(
        SessionEntry(
            lesson,
            lesson,
            at,
            at + timedelta(minutes=10),
            True,
            1.0,
            before=Soreness(pain),
            after=Soreness(pain),
            id=f"s{day}{lesson}",
        )
        for lesson in (item.lessons if activity is Activity.STRENGTH else item.lessons[:1])
    )
    return replace(h, sessions=(*h.sessions, *sessions))


def simulate(
    programme: Programme, pain: Pain, weeks: int = 10, start: date = date(2026, 11, 2)
) -> list[str]:
    runner = Runner(programme, start, pain, guided_sets=_guided())
    rows = []
    for offset in range(weeks * 7):
        day = start + timedelta(days=offset)
        seen = runner.live(day)
        if offset % 7 == 6:
            s = seen.standing
            plan = next((i.what for i in seen.week if i.slot.activity is Activity.RUN), "no runs")
            prompt = "  [see a clinician]" if seen.clinician else ""
            rows.append(f"week {offset // 7 + 1:2}: {s.phase.title:<34} {plan}{prompt}")
    return rows


def _guided() -> dict[str, str]:
    from lesson_engine.catalogue.loader import load_catalogue
    from lesson_engine.paths import catalogue_dir

    catalogue = load_catalogue(catalogue_dir())
    return {e.id: e.guided_set for e in catalogue.entries if e.guided_set}


if __name__ == "__main__":
    from lesson_engine.programme.parser import load_programme

    for path in sys.argv[1:]:
        programme = load_programme(Path(path))
        for name, pain in (("improves steadily", steady), ("flares in week 4", flare_in_week_4)):
            print(f"\n{programme.title}, a runner who {name}:")
            print("\n".join(simulate(programme, pain)))
