"""Reading every stored record back before the app sees it, and setting aside the ones that fail.

One record edited by hand, cut short by a failing disk or written by a buggy version must never
cost the others, nor stop Seesaw from starting: each record of each year file is decoded and
checked as the journal would check it on the way in (apart from dates in the future: a clock set
wrong once is no reason to hide a note). A record that fails is copied, with the reason and where
it was, into ``set-aside.json`` beside the journal (durably, and before anything else changes),
then removed from its year file. The learner is told once, in words; the record itself stays on
disk for ``seesaw journal check`` or a person to look at.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lesson_engine.journal.codec import BadRecord, log_from_doc, note_from_doc, session_from_doc
from lesson_engine.journal.kinds import KINDS, Kind
from lesson_engine.journal.records import ExerciseLog, Note, SessionEntry
from lesson_engine.journal.validation import (
    JournalInputError,
    check_exercise_log,
    check_free_note,
    check_session,
)
from lesson_engine.storage import write_atomically

SET_ASIDE_NAME = "set-aside.json"


def _session(doc: dict[str, Any], record_id: str) -> SessionEntry:
    entry = session_from_doc(doc, record_id)
    check_session(entry, None)
    return entry


def _log(doc: dict[str, Any], record_id: str) -> ExerciseLog:
    log = log_from_doc(doc, record_id)
    check_exercise_log(log, None, None)  # a retired exercise is still history
    return log


def _note(doc: dict[str, Any], record_id: str) -> Note:
    note = note_from_doc(doc, record_id)
    check_free_note(note, None)
    return note


def _reader(kind: Kind[Any]) -> Callable[[dict[str, Any], str], Any]:
    def read(doc: dict[str, Any], record_id: str) -> Any:
        record = kind.from_doc(doc, record_id)
        kind.check(record, None)
        return record

    return read


Record = SessionEntry | ExerciseLog | Note | Any
READERS: dict[str, tuple[str, Callable[[dict[str, Any], str], Record]]] = {
    "sessions": ("a session", _session),
    "exercise_logs": ("an exercise log", _log),
    "notes": ("a note", _note),
    **{kind.table: (kind.name, _reader(kind)) for kind in KINDS},
}
"""Each table the journal keeps, what one of its records is called, and how it is read back."""


@dataclass(frozen=True)
class SetAside:
    file: str
    table: str
    doc_id: str
    reason: str
    record: Any

    @property
    def described(self) -> str:
        what = READERS[self.table][0] if self.table in READERS else f"a {self.table} record"
        return f"{what} in {self.file} ({self.reason})"

    def to_dict(self, when: datetime) -> dict[str, Any]:
        return {
            "file": self.file,
            "table": self.table,
            "id": self.doc_id,
            "reason": self.reason,
            "record": self.record,
            "set_aside_at": when.isoformat(),
        }


def read_record(table: str, doc_id: str, doc: Any, id_prefix: str = "") -> Record | str:
    """The stored record as the app uses it (its id ``id_prefix + doc_id``), or why it cannot be."""
    if not doc_id.isdecimal():
        return f"its number {doc_id!r} is not a record number"
    if not isinstance(doc, dict):
        return "it is not a record"
    try:
        return READERS[table][1](doc, id_prefix + doc_id)
    except (BadRecord, JournalInputError) as exc:
        return str(exc)


def problem_with(table: str, doc_id: str, doc: Any) -> str | None:
    """Why this stored record cannot be used, or None when it can."""
    read = read_record(table, doc_id, doc)
    return read if isinstance(read, str) else None


@dataclass
class Screened:
    kept: dict[str, Any]
    """The file's data without its unusable records (unknown tables untouched)."""
    set_aside: list[SetAside]
    records: dict[str, list[Record]]
    """Each known table's records, read back once here so the journal need not read them again."""


def screen(file: str, data: dict[str, dict[str, Any]], id_prefix: str = "") -> Screened:
    result = Screened({}, [], {})
    for table, docs in data.items():
        if table not in READERS:
            result.kept[table] = docs
            continue
        kept: dict[str, Any] = {}
        records: list[Record] = []
        for doc_id, doc in docs.items():
            read = read_record(table, doc_id, doc, id_prefix)
            if isinstance(read, str):
                result.set_aside.append(SetAside(file, table, doc_id, read, doc))
            else:
                kept[doc_id] = doc
                records.append(read)
        result.kept[table] = kept
        result.records[table] = records
    return result


def keep_set_aside(folder: Path, records: list[SetAside], when: datetime) -> Path:
    """Add ``records`` to the journal's set-aside file (once each), durably; returns its path."""
    path = folder / SET_ASIDE_NAME
    existing: list[Any] = []
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            loaded = None
        if isinstance(loaded, list):
            existing = loaded
        else:  # damaged itself, or no list: keep it under another name, start a new list
            path.replace(path.with_name(f"set-aside.damaged-{when:%Y%m%d-%H%M%S}.json"))
    seen = {
        (e.get("file"), e.get("table"), e.get("id"), json.dumps(e.get("record"), sort_keys=True))
        for e in existing
        if isinstance(e, dict)
    }
    for record in records:
        key = (record.file, record.table, record.doc_id, json.dumps(record.record, sort_keys=True))
        if key not in seen:
            seen.add(key)
            existing.append(record.to_dict(when))
    write_atomically(path, json.dumps(existing, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def set_aside_message(records: list[SetAside]) -> str:
    """What the learner reads, once: how many, which, and that they were kept."""
    first = records[0].described
    if len(records) == 1:
        return (
            f"One record in your journal could not be read: {first}. It was set aside, kept in "
            f"{SET_ASIDE_NAME} in the journal folder; everything else is here."
        )
    return (
        f"{len(records)} records in your journal could not be read, the first {first}. They "
        f"were set aside, kept in {SET_ASIDE_NAME} in the journal folder; everything else is here."
    )
