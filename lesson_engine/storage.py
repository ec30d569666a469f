"""The one way Seesaw writes a file: a crash or a full disk leaves the old file or the new, whole.

Every file Seesaw keeps calls ``write_atomically``: the journal and its saved place, the journal's
exports, the library index, the clip cache, the Author page's lessons and recovery copies; a
recording attached to a cue is copied in the same way (``copy_atomically``). (Files made on
request that may be large, a rendered lesson or a lesson pack, are written beside their target
and moved over it when whole, without an fsync: a crash leaves at worst a stray partial file the
author can simply make again, never a half-written pack under the name they gave.) The new
bytes go to a temporary file in the same folder, are flushed and fsynced, and replace the old
file with ``os.replace``; then the folder itself is fsynced so the rename is durable too. With
``backup``, the old file is first hard-linked as the backup, so the backup is always the previous
good version and costs no copying. On any failure the temporary file is removed and the old file
is untouched.

Who may read the file is decided here too. By default it is its owner's alone (``FILE_MODE``): the
journal, drafts, recovery copies and anything else that may hold health notes. With ``shared``,
for what an instructor hands to others (lessons, recorded takes, pack manifests), a new file gets
the usual mode, 0666 less the umask, as any editor would give it, and a file saved over keeps the
mode it had.

What must not be broken (``tests/test_journal_crash.py`` rebuilds every state a power cut could
leave and fails if any step below is dropped): the data fsync before the rename, the directory
fsync after it, the backup made by link before the swap, and never writing into the file in place.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

FILE_MODE = 0o600
"""Health notes are private: what Seesaw writes is readable by its owner only, unless shared."""
SHARED_MODE = 0o666
"""A shared file's mode before the umask: what ``open`` in any editor would give it."""
DIR_MODE = 0o700
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line ends


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents, durably.

    A new folder is an entry in its parent: until the parent is fsynced a power cut can take the
    folder away, with every file later written and fsynced inside it.
    """
    created = []
    for missing in (folder, *folder.parents):
        if missing.exists():
            break
        created.append(missing)
    folder.mkdir(parents=True, exist_ok=True)
    for new in reversed(created):
        fsync_dir(new.parent)
    with contextlib.suppress(OSError):
        os.chmod(folder, DIR_MODE)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable.

    POSIX only: Windows cannot open a folder as a file, and NTFS journals its renames itself.
    """
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _shared_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path`` created with ``SHARED_MODE``, so the umask applies
    (``mkstemp`` always makes 0600, and reading the umask means setting it, for every thread)."""
    for _ in range(100):
        name = os.path.join(path.parent, f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL | _BINARY, SHARED_MODE), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def write_atomically(
    path: Path, data: bytes, backup: Path | None = None, *, shared: bool = False
) -> None:
    """Replace ``path`` with ``data`` durably; raises OSError and leaves ``path`` untouched on failure.

    ``shared`` is for files an instructor passes on (see the module's docstring); without it the
    file is readable by its owner only.
    """
    _replace_with(path, lambda handle: handle.write(data), backup, shared)


def copy_atomically(source: Path, target: Path) -> None:
    """Replace ``target`` with a copy of ``source`` durably, as a shared file (a recording an
    instructor attaches); read in pieces, so a long recording is never held in memory whole.
    Raises OSError and leaves ``target`` untouched on failure."""

    def fill(handle: BinaryIO) -> None:
        with source.open("rb") as original:
            shutil.copyfileobj(original, handle)

    _replace_with(target, fill, None, True)


def _replace_with(
    path: Path, fill: Callable[[BinaryIO], object], backup: Path | None, shared: bool
) -> None:
    """``path`` replaced by what ``fill`` writes, as the module's docstring says."""
    if shared:
        fd, tmp_name = _shared_temporary(path)
    else:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        if sys.platform != "win32":  # Windows keeps a user's files private by their folder's ACL
            if not shared:
                os.fchmod(fd, FILE_MODE)
            elif path.exists():
                os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if backup is not None and path.exists():
            link = backup.with_name(f".{backup.name}.link")
            link.unlink(missing_ok=True)
            os.link(path, link)
            os.replace(link, backup)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


_WRITE_PROBLEMS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "Seesaw is not allowed to write there",
    errno.EPERM: "Seesaw is not allowed to write there",
    errno.EIO: "the disk reported an error",
}


def write_problem_in_words(exc: OSError) -> str:
    """Why a write failed, as a learner can act on it ("the disk is full"), not an errno."""
    return _WRITE_PROBLEMS.get(exc.errno or 0, exc.strerror or str(exc))
