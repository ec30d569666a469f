"""Fuzzing the lesson script checker: many generated and mutated scripts, every promise counted.

    python -m bench.fuzz_parser --count 100000 [--seed N]

(``python -m bench`` runs a short one.) Not a test: pytest collects only ``tests/`` (testpaths in
pyproject.toml), and a long run takes minutes. Each input is checked once with
``check_lesson_bytes`` and held to the promises ``tests/test_parser_properties.py`` states:

- no exception at all escapes (the first few inputs that raise are saved to a folder);
- every position is one an editor can show (``tests.script_fixtures.misplaced``);
- no input under the size cap takes 0.5 s. An input that seems slow is timed again, best of
  three, before it counts, so a moment of load on the machine is not taken for a slow parser;
  both figures are printed.

Inputs start from the bundled lessons, ``tests/data``, the new-lesson template and the engine
benchmark's long lesson, each mutated one to four times (bytes flipped, fragments of the format
inserted, lines duplicated, deleted or cut, numbers made huge or non-ASCII, blocks nested deep,
line endings mixed, NULs and bytes that are not UTF-8, very long lines, byte-order marks, halves
of two scripts joined); one input in five is made from fragments alone; one in a hundred is
near the size cap (the costliest kinds of ``tests.script_fixtures``, or a lesson repeated).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.engine import generated_lesson
from lesson_engine.library.files import find_lesson_files
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.script.templates import new_lesson_text
from lesson_engine.script.text import MAX_SCRIPT_BYTES
from tests.script_fixtures import (
    BAD_BYTES,
    FRAGMENTS,
    HEADER_LINES,
    INDENTS,
    LINE_ENDINGS,
    costliest_scripts,
    misplaced,
    nested_blocks,
)

REPO = Path(__file__).resolve().parent.parent
SLOW_S = 0.5
RETIME_OVER_S = 0.1
KEEP = 5
"""Reproducers kept of each kind of failure."""
RECORDINGS = ("a.wav", "clips/hello.wav")
"""Recordings the generated scripts name, put where they look: a found one costs the most."""
QUICK_COUNT = 2_000
"""Inputs in the short run ``python -m bench`` makes."""

Mutation = Callable[[random.Random, bytes], bytes]
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NUMBER = re.compile(rb"\d+")
_ODD_DIGITS = ("٣", "²", "①", "９", "𝟗", "-0", "0" * 40)


def seeds() -> dict[str, bytes]:
    """Every real script there is to start from, by name."""
    files, _ = find_lesson_files([bundled_lessons_dir(), REPO / "tests" / "data"])
    found = {path.stem: path.read_bytes() for path in files}
    found["template"] = new_lesson_text("Fuzz lesson").encode()
    found["generated"] = generated_lesson()
    return found


def _lines(data: bytes) -> list[bytes]:
    return _LINE.findall(data)


def _line(rng: random.Random, text: str) -> bytes:
    return (rng.choice(INDENTS) + text + rng.choice(LINE_ENDINGS)).encode("utf-8", "surrogatepass")


def _at_line(rng: random.Random, data: bytes, insert: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randint(0, len(lines))
    return b"".join([*lines[:at], insert, *lines[at:]])


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert_fragments(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 6)):
        data = _at_line(rng, data, _line(rng, rng.choice(FRAGMENTS)))
    return data


def insert_header_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randint(0, min(len(lines), 12))
    return b"".join([*lines[:at], _line(rng, rng.choice(HEADER_LINES)), *lines[at:]])


def duplicate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    start = rng.randrange(len(lines))
    end = min(len(lines), start + rng.randint(1, 20))
    return b"".join([*lines[:end], *lines[start:end] * rng.randint(1, 200), *lines[end:]])


def delete_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    start = rng.randrange(len(lines))
    return b"".join(lines[:start] + lines[start + rng.randint(1, 10) :])


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def odd_numbers(rng: random.Random, data: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        if rng.random() < 0.8:
            return match.group()
        if rng.random() < 0.5:
            return b"9" * rng.randint(10, 5000)
        return rng.choice(_ODD_DIGITS).encode()

    return _NUMBER.sub(replace, data)


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    block = nested_blocks(rng.randint(1, 40), rng.choice((" ", "  ", "    ", "\t")))
    return _at_line(rng, data, block.encode())


def mixed_line_endings(rng: random.Random, data: bytes) -> bytes:
    return b"".join(
        line.rstrip(b"\r\n") + rng.choice(LINE_ENDINGS).encode()
        if line.endswith((b"\n", b"\r")) and rng.random() < 0.5
        else line
        for line in _lines(data)
    )


def nuls(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 5)):
        at = rng.randint(0, len(data))
        data = data[:at] + b"\x00" * rng.randint(1, 3) + data[at:]
    return data


def not_utf8(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 5)):
        at = rng.randint(0, len(data))
        data = data[:at] + rng.choice(BAD_BYTES) + data[at:]
    return data


def long_line(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice((1_000, 10_000, 100_000))
    text = rng.choice(
        (
            "x" * size,
            "[pause " + "9" * size + "s]",
            "[" * size,
            "{" * size + "side",
            "{side}" * (size // 6),
            " " * size + "Far in.",
            "\t" * size + "Far in.",
            "é" * size,
            "[repeat 2 " + "every " * (size // 6) + "]",
            "[audio " + "a/" * (size // 2) + ".wav] Hi.",
        )
    )
    return _at_line(rng, data, _line(rng, text))


def byte_order_marks(rng: random.Random, data: bytes) -> bytes:
    return b"\xef\xbb\xbf" * rng.randint(1, 2) + data


MUTATIONS: tuple[Mutation, ...] = (
    flip_bytes,
    insert_fragments,
    insert_header_line,
    duplicate_lines,
    delete_lines,
    truncate,
    odd_numbers,
    deep_nesting,
    mixed_line_endings,
    nuls,
    not_utf8,
    long_line,
    byte_order_marks,
)


def from_fragments(rng: random.Random) -> bytes:
    lines = [rng.choice(HEADER_LINES) for _ in range(rng.randint(0, 6))]
    if rng.random() < 0.8:
        lines.append("---")
    lines += [rng.choice(INDENTS) + rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 60))]
    return "".join(line + rng.choice(LINE_ENDINGS) for line in lines).encode(
        "utf-8", "surrogatepass"
    )


def near_cap(rng: random.Random, sources: dict[str, bytes]) -> tuple[str, bytes]:
    size = MAX_SCRIPT_BYTES - rng.choice((0, 0, 1, 100, 2_000, 20_000)) + rng.choice((0, 0, 1))
    if rng.random() < 0.6:
        kind, data = rng.choice(sorted(costliest_scripts(size).items()))
        kind = f"near the cap: {kind}"
    else:
        name, source = rng.choice(sorted(sources.items()))
        body = source.split(b"---", 1)[-1]
        data = (source + body * (size // max(len(body), 1) + 1))[:size]
        kind = f"near the cap: {name} repeated"
    if rng.random() < 0.3:
        mutation = rng.choice(MUTATIONS)
        data, kind = mutation(rng, data), f"{kind} + {mutation.__name__}"
    return kind, data


def make_input(rng: random.Random, index: int, sources: dict[str, bytes]) -> tuple[str, bytes]:
    """The kind of input ``index`` (what it was made from) and its bytes."""
    if index % 100 == 99:
        return near_cap(rng, sources)
    if rng.random() < 0.2:
        name, data = "fragments", from_fragments(rng)
    else:
        name, data = rng.choice(sorted(sources.items()))
        if rng.random() < 0.1:
            other = rng.choice(list(sources.values()))
            data = data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]
            name += " + spliced"
    steps = [rng.choice(MUTATIONS) for _ in range(rng.randint(1, 4))]
    for mutation in steps:
        data = mutation(rng, data)
    return " + ".join([name, *(m.__name__ for m in steps)]), data


@dataclass
class Tally:
    inputs: int = 0
    near_cap: int = 0
    over_cap: int = 0
    foreign: int = 0
    misplaced: int = 0
    slow_at_first: int = 0
    slow: int = 0
    slowest_s: float = 0.0
    slowest_first_s: float = 0.0
    slowest_kind: str = ""
    slowest_input: bytes = b""
    checking_s: float = 0.0
    out: Path = Path()
    saved: list[Path] = field(default_factory=list)


def timed(data: bytes, path: Path) -> float:
    started = time.perf_counter()
    check_lesson_bytes(data, path)
    return time.perf_counter() - started


def run(count: int, seed: int, out: Path, progress_every: int) -> Tally:
    rng = random.Random(seed)
    sources = seeds()
    tally = Tally(out=out)
    path = out / "fuzz.lesson"  # recordings are looked up in this folder, which has two
    for recording in RECORDINGS:
        (out / recording).parent.mkdir(parents=True, exist_ok=True)
        (out / recording).write_bytes(b"RIFF")
    for index in range(count):
        kind, data = make_input(rng, index, sources)
        tally.inputs += 1
        tally.near_cap += kind.startswith("near the cap")
        tally.over_cap += len(data) > MAX_SCRIPT_BYTES
        started = time.perf_counter()
        try:
            result = check_lesson_bytes(data, path)
        except Exception:
            tally.foreign += 1
            _keep(tally, out, "foreign", tally.foreign, data, kind + "\n" + traceback.format_exc())
            continue
        elapsed = time.perf_counter() - started
        tally.checking_s += elapsed
        wrong = misplaced(data, result.diagnostics)
        if wrong:
            tally.misplaced += 1
            _keep(tally, out, "misplaced", tally.misplaced, data, kind + "\n" + repr(wrong[0]))
        first = elapsed
        if first > RETIME_OVER_S:
            elapsed = min(first, *(timed(data, path) for _ in range(2)))
            under_cap = len(data) <= MAX_SCRIPT_BYTES
            tally.slow_at_first += first > SLOW_S and under_cap
            tally.slow += elapsed > SLOW_S and under_cap
        if elapsed > tally.slowest_s:
            tally.slowest_s, tally.slowest_first_s = elapsed, first
            tally.slowest_kind, tally.slowest_input = f"{kind}, {len(data):,} bytes", data
        if progress_every and (index + 1) % progress_every == 0:
            print(
                f"  {index + 1:>7,} inputs: {tally.foreign} foreign exception(s), "
                f"{tally.misplaced} misplaced, slowest {tally.slowest_s:.3f} s",
                flush=True,
            )
    return tally


def _keep(tally: Tally, out: Path, what: str, number: int, data: bytes, note: str) -> None:
    if number <= KEEP:
        saved = out / f"{what}-{number}.lesson"
        saved.write_bytes(data)
        saved.with_suffix(".txt").write_text(note, encoding="utf-8")
        tally.saved.append(saved)


def report(tally: Tally, seed: int, total_s: float) -> None:
    print(
        f"inputs run: {tally.inputs:,} (seed {seed}; {tally.near_cap:,} near the "
        f"{MAX_SCRIPT_BYTES // 1000} kB cap, {tally.over_cap:,} over it)"
    )
    print(f"foreign exceptions: {tally.foreign}")
    print(f"positions out of range: {tally.misplaced} input(s)")
    again = (
        f" (best of three; first timing {tally.slowest_first_s:.3f} s)"
        if tally.slowest_first_s > RETIME_OVER_S
        else ""
    )
    print(f"slowest input: {tally.slowest_s:.3f} s{again}: {tally.slowest_kind}")
    print(
        f"inputs under the cap slower than {SLOW_S} s: {tally.slow} "
        f"(at first timing: {tally.slow_at_first})"
    )
    print(f"total: {tally.checking_s:.1f} s checking, {total_s:.1f} s in all")
    for saved in tally.saved:
        print(f"  reproducer: {saved}")
    print(f"  the slowest input: {tally.out / 'slowest.lesson'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz_parser", description=__doc__)
    parser.add_argument("--count", type=int, default=QUICK_COUNT)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="folder for reproducers (default: a new one)")
    args = parser.parse_args(argv if argv is not None else [])
    out = args.out or Path(tempfile.mkdtemp(prefix="seesaw-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"fuzzing check_lesson_bytes with {args.count:,} inputs; reproducers go to {out}")
    started = time.perf_counter()
    tally = run(args.count, args.seed, out, progress_every=max(args.count // 10, 1000))
    (out / "slowest.lesson").write_bytes(tally.slowest_input)
    report(tally, args.seed, time.perf_counter() - started)


if __name__ == "__main__":
    main(sys.argv[1:])
