"""Recording a cue: the microphone through SDL's disk driver, and the take trimmed and matched.

SDL's disk driver reads its "microphone" from a file (``SDL_DISKAUDIOFILEIN``) in the format the
device was opened in, so the test knows every sample the microphone heard. It runs in real time
in a child process (the driver is chosen when SDL starts), which waits for the samples to arrive.
"""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import pytest

from audio.capture.takes import (
    DEFAULT_SPEECH_RMS,
    MAX_PEAK,
    UnusableTake,
    matched,
    ready,
    save_take,
    speech_rms,
    trimmed,
)
from audio.pcm import RATE, Clip, silence
from audio.voices.synthesis import decode_recording
from tests.audio_fixtures import tone
from tests.recording_fixtures import run_with_microphone, spoken_take

CHILD = """
import json, sys, time
from audio.output.mixer import PygameOutput
from audio.capture.microphone import Microphone
output = PygameOutput()
mic = Microphone()
mic.start()
levels = []
started = time.monotonic()
while mic.take().frames < int(sys.argv[1]) and time.monotonic() - started < 20:
    levels.append(mic.level())
    time.sleep(0.02)  # the disk driver hands over one buffer every 23 ms, in real time
take = mic.stop()
output.close()
sys.stdout.buffer.write(take.pcm)
with open(sys.argv[2], "w") as meter:
    json.dump(levels, meter)
"""


def test_the_microphone_hears_what_sdl_captures_sample_for_sample(
    tmp_path: Path, repo: Path
) -> None:
    heard = spoken_take()
    wanted = RATE * 2  # two seconds: the quiet start, the phrase and a little after
    levels_file = tmp_path / "levels.json"
    done = run_with_microphone(repo, CHILD, heard, tmp_path, str(wanted), str(levels_file))
    take = Clip(done.stdout)
    assert take.frames >= wanted
    assert take.pcm == heard.pcm[: len(take.pcm)]
    levels = json.loads(levels_file.read_text())
    assert max(levels) == pytest.approx(8000 / 4 / 32768, abs=0.01)  # the meter saw the phrase


def test_a_take_is_trimmed_to_its_sound_and_made_as_loud_as_the_voice(tmp_path: Path) -> None:
    take = spoken_take()
    cut = trimmed(take)
    assert 1_200 + 300 <= cut.duration_ms <= 1_200 + 100 + 250 + 20  # a little room kept each side
    voice = Clip(array("h", (v // 2 for v in array("h", tone(800, 300.0).pcm))).tobytes())
    level = ready(take, voice)
    assert speech_rms(level) == pytest.approx(speech_rms(voice), rel=0.02)
    assert speech_rms(ready(take, None)) == pytest.approx(DEFAULT_SPEECH_RMS, rel=0.02)


def test_a_quiet_take_is_raised_but_never_clipped() -> None:
    loud_voice = Clip(
        array("h", (min(32767, v * 4) for v in array("h", tone(800, 300.0).pcm))).tobytes()
    )
    level = matched(trimmed(spoken_take()), loud_voice)
    assert max(abs(v) for v in array("h", level.pcm)) <= MAX_PEAK


def test_a_silent_take_is_refused_with_a_reason() -> None:
    with pytest.raises(UnusableTake, match="nothing was heard"):
        ready(silence(2_000), None)


def test_a_take_is_saved_beside_the_lesson_without_replacing_another(tmp_path: Path) -> None:
    clip = trimmed(spoken_take())
    first = save_take(clip, tmp_path / "clips", "Lie on your back, knees bent.")
    second = save_take(clip, tmp_path / "clips", "Lie on your back, knees bent.")
    assert (first.name, second.name) == (
        "lie-on-your-back-knees.wav",
        "lie-on-your-back-knees-2.wav",
    )
    assert decode_recording(first).pcm == clip.pcm
