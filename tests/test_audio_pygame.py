"""Real mixed audio through pygame's mixer, written by SDL's disk driver, read back and measured.

Each check runs in its own process because SDL reads its driver settings once, when the mixer
starts. The child plays for real (the disk driver runs in real time), so these are the only tests
where wall-clock time passes. The mixer's own check allows a loaded machine a few buffers of
slack; the lesson runs on the output stream's own clock, so a busy machine cannot move sound
against the timeline.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from array import array
from pathlib import Path

from audio.output.fades import FADE_FRAMES
from audio.output.mixer import BUFFER_FRAMES
from audio.pcm import RATE
from tests.audio_fixtures import mixed_in_child, tone
from tests.child_python import python_json

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
    result = python_json(repo, CHILD, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw))
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
    result = python_json(repo, CHILD, SDL_AUDIODRIVER="no-such-driver")
    assert result["problem"].startswith("Sound could not start")


LESSON_CHILD = r"""
import json, sys
from pathlib import Path
from audio.voices.cache import ClipCache
from audio.output.mixer import PygameOutput
from audio.output.session import SessionAudio
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.events import EventStarted
from lesson_engine.playback.player import Player
from tests.audio_fixtures import MixedFramesClock, ToneVoice, play_through

chain = VoiceChain(ToneVoice(), ClipCache(Path(sys.argv[1])))
lesson = "id: t\ntitle: T\n---\nOne two.\n[pause 1s]\nThree.\n[pause 1s]\nFour five six.\n[pause 1s]\n"
timeline = timed_by_voice(parse_lesson_text(lesson), chain)
output = PygameOutput()
clock = MixedFramesClock()
player = Player(timeline, clock, start_ms=int(sys.argv[2]))
SessionAudio(chain, output).attach(player)
started = []  # (cue start, offset into it) each time the player starts a cue's sound
def note(event):
    if isinstance(event, EventStarted) and event.event.kind.value == "speech":
        started.append((event.event.start_ms, event.offset_ms))
player.subscribe(note)
began = clock.frames
play_through(player)
output.close()
speech = [(e.start_ms, e.end_ms) for e in timeline.events if e.kind.value == "speech"]
print(json.dumps({"speech": speech, "started": started, "began": began, "mixed": clock.frames}))
"""

# Where the lesson begins: inside its first cue, "One two." (0-200 ms), as after a resume. The
# 440 Hz tone repeats exactly every 100 ms; 150 ms is half-way between repeats, so a clip played
# from its beginning instead would be placed 50 ms off, beyond the tolerance.
BEGIN_MS = 150


def clip_frames_playing(sound: array[int], clip: array[int]) -> list[int]:
    """Every frame of the clip from which it plays exactly ``sound``: the mixer copies samples.

    The first and last few ms may be a fade (a clip started mid-way, or stopped), so only the
    samples between them must be the clip's own."""
    inner = sound[FADE_FRAMES : len(sound) - FADE_FRAMES]
    n = len(inner)
    return [
        k - FADE_FRAMES
        for k in range(FADE_FRAMES, len(clip) - n + 1)
        if clip[k] == inner[0] and clip[k : k + n] == inner
    ]


def test_each_cue_is_heard_where_the_timeline_places_it_on_the_streams_own_clock(
    tmp_path: Path, repo: Path
) -> None:
    """Samples, start and end of every cue line up with the timeline, in stream time.

    The player runs on the count of frames mixed so far (``MixedFramesClock``), so positions in
    the timeline and sound in the output share one time however far the disk driver falls behind
    the wall clock. Then each cue's clip must sit where the timeline places it, to within a buffer
    plus a tick, and start within that of the tick that started it. Nothing here bounds how late
    the OS runs this child's tick loop: a late tick starts the clip mid-way, still in step.
    """
    result, samples, uncounted = mixed_in_child(
        repo, LESSON_CHILD, tmp_path / "lesson.raw", str(tmp_path / "cache"), str(BEGIN_MS)
    )
    # The file also holds what SDL wrote before the clock counted (silence while the device was
    # still paused); from there on, frame for frame, it is what the clock counted.
    assert uncounted >= 0

    def position_ms(frame: int) -> float:
        """Where a frame of the file falls in the lesson, by the stream's clock."""
        return BEGIN_MS + (frame - uncounted - result["began"]) * 1000 / RATE

    runs = loud_runs(samples)
    speech, started = result["speech"], result["started"]
    assert [start for start, _ in started] == [start for start, _ in speech]  # each cue, once
    assert len(runs) == len(speech) == 3
    tolerance_ms = BUFFER_FRAMES * 1000 / RATE + 15  # one mixer buffer, plus a tick
    placed: list[float] = []
    for i, ((first, last), (start, end), (_, offset)) in enumerate(
        zip(runs, speech, started, strict=True)
    ):
        # The sound is exactly the cue's clip (ToneVoice: a tone as long as the cue), and where
        # those samples put the clip's first frame is where the timeline puts the cue.
        clip = array("h", tone(end - start).pcm)
        sound = samples[first : last + 1]
        candidates = [position_ms(first - k) for k in clip_frames_playing(sound, clip)]
        assert candidates, ("not the cue's clip", i)
        placed.append(min(candidates, key=lambda p: abs(p - start)))
        assert abs(placed[i] - start) <= tolerance_ms, ("placed", i, candidates, start)
        # It starts with the tick that started it, and ends where the timeline ends the cue.
        heard = position_ms(first), position_ms(last + 1)
        assert abs(heard[0] - (start + offset)) <= tolerance_ms, ("start", i, heard, offset)
        assert abs(heard[1] - end) <= tolerance_ms, ("end", i, heard, end)
        # The distance from the first cue is the distance in the timeline, as it always was.
        apart = placed[i] - placed[0]
        assert abs(apart - (start - speech[0][0])) <= tolerance_ms, ("apart", i, apart)


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
