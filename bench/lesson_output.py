"""A whole lesson in the real mixed output, beside a program filling the disk: is any cue late?

Issue 20's first goal: nothing slow on the thread that drives playback. Here a lesson of 30 cues
(sections, repeats, pauses, about 70 s) plays through the app's own audio (``LessonAudio`` on
pygame's mixer) in a child process whose SDL writes the mixed output to a file (the disk driver),
on the output stream's own clock, ticked as the app's timer ticks it. Every checkpoint the player
asks for (each transition, every 5 s) is saved to a real journal in the same folder, while a
second process writes 256 MB over and over beside it, with an fsync every 64 MB. Three ways,
interleaved in rounds:

- **bare**: the same lesson, clips and mixer, the checkpoints thrown away (the baseline);
- **inline**: each checkpoint written and fsynced on the driving thread (Seesaw before #20);
- **writer**: the journal's ``DurableWriter`` attached, as the app does.

Each cue is a tone of known length (the voice is not what is measured), so its first sound can
be found in the output. For every cue it reports how late its sound began in the output against
where the timeline puts it (a late tick starts the clip that far in, so its opening is lost), and
the same as the player saw it (the offset it started the clip at). Goal: every cue of the writer
within one mixer buffer of the bare scheduler, and no clip started late by more than a buffer.

``python -m bench lesson_output [rounds]``
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from array import array
from pathlib import Path

from audio.output.mixer import BUFFER_FRAMES
from audio.pcm import RATE
from bench.checkpoint_writes import HOG

BUFFER_MS = BUFFER_FRAMES * 1000 / RATE
WAYS = ("bare", "inline", "writer")

LESSON = "id: output-bench\ntitle: Output bench\n---\n" + "".join(
    f"# Part {n}\nLie on your side and let the top knee rest.\n[pause 1s]\n"
    "[repeat 2 every 3s]\n    Lift the knee a little, then let it down.\n"
    "Roll onto your back.\n[pause 1s]\nNotice the floor under you.\n[pause 2s]\n"
    for n in range(1, 7)
)
"""Six parts of five cues (a repeat of two among them): 30 cues, about 70 s."""

CHILD = r"""
import json, math, sys, time
from array import array
from pathlib import Path
from audio.lesson_audio import LessonAudio
from audio.output import stream_count
from audio.output.mixer import PygameOutput
from audio.pcm import RATE, Clip, frames_to_ms
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.writer import DurableWriter
from lesson_engine.playback.events import CheckpointDue, EventStarted
from lesson_engine.playback.player import Player
from lesson_engine.playback.state import PlayerState
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import EventKind

way, folder, lesson = sys.argv[1], Path(sys.argv[2]), sys.argv[3]

class ToneVoice:
    name, label = "tone", "Bench tone"
    def load(self): return None
    def synthesize(self, text, speed):
        frames = RATE * 90 * len(text.split()) // 1000
        wave = (int(8000 * math.sin(2 * math.pi * 440 * n / RATE)) for n in range(frames))
        return Clip(array("h", wave).tobytes())

class StreamClock:
    def __init__(self):
        self.counter = stream_count.install()
        self.start = self.counter.frames
    def now_ms(self):
        return frames_to_ms(self.counter.frames - self.start)

chain = VoiceChain(ToneVoice(), ClipCache(folder / "cache"))
timeline = timed_by_voice(parse_lesson_text(lesson), chain)
audio = LessonAudio(chain, PygameOutput(), [])
audio.prepare(timeline)
assert audio.first_ready(timeline, 0, wait_s=60)
while audio.progress()[0] < audio.progress()[1]:
    time.sleep(0.05)  # every clip made before the lesson starts: only the journal differs
journal = None if way == "bare" else Journal.open(folder / "journal")
if way == "writer":
    journal.attach(DurableWriter())
clock = StreamClock()
player = Player(timeline, clock)
audio.attach(player)
starts = []
def seen(event):
    if isinstance(event, CheckpointDue) and journal is not None:
        journal.save_checkpoint(event.checkpoint.to_dict())
    elif isinstance(event, EventStarted) and event.event.kind is EventKind.SPEECH:
        starts.append((event.event.start_ms, event.offset_ms))
