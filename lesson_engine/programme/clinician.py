"""When Today suggests seeing a clinician, and why, in words.

Two reasons, both from the sources: a red flag (swelling, locking, night pain, pain at rest: signs
that do not fit the usual IT band pattern), at once; and no improvement after the programme's
number of weeks (S3: a sports medicine physician or physical therapist when four to six weeks of
well-done rehab bring no change), judged on the two things a runner would call improvement:
soreness coming down, or pain starting later in a run (or no longer at all).
"""

from __future__ import annotations

from datetime import date, timedelta

from lesson_engine.programme.history import History
from lesson_engine.programme.progress import Action, Decision

IMPROVED_BY = 0.5
"""Soreness counts as better when the last week's average is at least this much lower."""


def red_flag_reason(history: History, today: date) -> str | None:
    checks = [c for c in history.flags if c.day <= today and c.flags]
    if not checks:
        return None
    latest = max(checks, key=lambda c: c.day)
    if (today - latest.day).days > 28:
        return None
    signs = " and ".join(latest.flags)
    return (
        f"You told Seesaw about {signs} on {latest.day:%d %B}. That does not fit the usual IT "
        "band pattern: please see a doctor or physiotherapist before going on with the programme."
    )


FIRST_STAGE_WINDOW_DAYS = 14


def first_stage_reason(decisions: tuple[Decision, ...], today: date) -> str | None:
    """Twice in two weeks, even the gentlest running hurt enough to step back."""
    recent = [
        d
        for d in decisions
        if d.action is Action.REST_FROM_RUNNING
        and today - timedelta(days=FIRST_STAGE_WINDOW_DAYS) < d.day <= today
    ]
    if len(recent) < 2:
        return None
    return (
        "Twice in two weeks even the gentlest running in this programme hurt too much. Please "
        "see a sports medicine doctor or a physiotherapist before running again; the lessons and "
        "the strength work can go on meanwhile, as long as they do not hurt."
    )


def no_improvement_reason(history: History, started: date, today: date, weeks: int) -> str | None:
    if (today - started).days < 7 * weeks:
        return None
    ratings = history.ratings
    first = [v for d, v in ratings.items() if started <= d < started + timedelta(days=7)]
    last = [v for d, v in ratings.items() if today - timedelta(days=6) <= d <= today]
    if not first or not last:
        return None
    from statistics import mean  # only weeks into a programme: not on every start's Today

    if mean(last) <= mean(first) - IMPROVED_BY:
        return None
    if _onset_later(history, started, today):
        return None
    return (
        f"After {weeks} weeks the soreness is no lower (about {mean(first):.1f} of 10 in the first "
        f"week, {mean(last):.1f} in the last) and pain still starts as early in a run. When four "
        "to six weeks of well-done rehab bring no change, S3 suggests a sports medicine doctor or "
        "a physiotherapist, who can look for what this programme cannot see."
    )


def _onset_later(history: History, started: date, today: date) -> bool:
    """Whether pain now starts later in a run than at first, or the latest runs had none."""
    runs = [r for r in history.runs if started <= r.day <= today]
    if not runs:
        return False
    recent = [r for r in runs if r.day >= today - timedelta(days=13)]
    if recent and not any(r.pain_started for r in recent):
        return True
    onsets = [r.pain_started_min for r in runs if r.pain_started_min is not None]
    return len(onsets) >= 2 and onsets[-1] > onsets[0]
