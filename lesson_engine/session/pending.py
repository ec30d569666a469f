"""Sessions the journal could not take yet: kept in memory, tried again, or written elsewhere.

A full or read-only disk must not cost a learner the session they just finished, nor its note.
When the journal's write fails, the record waits here (with what to do once it is stored: clear
the saved place, or keep it to continue from) and is tried again later; if Seesaw is closed first,
the learner can write the waiting records to a file of their choosing, in the journal's own record
format, so nothing typed is lost.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lesson_engine.journal.codec import session_to_doc
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import SessionEntry
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.storage import write_atomically, write_problem_in_words

UNSAVED_FORMAT = "seesaw-unsaved-sessions"


@dataclass(frozen=True)
class Waiting:
    record: SessionEntry
    then: Callable[[], None]
    """Run once the record is in the journal (the saved place is settled only after that)."""


class PendingSessions:
    def __init__(self) -> None:
        self.waiting: list[Waiting] = []
        self.problem = ""
        """The last write problem, in words ("the disk is full"); empty when none is waiting."""
        self.refused: list[tuple[SessionEntry, str]] = []
        """Records the journal will never take, and why; the app tells the learner and empties it."""

    def __len__(self) -> int:
        return len(self.waiting)

    def store(
        self, journal: Journal, record: SessionEntry, then: Callable[[], None]
    ) -> SessionEntry | None:
        """Add ``record`` and run ``then``; if the disk refuses, keep both for ``retry``.

        Records wait in order: a new one never overtakes one still waiting. A record the journal
        refuses for what it holds (not for the disk) lands in ``refused``, with the reason.
        """
        self.add(record, then)
        saved = self.retry(journal)
        return saved[-1] if saved and saved[-1].started_at == record.started_at else None

    def add(self, record: SessionEntry, then: Callable[[], None]) -> None:
        """Queue ``record`` behind those already waiting; ``retry`` stores them in order."""
        self.waiting.append(Waiting(record, then))

    def retry(self, journal: Journal) -> list[SessionEntry]:
        """Store what waits, oldest first, until the disk refuses again; returns what was stored."""
        stored: list[SessionEntry] = []
        while self.waiting:
            first = self.waiting[0]
            try:
                stored.append(journal.add_session(first.record))
            except OSError as exc:
                self.problem = write_problem_in_words(exc)
                break
            except JournalInputError as exc:
                self.refused.append((first.record, str(exc)))
                self.waiting.pop(0)
                continue
            self.waiting.pop(0)
            first.then()
        if not self.waiting:
            self.problem = ""
        return stored

    def move_to(self, path: Path) -> None:
        """Write the waiting records to a file the learner keeps; then they no longer wait here.

        Raises OSError, with every record still waiting, if that write fails too.
        """
        data = {
            "format": UNSAVED_FORMAT,
            "version": 1,
            "sessions": [session_to_doc(w.record) for w in self.waiting],
        }
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        self.let_go()

    def let_go(self) -> None:
        """The learner chose to close without these records (or they were kept elsewhere)."""
        self.waiting.clear()
        self.problem = ""


def read_unsaved(path: Path) -> list[SessionEntry]:
    """The sessions in a file ``move_to`` wrote, read back strictly; raises ValueError (or
    OSError) with the reason in words, and reads nothing in part."""
    from lesson_engine.journal.codec import BadRecord, session_from_doc
    from lesson_engine.journal.validation import check_session

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError(f"{path} is not a file of unsaved sessions (it is not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != UNSAVED_FORMAT:
        raise ValueError(f"{path} is not a file of unsaved sessions written by Seesaw")
    if data.get("version") != 1:
        raise ValueError(f"{path} was written by a newer Seesaw (version {data.get('version')!r})")
    docs = data.get("sessions")
    if not isinstance(docs, list):
        raise ValueError(f"{path} holds no list of sessions")
    sessions = []
    for number, doc in enumerate(docs, start=1):
        try:
            if not isinstance(doc, dict):
                raise BadRecord("it is not a record")
            entry = session_from_doc(doc, "")
            check_session(entry, None)
        except (BadRecord, JournalInputError) as exc:
            raise ValueError(f"session {number} in {path} cannot be read: {exc}") from None
        sessions.append(entry)
    return sessions


def put_back_unsaved(journal: Journal, path: Path) -> tuple[int, int]:
    """Add the file's sessions to the journal, each once (one already there, the same lesson at
    the same moment, is not added again). Returns (added, already there); raises as
    ``read_unsaved`` does, and OSError when the journal cannot be written."""
    sessions = read_unsaved(path)
    present = {(s.lesson_id, s.started_at) for s in journal.sessions()}
    added = 0
    for entry in sessions:
        if (entry.lesson_id, entry.started_at) in present:
            continue
        journal.add_session(entry)
        present.add((entry.lesson_id, entry.started_at))
        added += 1
    return added, len(sessions) - added
