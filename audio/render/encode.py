"""Writing a track to WAV, OGG or MP3.

WAV needs nothing beyond the standard library. OGG and MP3 go through pydub and the ffmpeg binary
that ships inside the ``imageio-ffmpeg`` package, so no system package is needed; if that binary
is missing, the error says so and suggests WAV.
"""

from __future__ import annotations

import wave
from collections.abc import Iterable
from pathlib import Path

from audio.ffmpeg import ffmpeg_path, use_bundled_ffmpeg
from audio.pcm import RATE, SAMPLE_BYTES

FORMATS = ("wav", "ogg", "mp3")
"""What a lesson can be exported as; every list of them shown to a person comes from here."""


def formats_in_words() -> str:
    """ ".wav, .ogg or .mp3", for messages and help texts."""
    dotted = [f".{kind}" for kind in FORMATS]
    return f"{', '.join(dotted[:-1])} or {dotted[-1]}"


class EncodingUnavailable(RuntimeError):
    pass


def check_can_write(path: Path) -> None:
    """Raise now what ``write_track`` would raise at the end: before any work is done.

    ValueError for a format Seesaw cannot write, EncodingUnavailable when it needs ffmpeg and
    there is none that runs.
    """
    kind = path.suffix.lstrip(".").lower()
    if kind not in FORMATS:
        raise ValueError(
            f"cannot write '{path.suffix or path.name}' files; use {formats_in_words()}"
        )
    if kind != "wav" and ffmpeg_path() is None:
        raise EncodingUnavailable(
            f"{kind.upper()} needs ffmpeg (from the imageio-ffmpeg package, or the program "
            "IMAGEIO_FFMPEG_EXE names), and none can run here; write a .wav instead"
        )


def write_wav(pieces: Iterable[bytes | bytearray | memoryview], path: Path) -> None:
    """A WAV file written piece by piece as the pieces come, none of them copied or joined."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_BYTES)
        out.setframerate(RATE)
        for piece in pieces:
            out.writeframesraw(piece)


def write_track(pcm: bytes | bytearray, path: Path) -> None:
    check_can_write(path)
    kind = path.suffix.lstrip(".").lower()
    if kind == "wav":
        write_wav((pcm,), path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    use_bundled_ffmpeg()
    from pydub import AudioSegment  # already imported, quietly, by use_bundled_ffmpeg

    segment = AudioSegment(data=bytes(pcm), sample_width=SAMPLE_BYTES, frame_rate=RATE, channels=1)
    if kind == "ogg":  # Vorbis takes a quality, not a bitrate, at 22 kHz mono
        segment.export(str(path), format="ogg", codec="libvorbis", parameters=["-q:a", "4"])
    else:
        segment.export(str(path), format="mp3", codec="libmp3lame", bitrate="96k")
