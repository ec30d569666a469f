"""The recording formats an instructor may use for a cue, and how each file begins.

The parser accepts ``[audio PATH]`` only with one of these suffixes, the pack importer refuses a
file whose first bytes do not match its suffix, and the Author page offers the same list: one
table, so the three can never disagree.
"""

from __future__ import annotations

RECORDING_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".wav": (b"RIFF",),
    ".ogg": (b"OggS",),
    ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa"),
    ".flac": (b"fLaC",),
}
AUDIO_SUFFIXES = tuple(RECORDING_SIGNATURES)


def looks_like_recording(suffix: str, data: bytes) -> bool:
    """Whether ``data`` starts as a file with ``suffix`` (lowercase, with the dot) must."""
    return data.startswith(RECORDING_SIGNATURES.get(suffix, ()))
