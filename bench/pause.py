"""Pause: from the moment it is asked to silence in the output, 50 pauses at random moments.

A lesson of one long 1 kHz cue plays through ``SessionAudio`` and pygame's real mixer with SDL's
disk driver (a child process), on the output stream's own clock, and is paused at random moments
and resumed. Every buffer is timed the moment the mixer mixes it (the post-mix count, which the
disk driver writes at once), so the file SDL wrote says when, on the wall clock, each of its
samples sounded. Key to silence is from ``player.pause()`` to the first sample after which the
output stays silent. The baseline, in the same run: the same clip on a bare pygame channel, cut by
``Channel.stop()`` at random moments (no player, no fade). Goal: 95th percentile ≤ 28 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from array import array
from pathlib import Path

from audio.pcm import RATE

PAUSES = 50
GOAL_MS = 28.0

CHILD = r"""
import json, random, sys, time
from pathlib import Path
from audio.output import stream_count

class TimedFrames(stream_count.MixedFrames):
    def __init__(self, *args):
        self.stamps = []  # (wall time the buffer was mixed, frames counted before it)
        super().__init__(*args)
    def _count(self, udata, stream, length):
        self.stamps.append((time.perf_counter(), self.frames))
        super()._count(udata, stream, length)

stream_count.MixedFrames = TimedFrames
from audio.output.mixer import PygameOutput
from audio.output.session import SessionAudio
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.player import Player
from tests.audio_fixtures import MixedFramesClock, tone

class LoudVoice:
    name = "loud"
    label = "1 kHz tone"
    def load(self): return None
    def synthesize(self, text, speed): return tone(100 * len(text.split()), 1000.0)

pauses, rng = int(sys.argv[2]), random.Random(20)
chain = VoiceChain(LoudVoice(), ClipCache(Path(sys.argv[1])))
timeline = timed_by_voice(parse_lesson_text("id: t\ntitle: T\n---\n" + "word " * 600 + "\n"), chain)
output = PygameOutput()
counter = stream_count.install()
clock = MixedFramesClock()
start = clock.frames
player = Player(timeline, clock)
SessionAudio(chain, output).attach(player)

def run_for(seconds):
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        time.sleep(0.002)
        player.tick()

asked = {"seesaw": [], "bare": []}
player.play()
for _ in range(pauses):
    run_for(rng.uniform(0.12, 0.4))
    asked["seesaw"].append(time.perf_counter())
    player.pause()
    run_for(0.12)
    player.toggle()
player.pause()
time.sleep(0.1)
import pygame
bare, clip = pygame.mixer.Channel(2), pygame.mixer.Sound(buffer=tone(60_000, 1000.0).pcm)
for _ in range(pauses):
    bare.play(clip)
    time.sleep(rng.uniform(0.12, 0.4))
    asked["bare"].append(time.perf_counter())
    bare.stop()
    time.sleep(0.12)
output.close()
print(json.dumps({"asked": asked, "stamps": counter.stamps, "mixed": counter.frames}))
"""


def key_to_silence_ms(
    samples: array[int], uncounted: int, stamps: list, asked: list
) -> list[float]:
    """For each moment asked: the wall time from it to the first sample after which the output
    stays silent for 50 ms (a sample sounds when its buffer is mixed, plus its place in it)."""
    silent_run = RATE // 20
    out = []
    for moment in asked:
        j = next(i for i, (when, _) in enumerate(stamps) if when > moment)
        frame = stamps[j][1]  # the first frame mixed after the ask
        while frame < len(samples) - uncounted and any(
            abs(v) > 2 for v in samples[uncounted + frame : uncounted + frame + silent_run]
        ):
            frame += 1
        k = max(i for i, (_, before) in enumerate(stamps) if before <= frame)
        out.append((stamps[k][0] + (frame - stamps[k][1]) / RATE - moment) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    work = Path(tempfile.mkdtemp())
    raw = work / "pause.raw"
    env = {**os.environ, "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(raw)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(work / "cache"), str(PAUSES)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    samples = array("h", raw.read_bytes())
    uncounted = len(samples) - result["mixed"]
    figures = {
        who: key_to_silence_ms(samples, uncounted, result["stamps"], asked)
        for who, asked in result["asked"].items()
    }
    ours, bare = figures["seesaw"], figures["bare"]
    print(
        f"pause, key to silence in the output ({PAUSES} pauses at random moments): "
        f"p95 {p95(ours):.1f} ms, median {statistics.median(ours):.1f}, max {max(ours):.1f} "
        f"(goal p95 ≤ {GOAL_MS:.0f} ms); a bare channel cut: p95 {p95(bare):.1f} ms, median "
        f"{statistics.median(bare):.1f}; ratio {p95(ours) / p95(bare):.2f}x"
    )


if __name__ == "__main__":
    main()
