"""Rendering a 45-minute lesson to WAV, the whole ``seesaw render`` process, against sox.

Both sides are whole processes, run in turn (interleaved, so a busy moment of the machine falls on
both alike): ``seesaw render`` with a warm clip cache, and ``sox`` joining the same pieces (each
event's sound or silence, made beforehand as WAV files, not timed) into one file. Python runs as
installed, with its compiled bytecode kept (in a folder of its own). Without sox, the ratio is
skipped and said so (``apt-get install sox``). Goal: ≤ 1.2× sox.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

from audio.pcm import RATE, SAMPLE_BYTES, ms_to_frames
from audio.sounds import sound_for
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import pick_voice
from audio.voices.timed import timed_by_voice
from bench.engine import generated_lesson
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.timeline import Timeline

RUNS = 5
GOAL = 1.2
HOME = Path(tempfile.gettempdir()) / "seesaw-bench-render"
"""Kept between runs of the bench: synthesising a 45-minute lesson's words takes a while."""


def pieces(timeline: Timeline, chain: VoiceChain, folder: Path) -> list[str]:
    """Each event's sound, cut or padded with silence to its length, as a WAV file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, event in enumerate(timeline.events):
        clip = sound_for(event, chain.clip_for)
        frames = ms_to_frames(event.end_ms) - ms_to_frames(event.start_ms)
        data = (clip.pcm if clip else b"")[: frames * SAMPLE_BYTES]
        path = folder / f"{i:05d}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(SAMPLE_BYTES)
            out.setframerate(RATE)
            out.writeframes(data + bytes(frames * SAMPLE_BYTES - len(data)))
        paths.append(str(path))
    return paths


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    lesson_file = HOME / "generated-45.lesson"
    HOME.mkdir(parents=True, exist_ok=True)
    lesson_file.write_bytes(generated_lesson(45))
    result = check_lesson_bytes(lesson_file.read_bytes())
    assert result.lesson is not None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"SEESAW_HOME": str(HOME / "home"), "PYTHONPYCACHEPREFIX": str(HOME / "pycache")}
    os.environ["SEESAW_HOME"] = env["SEESAW_HOME"]
    from lesson_engine.paths import voice_cache_dir

    chain = VoiceChain(pick_voice("auto"), ClipCache(voice_cache_dir()))
    timeline = timed_by_voice(result.lesson, chain)  # the cache warm, as for a second render
    work = Path(tempfile.mkdtemp())
    ours_cmd = [sys.executable, "-m", "ui.main", "render", str(lesson_file), "-o"]
    ours_cmd.append(str(work / "seesaw.wav"))
    subprocess.run(ours_cmd, env=env, cwd=repo, check=True, capture_output=True)  # bytecode
    sox = shutil.which("sox")
    parts = pieces(timeline, chain, work / "pieces") if sox else []
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(RUNS):
        ours.append(timed(ours_cmd, env))
        if sox:
            theirs.append(timed([sox, *parts, str(work / "sox.wav")], env))
    shutil.rmtree(work, ignore_errors=True)
    minutes = timeline.total_ms / 60_000
    print(
        f"render a {minutes:.0f}-minute lesson to WAV, whole process, warm cache: median "
        f"{statistics.median(ours):.2f} s ({min(ours):.2f}-{max(ours):.2f}, {RUNS} runs)"
    )
    if not sox:
        print("  sox is not installed: no baseline, no ratio (apt-get install sox)")
        return
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(
        f"  sox joining the same {len(parts)} pieces: median {statistics.median(theirs):.2f} s "
        f"({min(theirs):.2f}-{max(theirs):.2f}); ratio {ratio:.2f}x (goal ≤ {GOAL}x)"
    )


if __name__ == "__main__":
    main()
