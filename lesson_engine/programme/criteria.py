"""Whether a phase's criteria are met on a day, and in words which are not.

One function answers both questions, so the reason Today gives for staying in a phase ("still to
come: strength 6 times (4 so far)") is always the test the rules applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity, Criterion, Need, Phase


@dataclass(frozen=True)
class Where:
    """What a criterion is judged against: counted from ``since``, in ``phase``."""

    since: date
    phase: Phase
    runs_done: bool
    usual_weekly_minutes: int | None

    @property
    def most_weekly_minutes(self) -> float | None:
        """The most running a week this phase ever plans (a build's target), if it says."""
        runs = self.phase.of(Activity.RUN)
        if runs is None or runs.build is None:
            return None
        return runs.build.until_s / 60 * runs.per_week


def unmet(criteria: Iterable[Criterion], history: History, day: date, where: Where) -> list[str]:
    """Each criterion not met on ``day``, as the runner reads it."""
    missing: list[str] = []
    for criterion in criteria:
        why = _why_not(criterion, history, day, where)
        if why is not None:
            missing.append(why)
    return missing


def _why_not(criterion: Criterion, history: History, day: date, where: Where) -> str | None:
    since, runs_done, usual = where.since, where.runs_done, where.usual_weekly_minutes
    need = criterion.need
    if need is Need.WEEKS:
        days = (day - since).days + 1
        if days >= 7 * criterion.count:
            return None
        return f"{criterion.written} ({days // 7} so far)"
    if need in (Need.STRENGTH, Need.LESSONS):
        count = _done_days(history, need, since, day, where.phase)
        if count >= criterion.count:
            return None
        return f"{criterion.written} ({count} so far)"
    if need is Need.SORENESS:
        rated = sorted((d, v) for d, v in history.ratings.items() if d <= day)
        recent = rated[-criterion.count :]
        if len(recent) >= criterion.count and all(v <= criterion.level for _, v in recent):
            return None
        high = sum(1 for _, v in recent if v > criterion.level)
        detail = (
            f"{high} of the last {len(recent)} rated days above {criterion.level}"
            if high
            else (f"{len(recent)} rated days so far")
        )
        return f"{criterion.written} ({detail})"
    if need is Need.RUNS_DONE:
        return None if runs_done else "the runs of this phase done, stage by stage"
    # Need.PREVIOUS_VOLUME: unknown usual running counts as met once the runs are done; a usual
    # week longer than anything the phase plans counts as met at the phase's most.
    if usual is None:
        return None
    target = min(usual, where.most_weekly_minutes or usual)
    week = [r for r in history.runs if day - timedelta(days=6) <= r.day <= day]
    ran = round(sum(r.minutes for r in week))
    if ran >= target:
        return None
    return f"{criterion.written} ({ran} of {round(target)} minutes a week)"


def _done_days(history: History, need: Need, since: date, day: date, phase: Phase) -> int:
    """Strength sessions or lessons done from ``since`` to ``day``, one a day at most.

    A strength session is a guided set (a lesson the catalogue links to an exercise) or a set
    logged by hand. A lesson is one of the phase's own lessons (a guided set among them too)
    heard at least half through; with no lesson line in the phase, any other lesson counts."""
    lessons = phase.of(Activity.LESSON)
    if need is Need.STRENGTH:
        days = history.strength_days
    elif lessons is not None and lessons.items:
        days = history.lesson_days(lessons.items)
    else:
        days = history.other_lesson_days
    return sum(1 for d in days if since <= d <= day)
