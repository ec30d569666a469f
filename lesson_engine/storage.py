"""Writing a file so that a crash or a full disk leaves either the old or the new one, whole.

The new text goes to a temporary file in the same folder, is flushed and fsynced, and replaces
the old one with ``os.replace``; then the folder itself is fsynced so the rename is durable too.
Before the swap, the old file is hard-linked as the backup: the backup is always the previous
good version, and making it costs no copying.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, DIR_MODE)


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: Path, data: bytes, backup: Path | None = None) -> None:
    """Replace ``path`` with ``data`` durably; raises OSError and leaves ``path`` untouched on failure."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
