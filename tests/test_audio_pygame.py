"""Real mixed audio through pygame's mixer, written by SDL's disk driver, read back and measured.

Each check runs in its own process because SDL reads its driver settings once, when the mixer
starts. The child plays for real (the disk driver runs in real time), so these are the only tests
where wall-clock time passes; the bounds allow a loaded machine a few buffers of slack.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from array import array
from pathlib import Path

from audio.pcm import RATE

CHILD = r"""
import json, sys, time
from audio.pygame_output import PygameOutput, open_output, BUFFER_FRAMES
from tests.audio_fixtures import tone
output, problem = open_output(True)
if output is None:
    print(json.dumps({"problem": problem})); sys.exit(0)
clip = tone(2000, 1000.0)
output.play(clip, 0)
time.sleep(0.6)
output.stop()
time.sleep(0.4)
output.play(clip, 1500)  # resume 1.5 s into the clip: 0.5 s of it remains
time.sleep(0.8)
output.close()
print(json.dumps({"problem": "", "buffer": BUFFER_FRAMES}))
"""


def run_child(repo: Path, env_extra: dict[str, str]) -> dict:
    env = {**os.environ, **env_extra}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=repo, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def loud_runs(samples: array, threshold: int = 1000) -> list[tuple[int, int]]:
    """(start, end) frames of stretches with sound, gaps shorter than 5 ms bridged."""
    runs: list[tuple[int, int]] = []
    start = last = None
    for i, value in enumerate(samples):
        if abs(value) > threshold:
            if start is None or i - last > RATE // 200:
                if start is not None:
                    runs.append((start, last))
                start = i
            last = i
    if start is not None:
        runs.append((start, last))
    return runs


def test_disk_driver_shows_pause_within_a_buffer_and_resume_at_the_offset(
    tmp_path: Path, repo: Path
) -> None:
    raw = tmp_path / "out.raw"
    result = run_child(repo, {"SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(raw)})
    assert result["problem"] == ""
    samples = array("h", raw.read_bytes())
    first, second = loud_runs(samples)
    played_ms = (first[1] - first[0]) * 1000 // RATE
    assert 450 <= played_ms <= 800  # 600 ms of sleep, give or take the scheduler
    resumed_ms = (second[1] - second[0]) * 1000 // RATE
    assert 470 <= resumed_ms <= 520  # exactly the last 0.5 s of the clip, to within a buffer
    gap_ms = (second[0] - first[1]) * 1000 // RATE
    assert 300 <= gap_ms <= 600  # silence while paused


def test_missing_sound_device_falls_back_with_a_reason(repo: Path) -> None:
    result = run_child(repo, {"SDL_AUDIODRIVER": "no-such-driver"})
    assert result["problem"].startswith("Sound could not start")
