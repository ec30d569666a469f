"""Real mixed audio through pygame's mixer, written by SDL's disk driver, read back and measured.

Each check runs in its own process because SDL reads its driver settings once, when the mixer
starts. The child plays for real (the disk driver runs in real time), so these are the only tests
where wall-clock time passes; the bounds allow a loaded machine a few buffers of slack.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from array import array
from pathlib import Path

from audio.pcm import RATE

CHILD = r"""
import json, sys, time
from audio.output.mixer import PygameOutput, open_output, BUFFER_FRAMES
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


LESSON_CHILD = r"""
import json, sys, time
from pathlib import Path
from audio.voices.cache import ClipCache
from audio.output.mixer import PygameOutput
from audio.output.session import SessionAudio
from audio.voices.chain import VoiceChain, timed_by_voice
from lesson_engine.playback.clock import MonotonicClock
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.player import Player
from tests.audio_fixtures import ToneVoice

chain = VoiceChain(ToneVoice(), ClipCache(Path(sys.argv[1])))
lesson = "id: t\ntitle: T\n---\nOne two.\n[pause 1s]\nThree.\n[pause 1s]\nFour five six.\n[pause 1s]\n"
timeline = timed_by_voice(parse_lesson_text(lesson), chain)
output = PygameOutput()
player = Player(timeline, MonotonicClock())
SessionAudio(chain, output).attach(player)
time.sleep(0.3)  # let the device settle before the first cue
player.play()
while player.state.value != "finished":
    wait = player.ms_until_next_boundary()
    time.sleep(min(wait or 5, 5) / 1000)
    player.tick()
time.sleep(0.3)
output.close()
print(json.dumps([e.start_ms for e in timeline.events if e.kind.value == "speech"]))
"""


def test_cues_start_in_the_mixed_output_where_the_timeline_says(tmp_path: Path, repo: Path) -> None:
    raw = tmp_path / "lesson.raw"
    env = {**os.environ, "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(raw)}
    done = subprocess.run(
        [sys.executable, "-c", LESSON_CHILD, str(tmp_path / "cache")],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    starts = json.loads(done.stdout.strip().splitlines()[-1])
    onsets = [start for start, _ in loud_runs(array("h", raw.read_bytes()))]
    assert len(onsets) == len(starts) == 3
    buffer_ms = 512 * 1000 / RATE
    for i in (1, 2):  # the distance between cues in the output is the distance in the timeline
        heard = (onsets[i] - onsets[0]) * 1000 / RATE
        planned = starts[i] - starts[0]
        assert abs(heard - planned) <= buffer_ms + 15, (i, heard, planned)


HOLD_MIXER = r"""
import sys
from audio.output.mixer import open_output
output, problem = open_output(True)
print("open" if output else problem, flush=True)
sys.stdin.readline()
"""


def test_with_the_mixer_open_the_system_can_still_stop_seesaw(repo: Path) -> None:
    """SDL must not swallow SIGTERM: logging out or `kill` has to end the app."""
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy"}
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_MIXER],
        cwd=repo,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        child.terminate()
        assert child.wait(timeout=20) == -signal.SIGTERM
    finally:
        child.kill()
        child.wait()
