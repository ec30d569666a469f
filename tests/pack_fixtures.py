"""Lesson packs built in memory, for the pack tests."""

from __future__ import annotations

import io
import zipfile


def pack_bytes(files: dict[str, bytes]) -> bytes:
    """A zip in memory from name → bytes, in the order given (duplicates and all)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
