"""Audio benchmarks: tones when due, first sound after Start, voice speed.

- Tones when due: the bell and a metronome clip made at the moment they are due, against made
  ahead of time, as the app does while the learner checks in.
- (Pause latency, key to silence in the output: ``bench/pause.py``.)
- First sound: from Start to the first cue's sound ready, after a short check-in with an empty
  clip cache (the neural voice loaded from cold, in a fresh process, while the learner picks a
  lesson and checks in), and how long the window was held. Three ways, interleaved: Seesaw as a
  returning learner starts it (the voice's model kept prepared from an earlier start,
  ``audio/voices/prepared_model.py``), Seesaw's very first start (nothing prepared), and the old
  way (the cue made on the UI thread). Goal ≤ 0.3 s, and the window never held. Run it beside
  two busy loops as well (``nice -n 19 python -c 'while 1: pass' &``, twice): on a quiet machine
  every way but the old one is ready before Start.
- (Rendering a 45-minute lesson, the whole process, against sox: ``bench/render.py``.)
- The voice's real-time factor: seconds of synthesis per second of speech.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from audio.voices.synthesis import PiperVoice

FIRST_SOUND_CHILD = r"""
import json, sys, tempfile, time
from pathlib import Path
from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import pick_voice
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.script.parser import load_lesson
from lesson_engine.timeline import EventKind, compile_timeline

way, checkin_s, kept, pick_s = sys.argv[1], float(sys.argv[2]), sys.argv[3], 1.0
lesson = load_lesson(bundled_lessons_dir() / "weight-shift" / "weight-shift-1.lesson")
voice = pick_voice("auto", Path(kept) if kept else None)
made = []
synthesize = voice.synthesize
voice.synthesize = lambda text, speed: made.append(text) or synthesize(text, speed)
audio = LessonAudio(VoiceChain(voice, ClipCache(Path(tempfile.mkdtemp()))), NullOutput(), [])
timeline = compile_timeline(lesson, audio.duration_of)  # the app is up (its audio wired)
first = next(e for e in timeline.events if e.kind is EventKind.SPEECH).utterance
longest = 0.0
def ui(seconds):  # the UI thread's event loop, every 5 ms: the longest it was kept from running
    global longest
    last = time.perf_counter()
    until = last + seconds
    while (now := time.perf_counter()) < until:
        longest = max(longest, now - last)
        last = now
        time.sleep(0.005)
def blocked(work):
    global longest
    start = time.perf_counter()
    result = work()
    longest = max(longest, time.perf_counter() - start)
    return result
ui(pick_s)  # a lesson is picked
audio.prepare(timeline)  # the check-in is on screen
ui(checkin_s)
start = time.perf_counter()  # Start
if way != "before":  # as FirstSound: a tenth of a second, then a look every 10 ms
    ready = blocked(lambda: audio.first_ready(timeline, 0, 0.1))
    while not ready:
        ui(0.01)
        ready = blocked(lambda: audio.first_ready(timeline, 0))
else:  # as before: the first cue made on the UI thread
    blocked(lambda: audio.chain.clip_for(first))
heard = time.perf_counter() - start
audio.close()
print(json.dumps({"first": heard, "frozen": longest, "made": made.count(first.text)}))
"""

FIRST_SOUND_GOAL_S = 0.3


WAYS = {"seesaw": "Seesaw", "first start": "the first start", "before": "the old way"}


def first_sound(repo: Path, runs: int = 3) -> None:
    """Start after a check-in of 1.5 s and of 3 s, a second after the app is up to pick the
    lesson, an empty clip cache, the neural voice loaded from cold (a fresh process each): the
    three ``WAYS``, interleaved."""
    if not PiperVoice.installed():
        print("first sound after Start: the neural voice is not installed")
        return
    with tempfile.TemporaryDirectory(prefix="seesaw-bench-") as folder:
        kept = str(Path(folder) / "kept")
        PiperVoice(Path(kept)).load()  # an earlier start prepared the model
        for checkin in (1.5, 3.0):
            figures: dict[str, list[dict[str, float]]] = {way: [] for way in WAYS}
            for _ in range(runs):
                for way, results in figures.items():
                    fresh = tempfile.mkdtemp(dir=folder)  # nothing kept: the very first start
                    keep = {"seesaw": kept, "first start": fresh}.get(way, "")
                    done = subprocess.run(
                        [sys.executable, "-c", FIRST_SOUND_CHILD, way, str(checkin), keep],
                        cwd=repo,
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(
                f"first sound after Start, cold voice, empty clip cache, {checkin:.1f} s check-in "
                f"(goal ≤ {FIRST_SOUND_GOAL_S} s), median (range) of {runs} interleaved runs:"
            )
            for way, name in WAYS.items():
                ours = figures[way]
                heard = sorted(r["first"] for r in ours)
                print(
                    f"  {name:16} {statistics.median(heard):.2f} s ({heard[0]:.2f}–{heard[-1]:.2f}), "
                    f"window held at most {max(r['frozen'] for r in ours) * 1000:.0f} ms, "
                    f"first cue made {max(r['made'] for r in ours):.0f}x"
                )


TONE_CHILD = r"""
import json, time
from audio import sounds
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import compile_timeline
timeline = compile_timeline(parse_lesson_text("id: t\ntitle: T\n---\nLie down.\n[bell]\n[metronome 90 for 30s]\n"))
def due():  # what the session asks at the moment each tone is due
    start = time.perf_counter()
    for event in timeline.events:
        sounds.sound_for(event, lambda u: None)
    return time.perf_counter() - start
cold = due()
sounds.prepare_sounds(timeline)
print(json.dumps({"cold": cold, "made": due()}))
"""


def tones_when_due(repo: Path) -> None:
    """A bell and a metronome's clip at the moment they are due: made then (a fresh process),
    against made ahead by ``prepare_sounds`` (the app does this while the learner checks in)."""
    done = subprocess.run(
        [sys.executable, "-c", TONE_CHILD], cwd=repo, capture_output=True, text=True, check=True
    )
    times = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"bell + metronome clip when due: made then {times['cold'] * 1000:.1f} ms, made ahead "
        f"{times['made'] * 1000:.2f} ms (ratio {times['made'] / times['cold']:.3f}; "
        "goal: only starting playback, well under one 23 ms buffer)"
    )


def real_time_factor() -> None:
    if not PiperVoice.installed():
        print("voice real-time factor: the neural voice is not installed")
        return
    voice = PiperVoice()
    voice.synthesize("Warm up.", 1.0)
    text = "Lie on your left side with your knees bent, and notice where your weight presses into the floor."
    start = time.perf_counter()
    clip = voice.synthesize(text, 1.0)
    elapsed = time.perf_counter() - start
    print(
        f"voice real-time factor: {elapsed / (clip.duration_ms / 1000):.3f} "
        f"({clip.duration_ms / 1000 / elapsed:.0f}× faster than real time)"
    )


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    tones_when_due(repo)
    first_sound(repo)
    real_time_factor()


if __name__ == "__main__":
    main()
