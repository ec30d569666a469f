"""Cold start to the main window painted, against a bare PySide6 window started the same way.

Each measurement is a fresh process (a cold interpreter, warm disk cache, and a warm library
index as a returning learner has: the warm-up run writes it), timed from spawn to the moment the
child's window has handled its first expose (so it is painted): the same event for every child,
and the runs interleave. Goals (issue 20): painted ≤ 1.2x the bare window, everything wired
≤ 2x. Beside them: a bare window showing one line of text (for scale: the least any first screen
with words costs), the CPU each child had used by then (steadier than the wall clock on a
busy machine), and peak memory (max RSS), also with the neural voice loaded and speaking.

"Wired" is everything the learner sees on start, working: the journal open, the audio layer's
choice of voice made, the library read and checked, Today drawn, the resume offer made, Start
working, the sound device's opening scheduled. The player's code is not in it (reading and
timing a lesson, the player, what each event sounds like, the check-in and player screens), nor
what only follows a playing lesson (keep-awake, the media keys through MPRIS): they load in the
idle moments just after the wiring, a slice per turn of the event loop, or on the first Start
if that comes sooner, before its lesson begins (``ui/desktop/player/loading.py``). Nor are the
Exercises, Journal, Author and Settings pages: they are built when first visited
(``ui/desktop/pages_on_visit.py``), and their tabs and shortcuts are there from the first paint.
Nor are the sound device and the voice, which start loading, each on a thread of its own, once
the window is wired (``ui/desktop/real_parts.py``): a learner needs a second or two to reach Start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import NamedTuple

RUNS = 9
COMPILED: list[tuple[int, int]] = []
"""Each Seesaw child's dataclass methods compiled, and taken from the cache (``ui.method_cache``)."""

BARE = """
import resource, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def report(what):
    use = resource.getrusage(resource.RUSAGE_SELF)
    print(what, use.ru_maxrss, use.ru_utime + use.ru_stime, flush=True)

class AfterExpose(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose:
            QTimer.singleShot(0, lambda: (report("shown"), report("ready"), app.quit()))
        return False

app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1100, 760); w.show()
watch = AfterExpose(); w.windowHandle().installEventFilter(watch)
app.exec()
"""

BARE_TEXT = BARE.replace(
    "w = QMainWindow(); w.resize(1100, 760); w.show()",
    "from PySide6.QtCore import Qt\n"
    "from PySide6.QtWidgets import QLabel\n"
    "w = QMainWindow(); w.resize(1100, 760)\n"
    "w.setCentralWidget(QLabel('Lessons', alignment=Qt.AlignmentFlag.AlignCenter)); w.show()",
)
"""The same bare window showing one line of text: what any real first screen costs at least (Qt's
namespace of enums and the font database load on first use)."""

SEESAW = """
import resource, sys
from ui.main import prepare
prepare(desktop=True)  # as ``seesaw`` does before it imports the app
from ui.desktop.launch import run_until_ready

def report(what):
    use = resource.getrusage(resource.RUSAGE_SELF)
    print(what, use.ru_maxrss, use.ru_utime + use.ru_stime, flush=True)

launch = run_until_ready(lambda: report("shown"))
report("ready")
from ui import method_cache
print("methods", *method_cache.counts(), flush=True)
"""

WITH_VOICE = """
import resource, sys
from ui.desktop.launch import run_until_ready
from lesson_engine.timeline import Utterance
launch = run_until_ready()
launch.app.flow.audio.chain.clip_for(Utterance("Lie on your left side with your knees bent."))
use = resource.getrusage(resource.RUSAGE_SELF)
print("shown", use.ru_maxrss, use.ru_utime + use.ru_stime, flush=True)
print("ready", use.ru_maxrss, use.ru_utime + use.ru_stime, flush=True)
"""


def methods_counted(output: str) -> tuple[int, int] | None:
    """What a ``SEESAW`` child said of its dataclass methods: how many it compiled, and how many
    it took from the cache (``ui.method_cache.counts``); None if it did not say."""
    said = next(
        (line.split()[1:] for line in output.splitlines() if line.startswith("methods")), []
    )
    return (int(said[0]), int(said[1])) if said else None


class Run(NamedTuple):
    shown: float
    """Seconds from spawn to the first paint."""
    ready: float
    """Seconds from spawn to everything wired."""
    peak_kb: int
    cpu_shown: float
    """Seconds of CPU the child had used (every thread, user and system) at the first paint:
    steadier than the wall clock on a machine shared with other work."""
    cpu_ready: float


