"""One Seesaw at a time per user folder: a second copy says so instead of writing the journal.

QLockFile writes the owner's pid and host into the lock, and treats a lock whose process is gone
as stale, so a crash never locks the learner out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

ALREADY_OPEN = (
    "Seesaw is already open in another window. Switch to it to go on; opening a second copy "
    "could overwrite your journal."
)


def acquire_instance_lock(folder: Path) -> QLockFile | None:
    """The held lock, or None when another running Seesaw holds it. Keep the returned object alive."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / "seesaw.lock"))
    lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age
    if lock.tryLock(200):
        return lock
    if (
        lock.error() == QLockFile.LockError.LockFailedError
        and lock.removeStaleLockFile()
        and lock.tryLock(0)
    ):
        return lock
    return None
