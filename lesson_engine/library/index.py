"""A small on-disk index of lesson headers and lengths, so the library opens without parsing.

Parsing every bundled lesson at start-up costs more than starting Qt. The index remembers, per
file, its size and modification time, the header and the compiled length for one way of timing
(the voice); any difference and the file is parsed again. A damaged or missing index only costs
time: it is rebuilt, never trusted blindly.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lesson_engine.model.header import Header

INDEX_VERSION = 1


@dataclass(frozen=True)
class IndexedLesson:
    size: int
    mtime_ns: int
    timing: str
    header: Header
    length_ms: int
    digest: str


def _header_from(data: dict[str, Any]) -> Header:
    values = dict(data)
    for key in ("tags", "sources", "equipment"):
        values[key] = tuple(values.get(key, ()))
    return Header(**values)


class LibraryIndex:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, IndexedLesson] = {}
        self._dirty = False
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") == INDEX_VERSION:
                for key, item in raw.get("lessons", {}).items():
                    self._entries[key] = IndexedLesson(
                        size=int(item["size"]),
                        mtime_ns=int(item["mtime_ns"]),
                        timing=str(item["timing"]),
                        header=_header_from(item["header"]),
                        length_ms=int(item["length_ms"]),
                        digest=str(item["digest"]),
                    )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._entries = {}

    def lookup(self, path: Path, stat: os.stat_result, timing: str) -> IndexedLesson | None:
        item = self._entries.get(str(path))
        if item and (item.size, item.mtime_ns, item.timing) == (
            stat.st_size,
            stat.st_mtime_ns,
            timing,
        ):
            return item
        return None

    def remember(
        self,
        path: Path,
        stat: os.stat_result,
        timing: str,
        header: Header,
        length_ms: int,
        digest: str,
    ) -> None:
        self._entries[str(path)] = IndexedLesson(
            stat.st_size, stat.st_mtime_ns, timing, header, length_ms, digest
        )
        self._dirty = True

    def save(self) -> None:
        """Write only when something changed; a failure to write is harmless and ignored."""
        if not self._dirty:
            return
        data = {
            "version": INDEX_VERSION,
            "lessons": {
                key: {**asdict(item), "header": asdict(item.header)}
                for key, item in self._entries.items()
            },
        }
        from lesson_engine.storage import (
            write_atomically,  # only when writing: the first paint reads
        )

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(data).encode("utf-8"))
            self._dirty = False
        except OSError:
            pass
