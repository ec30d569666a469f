"""A whole lesson as one track: speech, silences, suggested rests, bells and the metronome.

Each event's sound goes at the frame its start time gives (never joined piece by piece by
duration), so the file's length equals the timeline's total to the frame and every cue sits where
the timeline puts it. The track is made as a stream of pieces in order (a clip cut to its event,
the silence up to the next), so a WAV is written straight to its file as it is made: a 45-minute
lesson is 130 MB of samples, never held, copied or joined in memory. OGG and MP3 go through
ffmpeg, which takes the track whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from audio.pcm import SAMPLE_BYTES, ms_to_frames
from audio.render.encode import write_track, write_wav
from audio.sounds import sound_for
from audio.voices.chain import VoiceChain
from lesson_engine.timeline import Timeline

Progress = Callable[[int, int], None]

_QUIET = memoryview(bytes(ms_to_frames(1_000) * SAMPLE_BYTES))


def _silence(frames: int) -> Iterator[memoryview]:
    quiet = len(_QUIET) // SAMPLE_BYTES
    while frames > 0:
        yield _QUIET[: min(frames, quiet) * SAMPLE_BYTES]
        frames -= quiet


def pieces(
    timeline: Timeline, chain: VoiceChain, progress: Progress | None = None
) -> Iterator[bytes | memoryview]:
    """The track's samples in order, exactly ``ms_to_frames(timeline.total_ms)`` frames."""
    at = 0  # frames made so far
    for done, event in enumerate(timeline.events, start=1):
        start, end = ms_to_frames(event.start_ms), ms_to_frames(event.end_ms)
        clip = sound_for(event, chain.clip_for)
        if clip is not None and end > at:
            yield from _silence(start - at)
            skip = max(at - start, 0)  # events never overlap; were one to, the first would win
            data = memoryview(clip.pcm)[skip * SAMPLE_BYTES : (end - start) * SAMPLE_BYTES]
            yield data
            at = max(at, start) + len(data) // SAMPLE_BYTES
        if progress:
            progress(done, len(timeline.events))
    yield from _silence(ms_to_frames(timeline.total_ms) - at)


def render(timeline: Timeline, chain: VoiceChain, progress: Progress | None = None) -> bytearray:
    return bytearray(b"".join(pieces(timeline, chain, progress)))


def render_to_file(
    timeline: Timeline, chain: VoiceChain, path: Path, progress: Progress | None = None
) -> None:
    if path.suffix.lower() == ".wav":
        write_wav(pieces(timeline, chain, progress), path)
    else:
        write_track(render(timeline, chain, progress), path)
