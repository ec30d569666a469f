"""Does saving the place hold up the thread that drives a lesson, while another program fills the disk?

A lesson (the engine bench's generated one) plays in real time on a 10 ms scheduler, as the app's
timer drives it, and every checkpoint the player asks for (each transition, every 5 s) is saved to
a real journal in a temporary folder. Meanwhile a second process writes a large file beside it
with fsync after every 64 MB. Three ways, interleaved in rounds:

- **bare**: the same scheduler and player, the checkpoints thrown away (the baseline);
- **inline**: each checkpoint written and fsynced on the driving thread (Seesaw before #20);
- **writer**: the journal's ``DurableWriter`` attached, as the app now does.

It prints each way's worst and 99th-percentile lateness of a tick (how long after its time the
tick's work was done), and the ratio of the worst against the bare scheduler's in the same round
(median and range over the rounds). Goal: the writer's worst within 2x of the bare scheduler's.

``python -m bench checkpoint_writes [seconds per run] [rounds]``
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.engine import generated_lesson
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.writer import DurableWriter
from lesson_engine.playback.clock import MonotonicClock
from lesson_engine.playback.events import CheckpointDue
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.timeline import compile_timeline

TICK_S = 0.010
HOG = r"""
import os, sys
chunk = os.urandom(8 << 20)
with open(sys.argv[1], "wb") as out:
    while True:
        out.seek(0)
        for _ in range(32):  # 256 MB, fsynced every 64 MB, then over again
            for _ in range(8):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
"""


def play(seconds: float, save: Callable[[dict], object]) -> list[float]:
    """Drive the lesson for ``seconds``; each tick's lateness in ms."""
    result = check_lesson_bytes(generated_lesson(), Path("generated.lesson"))
    assert result.lesson is not None
    player = Player(compile_timeline(result.lesson), MonotonicClock())
    player.subscribe(
        lambda event: save(event.checkpoint.to_dict()) if isinstance(event, CheckpointDue) else None
    )
    player.play()
    late: list[float] = []
    start = time.perf_counter()
    due = start
    while due - start < seconds:
        due += TICK_S
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        player.tick()
        late.append(max(0.0, (time.perf_counter() - due) * 1000))
    player.stop()
    return late


def run(way: str, folder: Path, seconds: float) -> list[float]:
    if way == "bare":
        return play(seconds, lambda _place: None)
    journal = Journal.open(folder)
    if way == "writer":
        journal.attach(DurableWriter())
    try:
        return play(seconds, journal.save_checkpoint)
    finally:
        journal.close()


def main(seconds: float = 8.0, rounds: int = 3) -> None:
    root = Path(tempfile.mkdtemp(prefix="seesaw-bench-checkpoints-"))
    hog = subprocess.Popen([sys.executable, "-c", HOG, str(root / "hog.bin")])
    ways = ("bare", "inline", "writer")
    worst: dict[str, list[float]] = {w: [] for w in ways}
    p99: dict[str, list[float]] = {w: [] for w in ways}
    try:
        for _ in range(rounds):
            for way in ways:
                late = sorted(run(way, root / "journal", seconds))
                worst[way].append(late[-1])
                p99[way].append(late[int(len(late) * 0.99)])
    finally:
        hog.kill()
        hog.wait()
        shutil.rmtree(root, ignore_errors=True)
    print(
        f"a lesson driven on a {TICK_S * 1000:.0f} ms scheduler for {seconds:g} s a run, "
        f"{rounds} rounds, beside a process writing 64 MB between fsyncs"
    )
    for way in ways:
        line = (
            f"{way:>6}: worst {statistics.median(worst[way]):.1f} ms "
            f"(runs {min(worst[way]):.1f}-{max(worst[way]):.1f}), "
            f"p99 {statistics.median(p99[way]):.1f} ms"
        )
        if way != "bare":
            ratios = sorted(w / max(b, 0.1) for w, b in zip(worst[way], worst["bare"], strict=True))
            line += (
                f"; worst vs bare {statistics.median(ratios):.1f}x "
                f"(range {ratios[0]:.1f}-{ratios[-1]:.1f}x)"
            )
        print(line)


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:]]
    main(args[0] if args else 8.0, int(args[1]) if len(args) > 1 else 3)
