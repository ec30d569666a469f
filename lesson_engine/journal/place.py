"""The saved place as the journal keeps it: in memory, on disk, or written behind by the writer.

It is written every 5 s while a lesson plays. With a ``DurableWriter`` attached, ``save`` keeps
the place in memory at once (so whatever asks next sees it) and leaves the file to the writer
thread, in order with every other write; its future says when the fsync returned, or why not.
Without one (the command line, tests of the engine) the write is done on the spot.
"""

from __future__ import annotations

import json
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from lesson_engine.journal.files import (
    clear_saved_place,
    read_saved_place,
    set_place_aside,
    write_saved_place,
)
from lesson_engine.journal.writer import DurableWriter, at_once, done


class SavedPlace:
    def __init__(self, folder: Path | None) -> None:
        """``folder`` None: a journal in memory, whose place is forgotten at exit."""
        self.folder = folder
        self._memory: dict[str, Any] | None = None
        self._writer: DurableWriter | None = None

    def write_behind(self, writer: DurableWriter) -> None:
        """From now on the file is written by ``writer``; memory holds the latest place."""
        if self.folder is not None:
            self._memory = read_saved_place(self.folder)
        self._writer = writer

    def stop_writing_behind(self) -> None:
        self._writer = None

    def save(self, record: dict[str, Any]) -> Future[None]:
        if self.folder is None:
            self._memory = json.loads(json.dumps(record))  # stored as on disk: plain JSON
            return done(None)
        folder = self.folder
        if self._writer is None:
            write_saved_place(folder, record)
            return done(None)
        self._memory = record
        return self._writer.submit(lambda: write_saved_place(folder, record))

    def load(self) -> dict[str, Any] | None:
        if self.folder is None or self._writer is not None:
            return self._memory
        return read_saved_place(self.folder)

    def set_aside(self, stamp: str) -> Future[Path | None]:
        """Forget the place now and keep its file under another name (``files.set_place_aside``),
        after any write still queued: on the writer when one is attached. The future holds where
        it went (None for a journal in memory) or the OSError that stopped it."""
        self._memory = None
        folder = self.folder
        if folder is None:
            return done(None)

        def move() -> Path | None:
            return set_place_aside(folder, stamp)

        return at_once(move) if self._writer is None else self._writer.submit(move)

    def clear(self) -> Future[None]:
        self._memory = None
        if self.folder is None:
            return done(None)
        folder = self.folder
        if self._writer is None:
            clear_saved_place(folder)
            return done(None)
        return self._writer.submit(lambda: clear_saved_place(folder))
