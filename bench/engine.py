"""Engine benchmark: parse + compile speed, and drift of the player over a 45-minute lesson.

Baselines measured in the same run:
- parsing is compared with the least any parser must do: read the bytes, decode, split lines and
  run one regular expression over every line;
- ticking is compared with an empty Python loop making the same number of calls;
- drift is compared with a naive player that adds the intended 10 ms on every timer tick, fed
  the same jittery timer (real timers fire late by a few ms).
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

from lesson_engine.library.files import find_lesson_files
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.timeline import compile_timeline

TICK_MS = 10


def generated_lesson(minutes: int = 45) -> bytes:
    """A lesson of about ``minutes`` minutes built from every construct."""
    parts = ["id: generated\ntitle: Generated\n---\n"]
    block = (
        "# Part {n}\nLie on your side and let your knees bend a little more than feels usual.\n"
        "[pause 8s]\n[repeat 6 every 8s]\n    [count]\n    Lift the top knee a little and let it down.\n"
        "[sides left, right]\n    Roll onto your {{side}} side, with your {{other}} arm long.\n    [pause 6s]\n"
        "[rest 45s] Rest on your back.\n\n[bell]\n"
    )
    for n in range(1, minutes // 2 + 2):
        parts.append(block.format(n=n))
    return "".join(parts).encode()


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def bench_parse() -> None:
    files, _ = find_lesson_files([bundled_lessons_dir()])
    sources = [(p, p.read_bytes()) for p in files] + [
        (Path("generated.lesson"), generated_lesson())
    ]
    size = sum(len(data) for _, data in sources)
    line_pattern = re.compile(r"^\s*(\[(\w+)[^\]]*\]|#|//)?(.*)$")

    def baseline() -> None:
        for _, data in sources:
            for line in data.decode("utf-8").splitlines():
                line_pattern.match(line)

    def ours() -> None:
        for path, data in sources:
            result = check_lesson_bytes(data, path)
            if result.lesson:
                compile_timeline(result.lesson)

    base, mine = best_of(5, baseline), best_of(5, ours)
    print(f"parse+compile {len(sources)} lessons ({size / 1000:.0f} kB): {mine * 1000:.1f} ms")
    print(
        f"  baseline (decode + split + one regex a line): {base * 1000:.2f} ms; ratio {mine / base:.1f}x"
    )


def bench_drift() -> None:
    result = check_lesson_bytes(generated_lesson(), Path("generated.lesson"))
    assert result.lesson is not None
    timeline = compile_timeline(result.lesson)
    rng = random.Random(7)
    clock = ManualClock()
    player = Player(timeline, clock)
    player.play()
    naive_position = 0
    ticks = 0

    def run() -> None:
        nonlocal naive_position, ticks
        while player.state.value == "playing":
            late = rng.choice((0, 0, 0, 1, 2, 4))
            clock.advance(TICK_MS + late)
            naive_position += TICK_MS
            player.tick()
            ticks += 1

    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    error = player.position_ms - min(clock.now_ms(), timeline.total_ms)

    def empty_loop() -> None:
        def noop() -> None:
            return None

        for _ in range(ticks):
            noop()

    base = best_of(3, empty_loop)
    minutes = timeline.total_ms / 60_000
    print(
        f"ticking a {minutes:.0f}-minute lesson: {ticks} ticks in {elapsed * 1000:.0f} ms "
        f"({elapsed / ticks * 1e6:.1f} µs a tick); empty loop {base * 1000:.1f} ms; ratio {elapsed / base:.0f}x"
    )
    print(
        f"  accumulated position error: ours {error} ms; a naive += 10 ms player: "
        f"{min(clock.now_ms(), timeline.total_ms) - naive_position} ms behind"
    )


def main() -> None:
    bench_parse()
    bench_drift()


if __name__ == "__main__":
    main()
