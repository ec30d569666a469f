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


def _central_entry(pack: bytes, name: str) -> int:
    """Where ``name``'s entry in the zip's central directory starts."""
    return pack.rindex(b"PK\x01\x02", 0, pack.rindex(name.encode()))


def with_wrong_crc(pack: bytes, name: str) -> bytes:
    at = _central_entry(pack, name) + 16
    crc = int.from_bytes(pack[at : at + 4], "little") ^ 1
    return pack[:at] + crc.to_bytes(4, "little") + pack[at + 4 :]


def with_size_that_lies(pack: bytes, name: str) -> bytes:
    at = _central_entry(pack, name) + 24
    size = int.from_bytes(pack[at : at + 4], "little") - 10
    return pack[:at] + size.to_bytes(4, "little") + pack[at + 4 :]


def with_broken_deflate(pack: bytes, name: str) -> bytes:
    at = pack.index(name.encode()) + len(name) + 5  # a few bytes into the member's data
    return pack[:at] + bytes(b ^ 0x55 for b in pack[at : at + 8]) + pack[at + 8 :]


def with_name_not_utf8(files: dict[str, bytes], name: str) -> bytes:
    """A member whose name claims UTF-8 (flag bit 11) but holds bytes that are not."""
    buffer = io.BytesIO()
    placeholder = "é" * len(name.encode())
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
        info = zipfile.ZipInfo(placeholder)
        info.flag_bits |= 0x800
        archive.writestr(info, b"x")
    return buffer.getvalue().replace(placeholder.encode(), b"\xff" * len(placeholder.encode()))
