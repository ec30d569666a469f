"""Bringing in a recorded lesson: converting and splitting a 10-minute MP3, against converting it.

The recording (48 kHz stereo MP3: tone phrases with pauses of 0.8 to 4 s between them, over a
faint room noise) is made first and not timed. The baseline, measured in the same run, is the
bundled ffmpeg converting the file to Seesaw's format and nothing else: the least any import must
cost. Seesaw's import converts the same way, then measures the loudness of every 10 ms frame and
finds the pauses. Goal: the whole import ≤ 1.3× the conversion alone; the split itself is also
shown per minute of recording. Best of three runs each, interleaved.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from audio.ffmpeg import ffmpeg_path, to_internal_pcm
from audio.recorded.importer import read_recording
from audio.recorded.split import Split
from audio.voices.recordings import RecordingStore
from tests.recording_fixtures import spoken_recording, tone_phrase

MINUTES = 10
RUNS = 3
GOAL = 1.3


def _make_recording(folder: Path, ffmpeg: str) -> tuple[Path, int]:
    pitches = (300.0, 450.0, 600.0, 900.0)
    pauses = (800, 2_400, 1_100, 4_000)
    phrases, gaps, total = [], [], 0
    while total < MINUTES * 60_000:
        n = len(phrases)
        phrases.append(tone_phrase(pitches[n % 4], 3 + n % 5))
        gaps.append(pauses[n % 4])
        total += phrases[-1].duration_ms + gaps[-1]
    wav = folder / "long.wav"
    spoken_recording(wav, phrases, gaps[:-1])
    mp3 = folder / "long.mp3"
    subprocess.run([ffmpeg, "-loglevel", "error", "-i", str(wav), str(mp3)], check=True)
    wav.unlink()
    return mp3, len(phrases)


def _convert_only(ffmpeg: str, path: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [ffmpeg, "-loglevel", "error", *to_internal_pcm(str(path))],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def _import(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    recorded = read_recording(path, store=RecordingStore())  # cold: the conversion is timed
    return time.perf_counter() - started, len(recorded.split.cuts) + 1


def main() -> None:
    ffmpeg = ffmpeg_path()
    if ffmpeg is None:
        print("skipped: the bundled ffmpeg is missing")
        return
    with tempfile.TemporaryDirectory() as scratch:
        path, phrases = _make_recording(Path(scratch), ffmpeg)
        baseline, seesaw, found = [], [], 0
        for _ in range(RUNS):
            baseline.append(_convert_only(ffmpeg, path))
            took, found = _import(path)
            seesaw.append(took)
        clip = RecordingStore().whole(path)
        started = time.perf_counter()
        Split.of(clip)
        split_s = time.perf_counter() - started
    ratio = min(seesaw) / min(baseline)
    print(f"{MINUTES}-minute MP3, {phrases} phrases, {found} cues found")
    print(f"  ffmpeg conversion alone : {min(baseline):6.2f} s")
    print(f"  seesaw import           : {min(seesaw):6.2f} s   ({ratio:.2f}x; goal <= {GOAL}x)")
    print(f"  the split alone         : {split_s / MINUTES * 1000:6.0f} ms a minute of recording")


if __name__ == "__main__":
    main()
