"""Cold start to the main window shown, against a bare PySide6 window started the same way.

Each measurement is a fresh process (a cold interpreter, warm disk cache), timed from spawn to
the moment the child reports its window exposed. Goal: Seesaw ≤ 1.5× the bare window. Peak memory
(max RSS) of each child is reported too.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

RUNS = 5

BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1100, 760); w.show()
app.processEvents()
print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""

SEESAW = """
import resource, sys
from ui.app import run_until_shown
run_until_shown()
print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def measure(code: str) -> tuple[float, int]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait()
    if not line.startswith("shown"):
        raise RuntimeError(f"the child did not show a window: {line!r}")
    return elapsed, int(line.split()[1])


WITH_VOICE = """
import resource, sys
from ui.app import run_until_shown
from lesson_engine.timeline import Utterance
app = run_until_shown()
app.flow.audio.chain.clip_for(Utterance("Lie on your left side with your knees bent."))
print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def main() -> None:
    measure(BARE)  # warm the disk cache for both
    bare = [measure(BARE) for _ in range(RUNS)]
    ours = [measure(SEESAW) for _ in range(RUNS)]
    bare_ms = statistics.median(t for t, _ in bare) * 1000
    ours_ms = statistics.median(t for t, _ in ours) * 1000
    print(
        f"cold start to window shown (median of {RUNS}): bare PySide6 {bare_ms:.0f} ms, "
        f"Seesaw {ours_ms:.0f} ms; ratio {ours_ms / bare_ms:.2f}x (goal ≤ 1.5x)"
    )
    print(
        f"peak memory: bare {max(m for _, m in bare) / 1024:.0f} MB, "
        f"Seesaw {max(m for _, m in ours) / 1024:.0f} MB"
    )
    _, voiced = measure(WITH_VOICE)
    print(
        f"peak memory with the neural voice loaded and speaking: {voiced / 1024:.0f} MB (goal ≤ 350 MB)"
    )


if __name__ == "__main__":
    main()
