"""Parser benchmark: checking scripts at the size cap, against reading the same bytes.

Each of the costliest kinds of script (``tests.script_fixtures.costliest_scripts``: the kinds that
cost the most per byte, found by profiling every construct of the format repeated to the cap),
and a bundled lesson repeated, is written to a file at the size cap. Checking it
(``check_lesson_file``) is compared with the baseline measured in the same run on the same file:
read it, decode it, split the lines and run one regular expression over each, the least any
checker of a line-based format does (as in ``bench/engine.py``).

The goal: every script at the cap checks in 0.25 s or less here (2 cores), so a slower machine
keeps the promise of under 0.5 s; ``lesson_engine/script/text.py`` sets the cap with this in mind.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bench.engine import best_of
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.script.parser import check_lesson_file
from lesson_engine.script.text import MAX_SCRIPT_BYTES
from tests.script_fixtures import costliest_scripts, filled

GOAL_S = 0.25
_LINE_PATTERN = re.compile(r"^\s*(\[(\w+)[^\]]*\]|#|//)?(.*)$")


def scripts_at_the_cap() -> dict[str, bytes]:
    lesson = (bundled_lessons_dir() / "weight-shift" / "weight-shift-1.lesson").read_bytes()
    head, body = lesson.split(b"---\n", 1)
    return {**costliest_scripts(), "a bundled lesson's body repeated": filled(body, head=head)}


def read_and_look(path: Path) -> None:
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        _LINE_PATTERN.match(line)


def timings(path: Path) -> tuple[float, float]:
    """Seconds to check the file at ``path``, and to read it and look at each line; best of 5."""
    check_lesson_file(path)  # imports and compiled patterns, once
    return best_of(5, lambda: check_lesson_file(path)), best_of(5, lambda: read_and_look(path))


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="seesaw-bench-"))
    (folder / "a.wav").write_bytes(b"RIFF")  # the recording "recordings" names: found, no warning
    print(f"checking scripts of {MAX_SCRIPT_BYTES // 1000} kB (the size cap), best of 5:")
    worst = ("", 0.0)
    for kind, data in scripts_at_the_cap().items():
        path = folder / "cap.lesson"
        path.write_bytes(data)
        ours, base = timings(path)
        print(
            f"  {kind:33} {ours * 1000:6.1f} ms; baseline (read, decode, one regex a line) "
            f"{base * 1000:5.1f} ms; ratio {ours / base:5.1f}x"
        )
        worst = max(worst, (kind, ours), key=lambda pair: pair[1])
    verdict = "within" if worst[1] <= GOAL_S else "OVER"
    print(f"  slowest: {worst[0]}, {worst[1] * 1000:.0f} ms ({verdict} the goal of {GOAL_S} s)")


if __name__ == "__main__":
    main()