def measure(code: str) -> Run:
    """One cold start in a fresh process."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # As installed for a learner: modules load from cached bytecode (the warm-up run writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,  # Qt's offscreen plugin chatters; shown only if the child fails
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    shown_line = proc.stdout.readline()
    shown = time.perf_counter() - start
    ready_line = proc.stdout.readline()
    ready = time.perf_counter() - start
    rest = proc.stdout.read()  # what readline has buffered is only here, not in communicate
    _, errors = proc.communicate()
    methods = methods_counted(rest)
    if methods is not None:
        COMPILED.append(methods)
    if not shown_line.startswith("shown") or not ready_line.startswith("ready"):
        raise RuntimeError(f"the child did not show a window: {shown_line!r} {errors}")
    shown_cpu = shown_line.split()[2]
    _, ready_kb, ready_cpu = ready_line.split()
    return Run(shown, ready, int(ready_kb), float(shown_cpu), float(ready_cpu))


def main() -> None:
    # A private home for the children: the learner's own journal is never touched, and a Seesaw
    # already open on this computer cannot make a child wait on its "already open" message.
    previous = os.environ.get("SEESAW_HOME")
    with tempfile.TemporaryDirectory(prefix="seesaw-bench-") as home:
        os.environ["SEESAW_HOME"] = home
        try:
            run_all()
        finally:
            if previous is None:
                del os.environ["SEESAW_HOME"]
            else:
                os.environ["SEESAW_HOME"] = previous


def spread(seconds: list[float]) -> str:
    """Median and range in milliseconds, as the issue's note reports them."""
    ms = sorted(s * 1000 for s in seconds)
    return f"{statistics.median(ms):.0f} ms ({ms[0]:.0f}–{ms[-1]:.0f})"


def run_all() -> None:
    measure(BARE)  # warm the disk cache for both
    measure(SEESAW)
    bare: list[Run] = []
    text: list[Run] = []
    ours: list[Run] = []
    for _ in range(RUNS):  # interleaved, so a busy moment on the machine hits all alike
        bare.append(measure(BARE))
        text.append(measure(BARE_TEXT))
        ours.append(measure(SEESAW))

    def median(runs: list[Run], field: str) -> float:
        return statistics.median(getattr(r, field) for r in runs)

    bare_ms = median(bare, "shown")
    print(f"cold start to the window painted, median (range) of {RUNS} interleaved runs:")
    print(f"  bare PySide6 window            {spread([r.shown for r in bare])}")
    print(f"  bare window with one text line {spread([r.shown for r in text])}")
    print(f"  Seesaw                         {spread([r.shown for r in ours])}")
    print(
        f"  ratio {median(ours, 'shown') / bare_ms:.2f}x the bare window (goal ≤ 1.2x); "
        f"{median(ours, 'shown') / median(text, 'shown'):.2f}x the window with text "
        f"(which is {median(text, 'shown') / bare_ms:.2f}x)"
    )
    print(
        "cold start to everything the learner sees on start wired (journal open, resume offered, "
        "Today and the lessons built, Start working; the player's code just after, other pages "
        f"on first visit): {spread([r.ready for r in ours])}"
    )
    print(f"  ratio {median(ours, 'ready') / bare_ms:.2f}x the bare window (goal ≤ 2x)")
    per_run = [r.ready / b.shown for r, b in zip(ours, bare, strict=True)]
    print(
        f"  run by run (each against the bare window started just before it): "
        f"{min(per_run):.2f}x–{max(per_run):.2f}x"
    )
    bare_cpu = median(bare, "cpu_shown")
    print(
        "CPU the process used (all threads), medians: bare "
        f"{bare_cpu * 1000:.0f} ms, text {median(text, 'cpu_shown') * 1000:.0f} ms; Seesaw "
        f"{median(ours, 'cpu_shown') * 1000:.0f} ms to the paint "
        f"({median(ours, 'cpu_shown') / bare_cpu:.2f}x), "
        f"{median(ours, 'cpu_ready') * 1000:.0f} ms to wired ({median(ours, 'cpu_ready') / bare_cpu:.2f}x)"
    )
    print(
        f"peak memory: bare {max(r.peak_kb for r in bare) / 1024:.0f} MB, "
        f"Seesaw {max(r.peak_kb for r in ours) / 1024:.0f} MB"
    )
    compiled, reused = COMPILED[-1]
    print(
        f"dataclass methods in the last start: {compiled} compiled, {reused} from the cache "
        f"(the warm-up start compiled {COMPILED[0][0]}: ui/method_cache.py)"
    )
    voiced = measure(WITH_VOICE).peak_kb
    print(
        f"peak memory with the neural voice loaded and speaking: {voiced / 1024:.0f} MB "
        "(goal ≤ 300 MB, issue 20; over ten lessons, against baselines: bench/memory.py)"
    )


if __name__ == "__main__":
    main()
