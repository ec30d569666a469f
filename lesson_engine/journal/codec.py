"""Records to plain JSON documents and back. Dates are ISO strings, so the file stays readable."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from lesson_engine.journal.records import ExerciseLog, Note, SessionEntry, Soreness


def _soreness(value: Soreness) -> dict[str, Any]:
    return {"level": value.level, "places": list(value.places), "side": value.side}


def _soreness_from(data: Any) -> Soreness:
    if not isinstance(data, dict):
        return Soreness()
    return Soreness(data.get("level"), tuple(data.get("places", ())), data.get("side"))


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
    }


def session_from_doc(doc: dict[str, Any], doc_id: str) -> SessionEntry:
    return SessionEntry(
        lesson_id=str(doc["lesson_id"]),
        lesson_title=str(doc.get("lesson_title", "")),
        started_at=datetime.fromisoformat(doc["started_at"]),
        ended_at=datetime.fromisoformat(doc["ended_at"]),
        completed=bool(doc.get("completed", False)),
        completed_fraction=float(doc.get("completed_fraction", 0.0)),
        rests_taken=int(doc.get("rests_taken", 0)),
        rested_ms=int(doc.get("rested_ms", 0)),
        before=_soreness_from(doc.get("before")),
        after=_soreness_from(doc.get("after")),
        note=str(doc.get("note", "")),
        id=doc_id,
    )


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
    }


def log_from_doc(doc: dict[str, Any], doc_id: str) -> ExerciseLog:
    return ExerciseLog(
        exercise_id=str(doc["exercise_id"]),
        day=date.fromisoformat(doc["day"]),
        sets=int(doc["sets"]),
        reps=doc.get("reps"),
        hold_s=doc.get("hold_s"),
        load=str(doc.get("load", "")),
        soreness=doc.get("soreness"),
        note=str(doc.get("note", "")),
        id=doc_id,
    )


def note_to_doc(note: Note) -> dict[str, Any]:
    return {"day": note.day.isoformat(), "text": note.text}


def note_from_doc(doc: dict[str, Any], doc_id: str) -> Note:
    return Note(date.fromisoformat(doc["day"]), str(doc["text"]), doc_id)
