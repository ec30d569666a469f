"""Words being typed into the journal, kept on disk as they are typed, so a crash never takes them.

A note dialog open when the power goes, or when Seesaw is killed, leaves its text here
(``drafts.json`` beside the journal, written durably); the next time that dialog opens, it opens
with those words. Saving or cancelling the dialog drops the draft. A draft that cannot be written
is only a lost safety net, never a lost note: the words are still in the dialog.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from lesson_engine.journal.writer import DurableWriter
from lesson_engine.storage import write_atomically

DRAFTS_NAME = "drafts.json"
NEW_NOTE = "note:new"


def session_note_key(session_id: str) -> str:
    return f"session-note:{session_id}"


def note_key(note_id: str) -> str:
    """A dated note being changed (``NEW_NOTE`` is one being written)."""
    return f"note:{note_id}"


class Drafts:
    def __init__(self, folder: Path | None, stamp: str = "") -> None:
        """``folder`` None: kept in memory only (a journal that could not be opened on disk).

        A drafts file Seesaw may not read is left as it is (drafts are then kept in memory only),
        and one that is damaged is kept under another name (``stamp`` in it): either way its words
        are not written over, and ``problem`` says so for the learner."""
        self._path = folder / DRAFTS_NAME if folder is not None else None
        self.writer: DurableWriter | None = None
        """When set, the file is written behind on this thread (a draft is kept every half
        second of typing, and no fsync may hold the window up)."""
        self._texts: dict[str, str] = {}
        self.problem = ""
        if self._path is None or not self._path.exists():
            return
        try:
            loaded = json.loads(self._path.read_text(encoding="utf-8"))
        except ValueError:
            loaded = None
        except OSError as exc:
            self.problem = (
                f"The words kept from notes being typed ({self._path}) could not be read "
                f"({exc.strerror or exc}); the file was left as it is."
            )
            self._path = None
            return
        if isinstance(loaded, dict):
            self._texts = {k: v for k, v in loaded.items() if isinstance(v, str) and v}
            return
        aside = self._path.with_name(f"drafts.damaged-{stamp}.json")
        try:
            os.replace(self._path, aside)
        except OSError:  # left where it is, then, and never written over
            aside, self._path = self._path, None
        self.problem = f"The words kept from notes being typed were damaged; the file was kept as {aside.name}."

    def get(self, key: str) -> str:
        return self._texts.get(key, "")

    def keys(self) -> list[str]:
        return sorted(self._texts)

    def keep(self, key: str, text: str) -> None:
        """Remember ``text`` for ``key`` (an empty text drops it). Raises OSError when the disk
        refuses; the text is remembered in memory all the same."""
        if text.strip():
            self._texts[key] = text
        else:
            self._texts.pop(key, None)
        self._write()

    def drop(self, key: str) -> None:
        if self._texts.pop(key, None) is not None:
            self._write()

    def _write(self) -> None:
        path = self._path
        if path is None:
            return
        data = json.dumps(self._texts, ensure_ascii=False, indent=1).encode("utf-8")
        if self.writer is None:
            write_atomically(path, data)
        else:  # a refusal is only a lost safety net: the words are still in the dialog
            self.writer.submit(lambda: write_atomically(path, data))
