"""A whole lesson as one track: speech, silences, suggested rests, bells and the metronome.

Each event's sound goes at the frame its start time gives (never joined piece by piece by
duration), so the file's length equals the timeline's total to the frame and every cue sits where
the timeline puts it. The track is made as a stream of pieces in order (a clip cut to its event,
the silence up to the next), so a WAV is written straight to its file as it is made: a 45-minute
lesson is 130 MB of samples, never held, copied or joined in memory. OGG and MP3 go through
ffmpeg, which takes the track whole.

A file is written beside its target under a temporary name and moved over it only when whole, so
a cancelled, failed or interrupted export leaves whatever was there before, never half a file.
The command line (``seesaw render``) and the app's Export audio both go through ``render_lesson``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from audio.pcm import SAMPLE_BYTES, ms_to_frames
from audio.render.chapters import write_chapters
from audio.render.encode import check_can_write, write_track, write_wav
from audio.sounds import sound_for
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.model.lesson import Lesson
from lesson_engine.timeline import Timeline

Progress = Callable[[int, int], None]
StageProgress = Callable[[str, int, int], None]
"""(stage, done, total): stage is "voice" (synthesising the cues), "render" (placing every
event) or "encode" (writing the file: 0 of 1, then 1 of 1)."""
Cancelled = Callable[[], bool]

_QUIET = memoryview(bytes(ms_to_frames(1_000) * SAMPLE_BYTES))


class RenderCancelled(Exception):
    """The export was cancelled; nothing was written and the target is as it was."""


def _silence(frames: int) -> Iterator[memoryview]:
    quiet = len(_QUIET) // SAMPLE_BYTES
    while frames > 0:
        yield _QUIET[: min(frames, quiet) * SAMPLE_BYTES]
        frames -= quiet


def pieces(
    timeline: Timeline,
    chain: VoiceChain,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Iterator[bytes | memoryview]:
    """The track's samples in order, exactly ``ms_to_frames(timeline.total_ms)`` frames.

    Raises RenderCancelled before the next event once ``cancelled`` says so."""
    at = 0  # frames made so far
    for done, event in enumerate(timeline.events, start=1):
        if cancelled and cancelled():
            raise RenderCancelled
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


def _then(
    track: Iterable[bytes | memoryview], after: Callable[[], None]
) -> Iterator[bytes | memoryview]:
    yield from track
    after()


def render(
    timeline: Timeline,
    chain: VoiceChain,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> bytearray:
    """The whole track in memory (for ffmpeg, and for tests that read it)."""
    return bytearray(b"".join(pieces(timeline, chain, progress, cancelled)))


def render_to_file(
    timeline: Timeline,
    chain: VoiceChain,
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """The track, with the lesson's title and a chapter for each section (``chapters.py``)."""
    write_whole(pieces(timeline, chain, progress, cancelled), path, timeline, cancelled)


def write_whole(
    track: Iterable[bytes | bytearray | memoryview],
    path: Path,
    timeline: Timeline,
    cancelled: Cancelled | None = None,
) -> None:
    """Encode ``track`` into a temporary file beside ``path`` (same suffix, so the same format),
    then put it in place; on any failure or a cancel the temporary file goes and ``path`` is
    untouched. A WAV is written as the pieces come; other formats take them joined. The title
    and chapters of ``timeline`` are written into the temporary file, so they arrive with it."""
    check_can_write(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name, not mkstemp's file: the encoder creates it with the usual permissions.
    partial = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.partial{path.suffix}")
    try:
        if path.suffix.lower() == ".wav":
            write_wav(track, partial)
        else:
            write_track(b"".join(track), partial)
        write_chapters(partial, timeline)
        if cancelled and cancelled():
            raise RenderCancelled
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def render_lesson(
    lesson: Lesson,
    chain: VoiceChain,
    out: Path,
    progress: StageProgress | None = None,
    cancelled: Cancelled | None = None,
) -> Timeline:
    """Synthesise, place and encode ``lesson`` into ``out``; returns the timeline it was timed by.

    Raises ValueError (a format Seesaw cannot write), EncodingUnavailable (no ffmpeg for OGG or
    MP3), OSError (the disk) or RenderCancelled, each before ``out`` is touched. ``cancelled`` is
    asked between cues, between events and before the file is put in place.
    """
    check_can_write(out)  # before minutes of synthesis, not after

    def step(stage: str) -> Progress:
        def report(done: int, total: int) -> None:
            if progress:
                progress(stage, done, total)
            if cancelled and cancelled():
                raise RenderCancelled

        return report

    timeline = timed_by_voice(lesson, chain, step("voice"))
    track: Iterable[bytes | memoryview] = pieces(timeline, chain, step("render"), cancelled)
    if out.suffix.lower() != ".wav":  # ffmpeg takes it whole: place every event first
        track = (b"".join(track),)
    # A WAV is written as it is placed, so its "encode" starts once the last piece is placed.
    track = _then(track, lambda: progress("encode", 0, 1) if progress else None)
    write_whole(track, out, timeline, cancelled)
    if progress:
        progress("encode", 1, 1)
    return timeline
