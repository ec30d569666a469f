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


class LockUnavailable(OSError):
    """The lock file itself cannot be made (a read-only or full disk, permissions): not a second
    Seesaw. The app still starts; the message says what failed and what it risks."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(
            f"Seesaw could not make its lock file in {folder} ({reason}), so it cannot tell "
            "whether it is open twice: keep to one window, or the two could overwrite each "
            "other's notes."
        )


def acquire_instance_lock(folder: Path) -> QLockFile | None:
    """The held lock, or None when another running Seesaw holds it. Keep the returned object alive.

    Raises ``LockUnavailable`` when the lock cannot be made at all.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LockUnavailable(folder, exc.strerror or str(exc)) from None
    lock = QLockFile(str(folder / "seesaw.lock"))
    lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        if lock.removeStaleLockFile() and lock.tryLock(0):
            return lock
        if lock.error() == QLockFile.LockError.LockFailedError and lock.getLockInfo()[0]:
            return None  # held by a running Seesaw, which wrote its pid in the lock
        raise LockUnavailable(folder, "something that is not a lock file is in the way")
    reason = {
        QLockFile.LockError.PermissionError: "not allowed to write there",
    }.get(lock.error(), "the disk refused the write; is it full or read-only?")
    raise LockUnavailable(folder, reason)
