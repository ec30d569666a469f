"""Recovery copies of unsaved Author text: one small JSON file per lesson being edited.

Kept on the same pause after typing as the check, so a crash or a power cut loses at most the
last few keystrokes; the next start offers the text back. The copies are written and removed by
the app's one writer (``later``, the journal's), in order with the script's saves: a copy kept
before a save lands before it, and one let go after a save is removed only once the script is
on disk, never on the window's thread. A copy that cannot be written is let go silently: it is
a safety net, and failing to write it must not disturb typing.

A copy is named by the lesson's file name and a short digest of the file's resolved path
(``draft.lesson.1f0c2a9b3e.recovery.json``), so two lessons of one name in different folders
keep a copy each. Copies kept before that were named by the file name alone; they are still
found and offered, and the one of a lesson is let go with its own once the lesson is saved
(only when it is that lesson's: the copy says which file it holds).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from lesson_engine.journal.writer import Later, at_once
from lesson_engine.storage import ensure_private_dir, write_atomically

SUFFIX = ".recovery.json"
UNTITLED = "untitled.lesson"
DIGEST = 10
"""Hex digits of the path's digest in a copy's name: enough that two folders never meet."""


class RecoveryCopies:
    def __init__(self, folder: Path, later: Later = at_once) -> None:
        """``later`` runs each write after every one asked before it (by default, at once)."""
        self.folder = folder
        self._later = later

    def file_for(self, path: Path | None) -> Path:
        """The copy of ``path``'s unsaved text (on the writer: the path is resolved)."""
        if path is None:
            return self.folder / f"{UNTITLED}{SUFFIX}"
        digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:DIGEST]
        return self.folder / f"{path.name}.{digest}{SUFFIX}"

    def _kept_before(self, path: Path | None) -> Path | None:
        """The copy of ``path`` as Seesaw named it before the digest, if there is one and it
        holds ``path``'s text (another folder's lesson of that name may have kept it)."""
        if path is None:
            return None  # named as it always was
        copy = self.folder / f"{path.name}{SUFFIX}"
        try:
            _, kept_for = self.read(copy)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # none, or not one to judge: kept, never lost
        return copy if kept_for is not None and kept_for.resolve() == path.resolve() else None

    def keep(self, path: Path | None, text: str) -> None:
        """Have a copy of ``text`` written, after every write asked before it."""
        self._later(lambda: self.write_quietly(path, text))

    def clear(self, path: Path | None) -> None:
        """Have the copy for ``path`` removed, after every write asked before it."""
        self._later(lambda: self.remove(path))

    def write(self, path: Path | None, text: str) -> None:
        """Write the copy here and now (on the writer); raises OSError."""
        ensure_private_dir(self.folder)
        record = {"path": str(path) if path else None, "text": text}
        write_atomically(self.file_for(path), json.dumps(record).encode("utf-8"))

    def write_quietly(self, path: Path | None, text: str) -> bool:
        """``write``, saying whether the copy is on disk instead of raising."""
        try:
            self.write(path, text)
        except OSError:
            return False  # a safety net: failing to write it must not disturb typing
        return True

    def remove(self, path: Path | None) -> None:
        """Remove the copy here and now; one that will not go is offered again, never lost."""
        with contextlib.suppress(OSError):
            self.file_for(path).unlink(missing_ok=True)
            before = self._kept_before(path)
            if before is not None:
                before.unlink(missing_ok=True)

    def found(self) -> list[Path]:
        """Every copy kept, under either naming."""
        return sorted(self.folder.glob(f"*{SUFFIX}")) if self.folder.is_dir() else []

    @staticmethod
    def read(copy: Path) -> tuple[str, Path | None]:
        """The text kept in ``copy``, and the lesson file it belongs to (None for a new one)."""
        data = json.loads(copy.read_text(encoding="utf-8"))
        return str(data["text"]), Path(data["path"]) if data.get("path") else None
