"""Checks at the journal's door: a clear message and nothing written when input is wrong."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from lesson_engine.journal.records import (
    CROSS_KINDS,
    PLACES,
    RED_FLAGS,
    ROUTES,
    SIDES,
    CrossLog,
    ExerciseLog,
    Note,
    PlanChange,
    ProgrammeChoice,
    RedFlagCheck,
    RunLog,
    SessionEntry,
    Soreness,
)

MAX_NOTE_CHARS = 5_000
MAX_SORENESS = 10
"""Ratings run from 0 (no pain) to this."""
MAX_TEXT_CHARS = 200


class JournalInputError(ValueError):
    """Input the journal refuses; the message is written for the person who typed it."""


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise JournalInputError(message)


# The checks every session, set and note passes, written out as ``if``s: every record read back
# goes through them (``screening``), and a message is only worth composing when it is shown.


def check_level(level: int | None, what: str) -> None:
    if level is None:
        return
    if not isinstance(level, int) or isinstance(level, bool):
        raise JournalInputError(f"{what} must be a whole number from 0 to {MAX_SORENESS}")
    if not 0 <= level <= MAX_SORENESS:
        raise JournalInputError(f"{what} must be from 0 to {MAX_SORENESS}, not {level}")


def check_note(text: str, what: str = "a note") -> None:
    if not isinstance(text, str):
        raise JournalInputError(f"{what} must be text")
    if len(text) > MAX_NOTE_CHARS:
        raise JournalInputError(f"{what} is {len(text)} characters; keep it under {MAX_NOTE_CHARS}")


def check_soreness(soreness: Soreness, what: str) -> None:
    check_level(soreness.level, f"soreness {what}")
    for place in soreness.places:
        if place not in PLACES:
            raise JournalInputError(f"unknown place {place!r} (use {', '.join(PLACES)})")
    if soreness.side is not None and soreness.side not in SIDES:
        raise JournalInputError(f"unknown side {soreness.side!r} (use {', '.join(SIDES)})")


def check_day(day: date, today: date | None, what: str) -> None:
    """``today`` None: a record read back from disk, where a clock set wrong once is no reason
    to hide it."""
    if today is not None and not day <= today:
        raise JournalInputError(f"{what} {day.isoformat()} is in the future")


def check_session(entry: SessionEntry, now: datetime | None) -> None:
    if not entry.lesson_id.strip():
        raise JournalInputError("a session needs a lesson id")
    if len(entry.lesson_title) > MAX_TEXT_CHARS:
        raise JournalInputError("the lesson title is too long")
    if entry.started_at.tzinfo is None or entry.ended_at.tzinfo is None:
        raise JournalInputError("session times need a time zone")
    if not entry.started_at <= entry.ended_at:
        raise JournalInputError("a session cannot end before it starts")
    if now is not None and not entry.started_at <= now:
        raise JournalInputError(
            f"the session start {entry.started_at.isoformat()} is in the future"
        )
    if not 0.0 <= entry.completed_fraction <= 1.0:
        raise JournalInputError("the completed part must be between 0 and 1")
    if not (entry.rests_taken >= 0 and entry.rested_ms >= 0):
        raise JournalInputError("rests cannot be negative")
    check_soreness(entry.before, "before")
    check_soreness(entry.after, "after")
    check_note(entry.note)


def check_exercise_log(log: ExerciseLog, today: date | None, known: Collection[str] | None) -> None:
    if known is not None and log.exercise_id not in known:
        raise JournalInputError(f"unknown exercise {log.exercise_id!r}")
    check_day(log.day, today, "the date")
    if not 1 <= log.sets <= 20:
        raise JournalInputError(f"sets must be from 1 to 20, not {log.sets}")
    if log.reps is None and log.hold_s is None:
        raise JournalInputError("give the repetitions or the hold time")
    if log.reps is not None and not 1 <= log.reps <= 200:
        raise JournalInputError(f"repetitions must be from 1 to 200, not {log.reps}")
    if log.hold_s is not None and not 1 <= log.hold_s <= 600:
        raise JournalInputError(f"a hold must be from 1 to 600 seconds, not {log.hold_s}")
    if len(log.load) > MAX_TEXT_CHARS:
        raise JournalInputError("the load or band description is too long")
    check_level(log.soreness, "soreness")
    if log.side is not None and log.side not in SIDES:
        raise JournalInputError(f"unknown side {log.side!r} (use {', '.join(SIDES)})")
    check_note(log.note)


def check_free_note(note: Note, today: date | None) -> None:
    check_day(note.day, today, "the date")
    if not note.text.strip():
        raise JournalInputError("the note is empty")
    check_note(note.text)


MAX_RUN_MINUTES = 600
MAX_RUN_KM = 200.0


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_run(run: RunLog, today: date | None) -> None:
    check_day(run.day, today, "the date")
    _check(
        _number(run.minutes) and 0 < run.minutes <= MAX_RUN_MINUTES,
        f"a run lasts more than 0 and at most {MAX_RUN_MINUTES} minutes",
    )
    _check(
        run.distance_km is None or (_number(run.distance_km) and 0 < run.distance_km <= MAX_RUN_KM),
        f"the distance must be more than 0 and at most {MAX_RUN_KM:.0f} km",
    )
    unknown = [r for r in run.routes if r not in ROUTES]
    _check(
        not unknown, f"unknown route {unknown[0]!r} (use {', '.join(ROUTES)})" if unknown else ""
    )
    check_level(run.pain_during, "pain during the run")
    check_level(run.pain_after, "pain after the run")
    check_level(run.pain_next_morning, "pain the next morning")
    _check(
        run.pain_started_min is None
        or (_number(run.pain_started_min) and 0 <= run.pain_started_min <= run.minutes),
        "pain can only start during the run (from 0 to its length in minutes)",
    )
    _check(
        run.pain_started_km is None
        or (
            _number(run.pain_started_km)
            and 0 <= run.pain_started_km <= (run.distance_km or MAX_RUN_KM)
        ),
        "pain can only start within the run's distance",
    )
    check_note(run.note)


def check_cross(log: CrossLog, today: date | None) -> None:
    check_day(log.day, today, "the date")
    _check(log.kind in CROSS_KINDS, f"unknown kind {log.kind!r} (use {', '.join(CROSS_KINDS)})")
    _check(
        isinstance(log.minutes, int) and 0 < log.minutes <= MAX_RUN_MINUTES,
        f"cross-training lasts from 1 to {MAX_RUN_MINUTES} minutes",
    )
    check_note(log.note)


def check_red_flags(check: RedFlagCheck, today: date | None) -> None:
    check_day(check.day, today, "the date")
    unknown = [f for f in check.flags if f not in RED_FLAGS]
    _check(
        not unknown, f"unknown sign {unknown[0]!r} (use {', '.join(RED_FLAGS)})" if unknown else ""
    )


def check_choice(choice: ProgrammeChoice, today: date | None) -> None:
    check_day(choice.day, today, "the date")
    _check(bool(choice.programme_id.strip()), "a programme choice needs the programme's id")
    _check(isinstance(choice.phase, int) and 0 <= choice.phase <= 50, "no such phase")
    _check(
        choice.usual_weekly_minutes is None
        or (
            isinstance(choice.usual_weekly_minutes, int) and 0 < choice.usual_weekly_minutes <= 3000
        ),
        "a usual week of running is from 1 to 3000 minutes",
    )


def check_plan_change(change: PlanChange, today: date | None) -> None:
    _check(change.action in ("skip", "move"), f"unknown change {change.action!r} (skip or move)")
    _check(bool(change.activity.strip()), "a plan change names the session it changes")
    _check(
        (change.action == "move") == (change.to_day is not None),
        "a move needs the day it moves to, and only a move has one",
    )
