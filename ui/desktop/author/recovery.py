"""Recovery copies of unsaved Author text: one small JSON file per lesson being edited.

Written on the same pause after typing as the check, so a crash or a power cut loses at most the
last few keystrokes; the next start offers the text back. A copy that cannot be written is let
go silently: it is a safety net, and failing to write it must not disturb typing.
"""

from __future__ import annotations

import json
from pathlib import Path

from lesson_engine.storage import ensure_private_dir, write_atomically


class RecoveryCopies:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def file_for(self, path: Path | None) -> Path:
        name = path.name if path else "untitled.lesson"
        return self.folder / f"{name}.recovery.json"

    def keep(self, path: Path | None, text: str) -> None:
        try:
            ensure_private_dir(self.folder)
            record = {"path": str(path) if path else None, "text": text}
            write_atomically(self.file_for(path), json.dumps(record).encode("utf-8"))
        except OSError:
            pass  # a safety net: failing to write it must not disturb typing

    def clear(self, path: Path | None) -> None:
        self.file_for(path).unlink(missing_ok=True)

    def found(self) -> list[Path]:
        return sorted(self.folder.glob("*.recovery.json")) if self.folder.is_dir() else []

    @staticmethod
    def read(copy: Path) -> tuple[str, Path | None]:
        """The text kept in ``copy``, and the lesson file it belongs to (None for a new one)."""
        data = json.loads(copy.read_text(encoding="utf-8"))
        return str(data["text"]), Path(data["path"]) if data.get("path") else None
