"""The ffmpeg binary that ships inside the ``imageio-ffmpeg`` package, for pydub.

Both directions need it: reading an instructor's OGG, MP3 or FLAC recording, and writing a lesson
as OGG or MP3. No system package is required; when the binary is missing, callers say so and
fall back (a WAV recording or export still works).
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache

from audio.pcm import RATE


@lru_cache(maxsize=1)
def ffmpeg_path() -> str | None:
    """The ffmpeg binary to use, or None when there is none that can run.

    ``imageio-ffmpeg`` answers with whatever ``IMAGEIO_FFMPEG_EXE`` names, even a file that does
    not exist, so the answer is checked here: a missing binary must be found before any work
    that would need it, not after minutes of synthesis.
    """
    try:
        import imageio_ffmpeg

        path = str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception:  # the package raises RuntimeError or OSError when its binary is absent
        return None
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


def use_bundled_ffmpeg() -> None:
    """Point pydub at the bundled binary (pydub otherwise looks on PATH, and warns)."""
    path = ffmpeg_path()
    with warnings.catch_warnings():
        # pydub warns on import when no ffmpeg is on PATH; the bundled one is set just below.
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
    if path:
        AudioSegment.converter = path


def to_internal_pcm(source: str) -> list[str]:
    """ffmpeg's arguments (after the binary) that read ``source`` (a path, or ``pipe:0``) and
    write Seesaw's own samples to standard output: 16-bit mono at ``RATE``, whatever the
    recording's rate and channels."""
    return ["-i", source, "-f", "s16le", "-ac", "1", "-ar", str(RATE), "pipe:1"]
