"""A whole lesson as one track: speech, silences, suggested rests, bells and the metronome.

The track is one buffer of exactly the timeline's length, allocated once; each event's sound is
copied into place at the frame its start time gives (never joined piece by piece), so the file's
length equals the timeline's total to the frame and every cue sits where the timeline puts it.

A file is written beside its target under a temporary name and moved over it only when whole, so
a cancelled, failed or interrupted export leaves whatever was there before, never half a file.
The command line (``seesaw render``) and the app's Export audio both go through ``render_lesson``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from audio.pcm import SAMPLE_BYTES, ms_to_frames
from audio.render.encode import check_can_write, write_track
from audio.sounds import sound_for
from audio.voices.chain import VoiceChain, timed_by_voice
from lesson_engine.model.lesson import Lesson
from lesson_engine.timeline import Timeline

Progress = Callable[[int, int], None]
StageProgress = Callable[[str, int, int], None]
"""(stage, done, total): stage is "voice" (synthesising the cues), "render" (placing every
event) or "encode" (writing the file: 0 of 1, then 1 of 1)."""
Cancelled = Callable[[], bool]


class RenderCancelled(Exception):
    """The export was cancelled; nothing was written and the target is as it was."""


def render(
    timeline: Timeline,
    chain: VoiceChain,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> bytearray:
    track = bytearray(ms_to_frames(timeline.total_ms) * SAMPLE_BYTES)
    for done, event in enumerate(timeline.events, start=1):
        if cancelled and cancelled():
            raise RenderCancelled
        clip = sound_for(event, chain.clip_for)
        if clip is not None:
            start = ms_to_frames(event.start_ms) * SAMPLE_BYTES
            end = ms_to_frames(event.end_ms) * SAMPLE_BYTES
            data = clip.pcm[: end - start]
            track[start : start + len(data)] = data
        if progress:
            progress(done, len(timeline.events))
    return track


def render_to_file(
    timeline: Timeline,
    chain: VoiceChain,
    path: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    write_whole(render(timeline, chain, progress, cancelled), path, cancelled)


def write_whole(pcm: bytes | bytearray, path: Path, cancelled: Cancelled | None = None) -> None:
    """Encode into a temporary file beside ``path`` (same suffix, so the same format), then put
    it in place; on any failure or a cancel the temporary file goes and ``path`` is untouched."""
    check_can_write(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name, not mkstemp's file: the encoder creates it with the usual permissions.
    partial = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.partial{path.suffix}")
    try:
        write_track(pcm, partial)
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
    pcm = render(timeline, chain, step("render"), cancelled)
    if progress:
        progress("encode", 0, 1)
    write_whole(pcm, out, cancelled)
    if progress:
        progress("encode", 1, 1)
    return timeline
