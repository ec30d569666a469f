"""Whether a phase's criteria are met on a day, and in words which are not.

One function answers both questions, so the reason Today gives for staying in a phase ("still to
come: strength 6 times (4 so far)") is always the test the rules applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from lesson_engine.programme.history import HALF, History
from lesson_engine.programme.model import Criterion, Need


def unmet(
    criteria: Iterable[Criterion],
    history: History,
    day: date,
    since: date,
    runs_done: bool,
    usual_weekly_minutes: int | None,
) -> list[str]:
    """Each criterion not met on ``day`` (counting from ``since``), as the runner reads it."""
    missing: list[str] = []
    for criterion in criteria:
        why = _why_not(criterion, history, day, since, runs_done, usual_weekly_minutes)
        if why is not None:
            missing.append(why)
    return missing


def _why_not(
    criterion: Criterion,
    history: History,
    day: date,
    since: date,
    runs_done: bool,
    usual: int | None,
) -> str | None:
    need = criterion.need
    if need is Need.WEEKS:
        days = (day - since).days + 1
        if days >= 7 * criterion.count:
            return None
        return f"{criterion.written} ({days // 7} so far)"
    if need in (Need.STRENGTH, Need.LESSONS):
        count = _done_days(history, need, since, day)
        if count >= criterion.count:
            return None
        return f"{criterion.written} ({count} so far)"
    if need is Need.SORENESS:
        rated = sorted((d, v) for d, v in history.ratings().items() if d <= day)
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
    # Need.PREVIOUS_VOLUME: unknown usual running counts as met once the runs are done
    if usual is None:
        return None
    week = [r for r in history.runs if day - timedelta(days=6) <= r.day <= day]
    ran = round(sum(r.minutes for r in week))
    if ran >= usual:
        return None
    return f"{criterion.written} ({ran} of your usual {usual} minutes a week)"


def _done_days(history: History, need: Need, since: date, day: date) -> int:
    """Strength sessions or other lessons done from ``since`` to ``day``, one a day at most.

    A strength session is a guided set (a lesson the catalogue links to an exercise) or a set
    logged by hand; any other lesson heard at least half through counts as a lesson."""
    strength = need is Need.STRENGTH
    guided = set(history.guided_sets.values())
    days = {
        s.day
        for s in history.sessions
        if s.completed_fraction >= HALF and (s.lesson_id in guided) == strength
    }
    if strength:
        days.update(log.day for log in history.sets)
    return sum(1 for d in days if since <= d <= day)
