"""A whole lesson as one track: speech, silences, suggested rests, bells and the metronome.

The track is one buffer of exactly the timeline's length, allocated once; each event's sound is
copied into place at the frame its start time gives (never joined piece by piece), so the file's
length equals the timeline's total to the frame and every cue sits where the timeline puts it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audio.pcm import SAMPLE_BYTES, ms_to_frames
from audio.render.chapters import write_chapters
from audio.render.encode import write_track
from audio.sounds import sound_for
from audio.voices.chain import VoiceChain
from lesson_engine.timeline import Timeline

Progress = Callable[[int, int], None]


def render(timeline: Timeline, chain: VoiceChain, progress: Progress | None = None) -> bytearray:
    track = bytearray(ms_to_frames(timeline.total_ms) * SAMPLE_BYTES)
    for done, event in enumerate(timeline.events, start=1):
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
    timeline: Timeline, chain: VoiceChain, path: Path, progress: Progress | None = None
) -> None:
    """The track, with the lesson's title and a chapter for each section (``chapters.py``)."""
    write_track(render(timeline, chain, progress), path)
    write_chapters(path, timeline)
