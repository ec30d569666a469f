"""Today's run as one audio file to take along: the one way both the app and ``seesaw today
--take-run`` write it.

The session is written again with the voice's real clip lengths once its words are synthesised,
until nothing changes (three passes at most), so every bell falls on its change in the file to
the millisecond, whatever the voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from audio.render.encode import check_can_write
from audio.render.track import render_to_file
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import pick_voice
from audio.voices.timed import timed_by_voice
from lesson_engine.programme.model import RunStage
from lesson_engine.programme.run_lesson import run_lesson

RETIMINGS = 3


@dataclass(frozen=True)
class RunTrack:
    path: Path
    title: str
    total_ms: int
    voice: str
    """The voice that spoke it, in words ("Voice: Joe (offline)", "Captions only …")."""
    problems: tuple[str, ...]
    spoken: bool
    """False when no voice was available: the track holds bells and clicks only."""


def write_run_track(
    stage: RunStage, out: Path, *, cadence: int | None, voice: str, cache: Path
) -> RunTrack:
    """Write the file; raises ValueError (a bad cadence), EncodingUnavailable or OSError."""
    check_can_write(out)
    lesson = run_lesson(stage, cadence)
    speaker = pick_voice(voice)
    chain = VoiceChain(speaker, ClipCache(cache))
    timeline = timed_by_voice(lesson, chain)
    for _ in range(RETIMINGS):
        retimed = run_lesson(stage, cadence, chain.duration_of)
        if retimed.digest == lesson.digest:
            break
        lesson, timeline = retimed, timed_by_voice(retimed, chain)
    render_to_file(timeline, chain, out)
    return RunTrack(
        out,
        lesson.title,
        timeline.total_ms,
        chain.description,
        tuple(chain.problems),
        speaker is not None or voice == "captions",
    )
