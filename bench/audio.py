"""Audio benchmarks: tones when due, first sound after Start, voice speed.

- Tones when due: the bell and a metronome clip made at the moment they are due, against made
  ahead of time, as the app does while the learner checks in.
- (Pause latency, key to silence in the output: ``bench/pause.py``.)
- First sound: from Start to the first clip handed to the output, with an empty and a warm clip
  cache (cold includes loading the neural voice). Goals 1.5 s / 0.25 s.
- (Rendering a 45-minute lesson, the whole process, against sox: ``bench/render.py``.)
- The voice's real-time factor: seconds of synthesis per second of speech.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import PiperVoice, pick_voice
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.script.parser import load_lesson
from lesson_engine.timeline import EventKind, compile_timeline


def first_sound() -> None:
    lesson = load_lesson(bundled_lessons_dir() / "weight-shift" / "weight-shift-1.lesson")
    folder = Path(tempfile.mkdtemp())
    for label in ("cold", "warm"):  # warm: the same cache again, now holding the first cue
        start = time.perf_counter()
        chain = VoiceChain(pick_voice("auto"), ClipCache(folder))
        timeline = compile_timeline(lesson, chain.duration_of)
        first = next(e for e in timeline.events if e.kind is EventKind.SPEECH)
        chain.clip_for(first.utterance)
        elapsed = time.perf_counter() - start
        goal = 1.5 if label == "cold" else 0.25
        print(
            f"first sound after Start, {label} cache: {elapsed:.2f} s (goal ≤ {goal} s) — {chain.description}"
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
    first_sound()
    real_time_factor()


if __name__ == "__main__":
    main()
