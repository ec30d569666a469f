"""One writer per journal folder, using an OS lock that dies with its process.

The operating system releases the lock when the holder exits or is killed, so a crash never leaves
a stale lock behind: ``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows (the same calls
the ``filelock`` library makes). The lock file also records the holder's pid, only to say who
holds it. Windows locks are mandatory, so nobody else may read a locked byte: the lock covers the
file's first byte, which stays empty, and the pid is written after it, where a second copy of
Seesaw can still read it for its message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PID_AT = 1
"""The pid is written from this offset on; byte 0 is the locked one."""
PID_WIDTH = 20
"""The pid is padded to this many characters, so each holder's covers the last one's and the
file never needs cutting (a truncation is a change the file system journals, and ext4 then
flushes the file when it is closed: milliseconds on a busy disk, at every opening)."""


class JournalLocked(RuntimeError):
    def __init__(self, folder: Path, pid: str) -> None:
        self.folder = folder
        self.pid = pid
        holder = f" (process {pid})" if pid else ""
        super().__init__(
            f"the journal in {folder} is open in another copy of Seesaw{holder}; close it first, "
            "so neither copy overwrites the other's notes"
        )


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _holder(fd: int) -> str:
    os.lseek(fd, PID_AT, os.SEEK_SET)
    return os.read(fd, 32).decode(errors="ignore").strip()


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "journal.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)
        if not _try_lock(fd):
            holder = _holder(fd)
            os.close(fd)
            raise JournalLocked(self.path.parent, holder)
        record = b"\n" + str(os.getpid()).encode().ljust(PID_WIDTH)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, record)  # over the last holder's, which it covers: the pid is padded
        if os.fstat(fd).st_size > len(record):  # written otherwise (by hand, say): cut it
            os.ftruncate(fd, len(record))
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None
