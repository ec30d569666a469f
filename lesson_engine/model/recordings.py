"""The recording formats an instructor may use for a cue, and how each file begins.

The parser accepts ``[audio PATH]`` only with one of these suffixes, the pack importer refuses a
file whose first bytes do not match its suffix, and the Author page offers the same list: one
table, so the three can never disagree. A cue may play a span of a recording (``Span``).
"""

from __future__ import annotations

import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RECORDING_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".wav": (b"RIFF",),
    ".ogg": (b"OggS",),
    ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa"),
    ".flac": (b"fLaC",),
}
AUDIO_SUFFIXES = tuple(RECORDING_SIGNATURES)


KINDS = {".wav": "a WAV", ".ogg": "an OGG", ".mp3": "an MP3", ".flac": "a FLAC"}
"""Each kind with its article as it is said, for messages ('this is not an MP3 recording')."""


def looks_like_recording(suffix: str, data: bytes) -> bool:
    """Whether ``data`` starts as a file with ``suffix`` (lowercase, with the dot) must."""
    return data.startswith(RECORDING_SIGNATURES.get(suffix, ()))


@dataclass(frozen=True)
class Span:
    """The part of a recording one cue plays: ``[audio lesson.mp3 from 1:23.4 to 1:31.0]``.

    A long recorded lesson stays one file on disk, and each cue names its stretch of it, so Rest
    and Back can replay the instructor's own words from the start of the instruction. ``end_ms``
    None means to the end of the file.
    """

    start_ms: int = 0
    end_ms: int | None = None

    def length_ms(self, file_ms: int) -> int:
        """How long the span plays in a file ``file_ms`` long (0 when it starts past the end)."""
        end = file_ms if self.end_ms is None else min(self.end_ms, file_ms)
        return max(0, end - self.start_ms)


class RecordingUnreadable(Exception):
    """Raised by a ``RecordingLength`` for a recording whose length cannot be read; the message
    says why, in words an author can act on."""


RecordingLength = Callable[[Path], int | None]
"""How long a recording is, in ms; None when it cannot be told here (then its spans are checked
as they are played); raises ``RecordingUnreadable`` for a file that is there but cannot be read.

The parser checks every ``[audio … from … to …]`` against one. The engine's own, ``wav_length_ms``,
reads only a WAV's header; the command line passes one that also asks mutagen or ffmpeg about
MP3, OGG and FLAC (``audio/recording_length.py``), which the engine may not import.
"""


def wav_length_ms(path: Path) -> int | None:
    """The length of a WAV recording from its header, or None when it cannot be read cheaply.

    The default ``RecordingLength``: a WAV says its length in its first bytes, while an MP3 or
    OGG must be asked of a decoder, which only the audio side has.
    """
    if path.suffix.lower() != ".wav":
        return None
    try:
        with wave.open(str(path), "rb") as wav:
            rate = wav.getframerate()
            return wav.getnframes() * 1000 // rate if rate else None
    except (OSError, EOFError, wave.Error):
        return None
