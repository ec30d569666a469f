"""Records to plain JSON documents and back. Dates are ISO strings, so the file stays readable.

Reading back is strict: a file edited by hand, damaged, or written by a buggy version may hold a
field of the wrong type, and a value that came from disk must never reach the app unchecked. Each
reader raises ``BadRecord`` naming the field; ``screening`` sets such a record aside.

The values a journal repeats in nearly every record (a lesson's id and title, an exercise, a
soreness rating and where) are read back as one shared object each (``_shared``; records and their
parts are frozen, so sharing is safe): ten years of them cost one object, not thousands, in
memory and in the cache of checked records (``checked_cache``).
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Any

from lesson_engine.journal.records import (
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


class BadRecord(ValueError):
    """A stored record that cannot be read back; the message names the field and its value."""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@functools.lru_cache(maxsize=1024)
def _shared(text: str) -> str:
    """The first of equal texts read back, for every later one (of a bounded number of them)."""
    return text


_MISSING: Any = object()
"""What ``dict.get`` returns for a field the record does not have (``None`` is a stored value)."""


def _text(doc: dict[str, Any], key: str, default: str | None = None) -> str:
    """The text ``doc[key]``; without a ``default`` the field must be there."""
    value = doc.get(key, _MISSING if default is None else default)
    if isinstance(value, str):
        return value
    if value is _MISSING:
        raise BadRecord(f"'{key}' is missing")
    raise BadRecord(f"'{key}' is not text: {_shown(value)}")


def _whole(doc: dict[str, Any], key: str, default: int | None = None) -> int:
    """The whole number ``doc[key]`` (true and false are not numbers); as ``_text``."""
    value = doc.get(key, _MISSING if default is None else default)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is _MISSING:
        raise BadRecord(f"'{key}' is missing")
    raise BadRecord(f"'{key}' is not a whole number: {_shown(value)}")


def _optional_text(doc: dict[str, Any], key: str) -> str | None:
    value = doc.get(key)
    return None if value is None else _text(doc, key)


def _optional_whole(doc: dict[str, Any], key: str) -> int | None:
    value = doc.get(key)
    return None if value is None else _whole(doc, key)


def _moment(doc: dict[str, Any], key: str) -> datetime:
    value = _text(doc, key)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise BadRecord(f"'{key}' is not a date and time: {_shown(value)}") from None


def _day(doc: dict[str, Any], key: str) -> date:
    value = _text(doc, key)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRecord(f"'{key}' is not a date: {_shown(value)}") from None


def _soreness(value: Soreness) -> dict[str, Any]:
    return {"level": value.level, "places": list(value.places), "side": value.side}


def _soreness_from(data: Any, key: str) -> Soreness:
    if data is None:
        return _soreness_of(None, (), None)
    if not isinstance(data, dict):
        raise BadRecord(f"'{key}' is not a soreness rating: {_shown(data)}")
    places = data.get("places", [])
    if not isinstance(places, list):
        raise BadRecord(f"'{key}' places are not a list of places: {_shown(places)}")
    for place in places:
        if not isinstance(place, str):
            raise BadRecord(f"'{key}' places are not a list of places: {_shown(places)}")
    side = data.get("side")
    if side is not None and not isinstance(side, str):
        raise BadRecord(f"'{key}' side is not text: {_shown(side)}")
    return _soreness_of(_optional_whole(data, "level"), tuple(places), side)


@functools.lru_cache(maxsize=1024)
def _soreness_of(level: int | None, places: tuple[str, ...], side: str | None) -> Soreness:
    return Soreness(level, places, side)


def session_to_doc(entry: SessionEntry) -> dict[str, Any]:
    return {
        "lesson_id": entry.lesson_id,
        "lesson_title": entry.lesson_title,
        "started_at": entry.started_at.isoformat(),
        "ended_at": entry.ended_at.isoformat(),
        "completed": entry.completed,
        "completed_fraction": round(entry.completed_fraction, 4),
        "rests_taken": entry.rests_taken,
        "rested_ms": entry.rested_ms,
        "before": _soreness(entry.before),
        "after": _soreness(entry.after),
        "note": entry.note,
        "skipped_sections": list(entry.skipped_sections),
    }


def session_from_doc(doc: dict[str, Any], doc_id: str) -> SessionEntry:
    fraction = doc.get("completed_fraction", 0.0)
    if not isinstance(fraction, (int, float)) or isinstance(fraction, bool):
        raise BadRecord(f"'completed_fraction' is not a number: {_shown(fraction)}")
    completed = doc.get("completed", False)
    if not isinstance(completed, bool):
        raise BadRecord(f"'completed' is not true or false: {_shown(completed)}")
    return SessionEntry(
        lesson_id=_shared(_text(doc, "lesson_id")),
        lesson_title=_shared(_text(doc, "lesson_title", "")),
        started_at=_moment(doc, "started_at"),
        ended_at=_moment(doc, "ended_at"),
        completed=completed,
        completed_fraction=float(fraction),
        rests_taken=_whole(doc, "rests_taken", 0),
        rested_ms=_whole(doc, "rested_ms", 0),
        before=_soreness_from(doc.get("before"), "before"),
        after=_soreness_from(doc.get("after"), "after"),
        note=_text(doc, "note", ""),
        id=doc_id,
        skipped_sections=_titles(doc.get("skipped_sections", [])),
    )


def _titles(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise BadRecord(f"'skipped_sections' is not a list of titles: {_shown(value)}")
    return tuple(value)


def log_to_doc(log: ExerciseLog) -> dict[str, Any]:
    return {
        "exercise_id": log.exercise_id,
        "day": log.day.isoformat(),
        "sets": log.sets,
        "reps": log.reps,
        "hold_s": log.hold_s,
        "load": log.load,
        "soreness": log.soreness,
        "note": log.note,
        "side": log.side,
    }


def log_from_doc(doc: dict[str, Any], doc_id: str) -> ExerciseLog:
    return ExerciseLog(
        exercise_id=_shared(_text(doc, "exercise_id")),
        day=_day(doc, "day"),
        sets=_whole(doc, "sets"),
        reps=_optional_whole(doc, "reps"),
        hold_s=_optional_whole(doc, "hold_s"),
        load=_shared(_text(doc, "load", "")),
        soreness=_optional_whole(doc, "soreness"),
        note=_text(doc, "note", ""),
        id=doc_id,
        side=_optional_text(doc, "side"),
    )


def note_to_doc(note: Note) -> dict[str, Any]:
    return {"day": note.day.isoformat(), "text": note.text}


def note_from_doc(doc: dict[str, Any], doc_id: str) -> Note:
    return Note(_day(doc, "day"), _text(doc, "text"), doc_id)


def _optional_number(doc: dict[str, Any], key: str) -> float | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise BadRecord(f"'{key}' is not a number: {_shown(value)}")
    return float(value)


def _words(doc: dict[str, Any], key: str) -> tuple[str, ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRecord(f"'{key}' is not a list of words: {_shown(value)}")
    return tuple(value)


def run_to_doc(run: RunLog) -> dict[str, Any]:
    return {
        "day": run.day.isoformat(),
        "minutes": run.minutes,
        "distance_km": run.distance_km,
        "routes": list(run.routes),
        "pain_during": run.pain_during,
        "pain_started_min": run.pain_started_min,
        "pain_started_km": run.pain_started_km,
        "pain_after": run.pain_after,
        "pain_next_morning": run.pain_next_morning,
        "walk_breaks": run.walk_breaks,
        "note": run.note,
    }


def run_from_doc(doc: dict[str, Any], doc_id: str) -> RunLog:
    minutes = _optional_number(doc, "minutes")
    if minutes is None:
        raise BadRecord("'minutes' is missing")
    walk_breaks = doc.get("walk_breaks", False)
    if not isinstance(walk_breaks, bool):
        raise BadRecord(f"'walk_breaks' is not true or false: {_shown(walk_breaks)}")
    return RunLog(
        day=_day(doc, "day"),
        minutes=minutes,
        distance_km=_optional_number(doc, "distance_km"),
        routes=_words(doc, "routes"),
        pain_during=_optional_whole(doc, "pain_during"),
        pain_started_min=_optional_number(doc, "pain_started_min"),
        pain_started_km=_optional_number(doc, "pain_started_km"),
        pain_after=_optional_whole(doc, "pain_after"),
        pain_next_morning=_optional_whole(doc, "pain_next_morning"),
        walk_breaks=walk_breaks,
        note=_text(doc, "note", ""),
        id=doc_id,
    )


def cross_to_doc(log: CrossLog) -> dict[str, Any]:
    return {"day": log.day.isoformat(), "kind": log.kind, "minutes": log.minutes, "note": log.note}


def cross_from_doc(doc: dict[str, Any], doc_id: str) -> CrossLog:
    return CrossLog(
        _day(doc, "day"), _text(doc, "kind"), _whole(doc, "minutes"), _text(doc, "note", ""), doc_id
    )


def flags_to_doc(check: RedFlagCheck) -> dict[str, Any]:
    return {"day": check.day.isoformat(), "flags": list(check.flags)}


def flags_from_doc(doc: dict[str, Any], doc_id: str) -> RedFlagCheck:
    return RedFlagCheck(_day(doc, "day"), _words(doc, "flags"), doc_id)


def choice_to_doc(choice: ProgrammeChoice) -> dict[str, Any]:
    return {
        "day": choice.day.isoformat(),
        "programme_id": choice.programme_id,
        "phase": choice.phase,
        "usual_weekly_minutes": choice.usual_weekly_minutes,
    }


def choice_from_doc(doc: dict[str, Any], doc_id: str) -> ProgrammeChoice:
    return ProgrammeChoice(
        _day(doc, "day"),
        _text(doc, "programme_id"),
        _whole(doc, "phase", 0),
        _optional_whole(doc, "usual_weekly_minutes"),
        doc_id,
    )


def change_to_doc(change: PlanChange) -> dict[str, Any]:
    return {
        "day": change.day.isoformat(),
        "activity": change.activity,
        "action": change.action,
        "to_day": change.to_day.isoformat() if change.to_day else None,
    }


def change_from_doc(doc: dict[str, Any], doc_id: str) -> PlanChange:
    to_day = _day(doc, "to_day") if doc.get("to_day") is not None else None
    return PlanChange(
        _day(doc, "day"), _text(doc, "activity"), _text(doc, "action"), to_day, doc_id
    )
