"""How a programme's parts read in a sentence: a day, a run stage, a planned session."""

from __future__ import annotations

from datetime import date

from lesson_engine.programme.model import RunStage


def day_name(day: date) -> str:
    """ "Tuesday 3 November": the way decisions name the day of a run."""
    return f"{day:%A} {day.day} {day:%B}"


def minutes(seconds: int) -> str:
    """90 → "1½ min", 120 → "2 min", 45 → "45 s"."""
    if seconds < 60:
        return f"{seconds} s"
    whole, rest = divmod(seconds, 60)
    if rest == 30:
        return f"{whole}½ min"
    if rest:
        return f"{whole} min {rest} s"
    return f"{whole} min"


def stage_text(stage: RunStage) -> str:
    """ "run 1 min, walk 2 min, 5 times (15 min)" or "run 20 min without stopping"."""
    if stage.walk_s == 0 and stage.rounds == 1:
        return f"run {minutes(stage.run_s)} without stopping"
    if stage.walk_s == 0:
        return f"run {minutes(stage.run_s)}, {stage.rounds} times"
    return (
        f"run {minutes(stage.run_s)}, walk {minutes(stage.walk_s)}, {stage.rounds} times "
        f"({minutes(stage.total_s)} in all)"
    )
