"""Writing a track to WAV, OGG or MP3.

WAV needs nothing beyond the standard library. OGG and MP3 go through pydub and the ffmpeg binary
that ships inside the ``imageio-ffmpeg`` package, so no system package is needed; if that binary
is missing, the error says so and suggests WAV.
"""

from __future__ import annotations

import warnings
import wave
from functools import lru_cache
from pathlib import Path

from .pcm import RATE, SAMPLE_BYTES

FORMATS = ("wav", "ogg", "mp3")


class EncodingUnavailable(RuntimeError):
    pass


@lru_cache(maxsize=1)
def ffmpeg_path() -> str | None:
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception:  # the package raises RuntimeError or OSError when its binary is absent
        return None


def use_bundled_ffmpeg() -> None:
    path = ffmpeg_path()
    with warnings.catch_warnings():
        # pydub warns on import when no ffmpeg is on PATH; the bundled one is set just below.
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
    if path:
        AudioSegment.converter = path


def write_track(pcm: bytes | bytearray, path: Path) -> None:
    kind = path.suffix.lstrip(".").lower()
    if kind not in FORMATS:
        raise ValueError(f"cannot write '{path.suffix}' files; use .wav, .ogg or .mp3")
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "wav":
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(SAMPLE_BYTES)
            out.setframerate(RATE)
            out.writeframes(pcm)
        return
    if ffmpeg_path() is None:
        raise EncodingUnavailable(
            f"{kind.upper()} needs ffmpeg, which is not available here; write a .wav instead"
        )
    use_bundled_ffmpeg()
    from pydub import AudioSegment  # already imported, quietly, by use_bundled_ffmpeg

    segment = AudioSegment(data=bytes(pcm), sample_width=SAMPLE_BYTES, frame_rate=RATE, channels=1)
    if kind == "ogg":  # Vorbis takes a quality, not a bitrate, at 22 kHz mono
        segment.export(str(path), format="ogg", codec="libvorbis", parameters=["-q:a", "4"])
    else:
        segment.export(str(path), format="mp3", codec="libmp3lame", bitrate="96k")