player.subscribe(seen)
began = clock.counter.frames - clock.start
player.play()
while player.state is not PlayerState.FINISHED:
    wait = player.ms_until_next_boundary()
    time.sleep(min(wait or 5, 5) / 1000)
    player.tick()
audio.close()
if journal is not None:
    journal.close()
mixed = clock.counter.frames - clock.start
print(json.dumps({"starts": starts, "began": began, "mixed": mixed}))
"""


def onsets_ms(samples: array[int], uncounted: int, began: int) -> list[float]:
    """Where each tone's sound begins, in ms on the player's clock: runs of sound apart by at
    least 100 ms of silence (the lesson's gaps are 1 s and more; a tone has no silence in it)."""
    found: list[float] = []
    quiet_since = -RATE  # frames
    for index, value in enumerate(samples):
        if abs(value) > 200:
            if index - quiet_since > RATE // 10:
                found.append((index - uncounted - began) * 1000 / RATE)
            quiet_since = index
    return found


def run(way: str, root: Path) -> dict[int, tuple[float, int]]:
    """One play of the lesson: for each cue (by where the timeline starts it) how late its sound
    began in the output, and how far into its clip the player started it."""
    folder = Path(tempfile.mkdtemp(prefix=f"{way}-", dir=root))
    raw = folder / "out.raw"
    env = {**os.environ, "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(raw)}
    env.pop("SDL_DISKAUDIODELAY", None)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, way, str(folder), LESSON],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the {way} child failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    samples = array("h", raw.read_bytes())
    uncounted = len(samples) - int(result["mixed"])
    shutil.rmtree(folder, ignore_errors=True)
    starts = [(int(start), int(offset)) for start, offset in result["starts"]]
    heard = onsets_ms(samples, uncounted, int(result["began"]))
    if len(heard) != len(starts):
        raise RuntimeError(f"{way}: {len(starts)} cues played but {len(heard)} heard")
    return {
        start: (onset - start, offset) for onset, (start, offset) in zip(heard, starts, strict=True)
    }


def main(rounds: int = 3) -> None:
    root = Path(tempfile.mkdtemp(prefix="seesaw-bench-output-"))
    hog = subprocess.Popen([sys.executable, "-c", HOG, str(root / "hog.bin")])
    plays: dict[str, list[dict[int, tuple[float, int]]]] = {way: [] for way in WAYS}
    try:
        for _ in range(rounds):
            for way in WAYS:  # interleaved: a busy moment on the disk hits every way alike
                plays[way].append(run(way, root))
    finally:
        hog.kill()
        hog.wait()
        shutil.rmtree(root, ignore_errors=True)
    cues = sorted(plays["bare"][0])
    print(
        f"a {len(cues)}-cue lesson in the disk driver's output, {rounds} rounds, beside a process "
        f"writing 64 MB between fsyncs; one mixer buffer is {BUFFER_MS:.1f} ms"
    )
    for way in WAYS:
        worst = [max(late for late, _ in play.values()) for play in plays[way]]
        seen = [max(offset for _, offset in play.values()) for play in plays[way]]
        line = (
            f"{way:>6}: latest cue heard {statistics.median(worst):+.1f} ms after its time "
            f"(runs {min(worst):+.1f} to {max(worst):+.1f}); latest clip start as the player saw "
            f"it {statistics.median(seen):.0f} ms (runs {min(seen)}-{max(seen)})"
        )
        if way != "bare":
            missing = sum(1 for play in plays[way] for cue in cues if cue not in play)
            behind = max(
                play[cue][0] - base[cue][0]
                for play, base in zip(plays[way], plays["bare"], strict=True)
                for cue in cues
                if cue in play and cue in base
            )
            late_cues = sum(
                1 for play in plays[way] for _, offset in play.values() if offset > BUFFER_MS
            )
            met = behind <= BUFFER_MS and late_cues == 0 and missing == 0
            line += (
                f"\n        worst cue behind the bare scheduler's same cue: {behind:+.1f} ms; "
                f"clips started more than a buffer late: {late_cues}, never started: {missing}, "
                f"of {len(cues) * rounds} (goal: within one buffer, none late: "
                f"{'met' if met else 'NOT met'})"
            )
        print(line)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
