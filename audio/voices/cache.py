"""Synthesised speech kept on disk, so a lesson heard once starts instantly the next time.

Keyed by a hash of (text, voice, speed); a clip's length is known from its file size without
reading it, which is how the timeline learns real cue lengths cheaply. Writes are atomic (a crash
never leaves half a clip), and the folder is kept under a size limit by dropping the clips used
least recently (each read touches the file's time).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from audio.pcm import SAMPLE_BYTES, Clip, frames_to_ms
from lesson_engine.storage import write_atomically

DEFAULT_LIMIT_BYTES = 500_000_000


def clip_key(text: str, voice: str, speed: float) -> str:
    return hashlib.sha256(f"{voice}\x1f{speed:.2f}\x1fpcm16-22050\x1f{text}".encode()).hexdigest()


class ClipCache:
    def __init__(self, folder: Path, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self.folder = folder
        self.limit_bytes = limit_bytes

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pcm"

    def duration_ms(self, key: str) -> int | None:
        try:
            return frames_to_ms(self._path(key).stat().st_size // SAMPLE_BYTES)
        except OSError:
            return None

    def get(self, key: str) -> Clip | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return Clip(data)

    def put(self, key: str, clip: Clip) -> None:
        """Store a clip; a full disk only means it will be synthesised again next time."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, clip.pcm)
        except OSError:
            return
        self.trim()

    def trim(self) -> None:
        files = [(p.stat().st_atime, p.stat().st_mtime, p) for p in self.folder.glob("*/*.pcm")]
        total = sum(p.stat().st_size for _, _, p in files)
        for _, _, path in sorted(files, key=lambda f: f[1]):
            if total <= self.limit_bytes:
                break
            with contextlib.suppress(OSError):
                total -= path.stat().st_size
                path.unlink()
