"""Changing a stored record by its id, and undoing a change: the rules Undo relies on.

A record's id is ``<year>-<number>`` (``2026-3``). A correction replaces the whole record in one
durable write and hands back the record as it was; a deletion hands back the whole record; either
can be undone exactly, and a record deleted since a correction comes back as it was before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from typing import Any

from lesson_engine.journal.records import Removed, Replaced
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.journal.years import RECORD_NAMES, Years

Change = Callable[[MutableMapping[str, Any]], None]


def split_id(record_id: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d+)", record_id)
    if not match:
        raise JournalInputError(f"{record_id!r} is not a journal record id")
    return int(match.group(1)), int(match.group(2))


def swap(replacement: dict[str, Any]) -> Change:
    """A change that makes a record hold exactly ``replacement`` (TinyDB's update only merges)."""

    def change(doc: MutableMapping[str, Any]) -> None:
        doc.clear()
        doc.update(replacement)

    return change


def _stored(years: Years, table: str, record_id: str) -> tuple[int, int, dict[str, Any]]:
    year, doc_id = split_id(record_id)
    doc = years.get(year, table, doc_id)
    if doc is None:
        raise JournalInputError(
            f"no {RECORD_NAMES.get(table, 'record')} {record_id!r} in the journal"
        )
    return year, doc_id, doc


def replace_record(years: Years, table: str, record_id: str, change: Change) -> Replaced:
    """Change one record in a single durable write; returns it as it was, for Undo."""
    year, doc_id, doc = _stored(years, table, record_id)
    years.update(year, table, doc_id, change)
    return Replaced(table, year, doc_id, doc)


def remove_record(years: Years, table: str, record_id: str) -> Removed:
    year, doc_id, doc = _stored(years, table, record_id)
    years.remove(year, table, doc_id)
    return Removed(table, year, doc_id, doc)


def undo_change(years: Years, change: Removed | Replaced) -> None:
    """A deletion: the record returns under its own number (a new one if that was reused). A
    correction: the record as it was, in one write (and back again if deleted since)."""
    if isinstance(change, Removed) or years.get(change.year, change.table, change.doc_id) is None:
        years.put(change.year, change.table, change.doc_id, change.doc)
    else:
        years.update(change.year, change.table, change.doc_id, swap(change.doc))
