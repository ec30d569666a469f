"""Cold start to the main window painted, against a bare PySide6 window started the same way.

Each measurement is a fresh process (a cold interpreter, warm disk cache), timed from spawn to
the moment the child's window has handled its first expose (so it is painted): the same event for
every child, and the runs interleave. Goal: Seesaw ≤ 1.5x the bare window. Beside it: a bare
window showing one line of text (for scale), Seesaw's time to everything wired (journal, engine,
audio, all pages), and peak memory (max RSS), also with the neural voice loaded and speaking.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 7

BARE = """
import resource, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def report(what):
    print(what, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)

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
from ui.desktop.launch import run_until_ready

def report(what):
    print(what, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)

launch = run_until_ready(lambda: report("shown"))
report("ready")
"""

WITH_VOICE = """
import resource, sys
from ui.desktop.launch import run_until_ready
from lesson_engine.timeline import Utterance
launch = run_until_ready()
launch.app.flow.audio.chain.clip_for(Utterance("Lie on your left side with your knees bent."))
print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
print("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def measure(code: str) -> tuple[float, float, int]:
    """Seconds to the first paint, seconds to everything wired, and peak memory in kB."""
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
    _, errors = proc.communicate()
    if not shown_line.startswith("shown") or not ready_line.startswith("ready"):
        raise RuntimeError(f"the child did not show a window: {shown_line!r} {errors}")
    return shown, ready, int(ready_line.split()[1])


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


def run_all() -> None:
    measure(BARE)  # warm the disk cache for both
    measure(SEESAW)
    bare, text, ours = [], [], []
    for _ in range(RUNS):  # interleaved, so a busy moment on the machine hits all alike
        bare.append(measure(BARE))
        text.append(measure(BARE_TEXT))
        ours.append(measure(SEESAW))
    bare_ms = statistics.median(shown for shown, _, _ in bare) * 1000
    shown_ms = statistics.median(shown for shown, _, _ in ours) * 1000
    ready_ms = statistics.median(ready for _, ready, _ in ours) * 1000
    print(
        f"cold start to the window painted (median of {RUNS}): bare PySide6 {bare_ms:.0f} ms, "
        f"Seesaw {shown_ms:.0f} ms; ratio {shown_ms / bare_ms:.2f}x (goal ≤ 1.5x)"
    )
    text_ms = statistics.median(shown for shown, _, _ in text) * 1000
    print(
        f"  for scale: a bare window showing one line of text {text_ms:.0f} ms; Seesaw is "
        f"{shown_ms / text_ms:.2f}x that"
    )
    print(
        f"cold start to everything wired (journal open, resume offered, all pages built): "
        f"{ready_ms:.0f} ms; ratio {ready_ms / bare_ms:.2f}x"
    )
    print(
        f"peak memory: bare {max(m for _, _, m in bare) / 1024:.0f} MB, "
        f"Seesaw {max(m for _, _, m in ours) / 1024:.0f} MB"
    )
    _, _, voiced = measure(WITH_VOICE)
    print(
        f"peak memory with the neural voice loaded and speaking: {voiced / 1024:.0f} MB "
        "(goal ≤ 350 MB)"
    )


if __name__ == "__main__":
    main()
