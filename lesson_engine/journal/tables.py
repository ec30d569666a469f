"""The journal's tables: what one record of each is called, how its stored document becomes the
record the app uses, and the order the app lists them in.

One entry a table, so the year files (``years``), the journal's lists (``journal``) and the
messages about a record all follow the same table names; the programme's tables come from
``kinds``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lesson_engine.journal.codec import log_from_doc, note_from_doc, session_from_doc
from lesson_engine.journal.kinds import KINDS

SESSIONS, LOGS, NOTES = "sessions", "exercise_logs", "notes"

RECORD_NAMES = {
    SESSIONS: "session",
    LOGS: "set",
    NOTES: "note",
    **{kind.table: kind.name.split(" ", 1)[1] for kind in KINDS},
}
"""Each table's record, in words, for messages ("no session '2026-4' in the journal")."""

DECODERS: dict[str, Callable[[dict[str, Any], str], Any]] = {
    SESSIONS: session_from_doc,
    LOGS: log_from_doc,
    NOTES: note_from_doc,
    **{kind.table: kind.from_doc for kind in KINDS},
}
"""How a stored document becomes a record (with its id, ``2026-3``); it raises ``BadRecord``
for a document it cannot read, which only a file changed outside Seesaw holds."""

ORDER: dict[str, Callable[[Any], Any]] = {
    SESSIONS: lambda s: s.started_at,
    LOGS: lambda log: log.day,
    NOTES: lambda n: n.day,
    **{kind.table: kind.day for kind in KINDS},
}
"""The order the app lists each table's records in: by when they happened, oldest first."""
