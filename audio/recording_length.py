"""How long an instructor's recording is, for ``seesaw check`` to catch a span past its end.

A WAV says its length in its header, which the engine reads itself; an MP3, OGG or FLAC has to
be asked of something that knows the format. The bundled ffmpeg is asked first, because it is
what decodes the recording when the lesson plays: ``ffmpeg -i FILE`` prints ``Duration:`` and
stops, having decoded nothing (there is no ffprobe in ``imageio-ffmpeg``). For an MP3 it leaves
out the encoder's delay and padding, as its decoder does, where mutagen counts them (about 25 ms
more). mutagen, which reads the headers in this process, answers when ffmpeg is missing or
cannot tell. A long recorded lesson names the same file in every cue, so each answer is kept
for as long as the file's path, modification time and size stay the same.

The engine may not import this module; the command line hands ``length_ms`` to the parser as
its ``RecordingLength``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from audio.ffmpeg import ffmpeg_path
from lesson_engine.model.recordings import RecordingUnreadable, wav_length_ms

FFMPEG_TIMEOUT_S = 30
_DURATION = re.compile(rb"Duration:\s*(\d+):(\d\d):(\d\d(?:\.\d+)?)")
_known: dict[tuple[str, int, int], int | None] = {}


def length_ms(path: Path) -> int | None:
    """The recording's length in ms; None for a file that is not there (the parser has said so);
    raises ``RecordingUnreadable`` with the reason when neither ffmpeg nor mutagen can tell."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _known:
        _known[key] = _measured(path)
    found = _known[key]
    if found is None:
        raise RecordingUnreadable(_unreadable_reason(path))
    return found


def _measured(path: Path) -> int | None:
    if path.suffix.lower() == ".wav":
        found = wav_length_ms(path)
        if found is not None:
            return found
    return _ffmpeg_ms(path) or _mutagen_ms(path)


def _mutagen_ms(path: Path) -> int | None:
    import mutagen

    try:
        audio = mutagen.File(str(path))
    except (mutagen.MutagenError, OSError, ValueError, EOFError):
        return None
    length = getattr(getattr(audio, "info", None), "length", 0) or 0
    return round(length * 1000) if length > 0 else None


def _ffmpeg_ms(path: Path) -> int | None:
    binary = ffmpeg_path()
    if binary is None:
        return None
    try:
        done = subprocess.run(
            [binary, "-hide_banner", "-nostdin", "-i", str(path)],
            capture_output=True,
            timeout=FFMPEG_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = _DURATION.search(done.stderr)
    if match is None:
        return None
    hours, minutes, seconds = int(match[1]), int(match[2]), float(match[3])
    return round(((hours * 60 + minutes) * 60 + seconds) * 1000) or None


def _unreadable_reason(path: Path) -> str:
    """Why no length was found, in the author's words (said once per file and change)."""
    with_what = "ffmpeg and mutagen" if ffmpeg_path() else "mutagen (and no ffmpeg was found)"
    kind = path.suffix.lstrip(".").upper() or "audio"
    return f"{with_what} could not find its length; it may be damaged or not really {kind}"
