"""Pause and resume fade in the real mixer's output: no click at either cut.

A long cue, a 30 Hz tone (its own sample-to-sample steps are tiny), plays through ``SessionAudio``
and pygame's mixer in a child process, with SDL's disk driver, on the output stream's own clock,
and is paused and resumed at moments that fall anywhere within the mixer's buffers. In the file
SDL wrote, no sample may step from the one before by more than -40 dBFS: a cut from mid-swing to
silence steps by the wave's whole height. Each pause must still be silent soon after it is asked.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from audio.output.fades import FADE_FRAMES
from audio.output.mixer import BUFFER_FRAMES
from audio.pcm import RATE
from tests.audio_fixtures import mixed_in_child

CHILD = r"""
import json, sys, time
from pathlib import Path
from audio.output.mixer import PygameOutput
from audio.output.session import SessionAudio
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.player import Player
from tests.audio_fixtures import MixedFramesClock, tone

class LowVoice:
    name = "low"
    label = "Low tone"
    def load(self): return None
    def synthesize(self, text, speed): return tone(100 * len(text.split()), 30.0)

chain = VoiceChain(LowVoice(), ClipCache(Path(sys.argv[1])))
lesson = "id: t\ntitle: T\n---\n" + "word " * 60 + "\n"
timeline = timed_by_voice(parse_lesson_text(lesson), chain)
output = PygameOutput()
clock = MixedFramesClock()
player = Player(timeline, clock)
SessionAudio(chain, output).attach(player)

def run_for(ms):
    until = clock.now_ms() + ms
    while clock.now_ms() < until:
        time.sleep(0.002)
        player.tick()

began = clock.frames
player.play()
pauses = []
for playing in (310, 237, 401, 289, 353, 266):  # not multiples of a buffer: cuts fall anywhere
    run_for(playing)
    pauses.append(clock.frames)
    player.pause()
    run_for(150)
    player.toggle()
run_for(200)
output.close()
print(json.dumps({"pauses": pauses, "mixed": clock.frames}))
"""

STEP_LIMIT = round(32767 * 10 ** (-40 / 20))  # -40 dBFS


def test_pauses_and_resumes_fade_without_a_click(tmp_path: Path, repo: Path) -> None:
    result, samples, uncounted = mixed_in_child(
        repo, CHILD, tmp_path / "fades.raw", str(tmp_path / "cache")
    )
    silent = [abs(v) <= 2 for v in samples]
    for asked in result["pauses"]:
        at = asked + uncounted
        assert not silent[at - 1]  # sounding when the pause was asked (the tone is never 0 twice)
        quiet = next(i for i in range(at, len(samples)) if all(silent[i : i + 100]))
        # the next buffer mixed fades out: silent within a buffer and the fade (and a buffer's
        # slack for the tick loop of a busy machine)
        assert quiet - at <= 2 * BUFFER_FRAMES + FADE_FRAMES, quiet - at
        assert not all(silent[quiet + RATE // 10 : quiet + RATE // 4])  # and resumed
    steps = [abs(b - a) for a, b in itertools.pairwise(samples)]
    worst = max(steps)
    assert worst <= STEP_LIMIT, (worst, steps.index(worst) - uncounted, result["pauses"])
