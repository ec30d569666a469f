"""One writer per journal folder, using an OS lock that dies with its process.

``flock`` is released by the kernel when the holder exits or is killed, so a crash never leaves a
stale lock behind. The lock file records the holder's pid only to say who holds it.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class JournalLocked(RuntimeError):
    def __init__(self, folder: Path, pid: str) -> None:
        self.folder = folder
        self.pid = pid
        holder = f" (process {pid})" if pid else ""
        super().__init__(
            f"the journal in {folder} is open in another copy of Seesaw{holder}; close it first, "
            "so neither copy overwrites the other's notes"
        )


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "journal.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="ignore").strip()
            os.close(fd)
            raise JournalLocked(self.path.parent, holder) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
