"""The checker's three promises for any input at all, found by hypothesis.

1. Nothing escapes but the parser's own error: ``check_lesson_bytes`` never raises, and
   ``parse_lesson_bytes`` raises only ``LessonScriptError``.
2. Every problem is placed where an editor can show it: a line in 1..number of lines (CR, LF and
   CRLF each end a line), a column in 1..length of that line + 1, and the quoted line is that line.
3. Checking time is linear in the input. Tests use no clock (a loaded machine would make them
   flaky); they count the work instead: the Python lines the check executes plus its calls into C
   functions (``check_cost``). The count misses work inside one C call (a ``str.split`` is one
   call however long the string); that work is linear in CPython's string methods, and the
   wall-clock figures are in ``bench/parser.py`` and ``bench/fuzz_parser.py``.

Inputs are arbitrary bytes, arbitrary text, and scripts built from fragments of the format with
mixed indentation, line endings, bad bytes and deep nesting (``tests/script_fixtures.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lesson_engine.script.body import BodyParser
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.script.parser import check_lesson_bytes, parse_lesson_bytes
from lesson_engine.script.text import MAX_SCRIPT_BYTES
from tests.script_fixtures import (
    BAD_BYTES,
    FRAGMENTS,
    HEADER,
    HEADER_LINES,
    INDENTS,
    LINE_ENDINGS,
    costliest_scripts,
    misplaced,
    nested_blocks,
)


@st.composite
def scripts(draw: st.DrawFn) -> bytes:
    """A script made of header lines, maybe '---', and body fragments at any indentation, with
    any line endings, now and then nested blocks, bad bytes or a byte-order mark."""
    lines = draw(st.lists(st.sampled_from(HEADER_LINES), max_size=6))
    if draw(st.integers(0, 4)):
        lines.append("---")
    for _ in range(draw(st.integers(0, 30))):
        if draw(st.integers(0, 15)) == 0:
            lines.extend(nested_blocks(draw(st.integers(1, 12))).splitlines())
        else:
            lines.append(draw(st.sampled_from(INDENTS)) + draw(st.sampled_from(FRAGMENTS)))
    endings = draw(
        st.lists(st.sampled_from(LINE_ENDINGS), min_size=len(lines), max_size=len(lines))
    )
    data = "".join(line + end for line, end in zip(lines, endings, strict=True)).encode()
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # cut anywhere, even inside a character
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(BAD_BYTES)) + data[at:]
    return (b"\xef\xbb\xbf" if draw(st.integers(0, 7)) == 0 else b"") + data


def keeps_the_promises(data: bytes, path: Path | None = None) -> None:
    result = check_lesson_bytes(data, path)
    assert misplaced(data, result.diagnostics) == []
    assert (result.lesson is None) == bool(result.errors)
    try:
        lesson = parse_lesson_bytes(data, path)
    except LessonScriptError as error:
        assert result.lesson is None and error.diagnostics == result.diagnostics
    else:
        assert lesson == result.lesson


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=3000))
def test_any_bytes_keep_the_promises(data: bytes) -> None:
    keeps_the_promises(data)


# Surrogates included: encoded as parse_lesson_text does, they are bytes that are not UTF-8.
any_text = st.text(st.characters(exclude_categories=()), max_size=3000)


@settings(max_examples=300, deadline=None)
@given(text=any_text, with_header=st.booleans())
def test_any_text_keeps_the_promises(text: str, with_header: bool) -> None:
    keeps_the_promises(((HEADER if with_header else "") + text).encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scripts(), with_path=st.booleans())
def test_scripts_made_of_the_formats_fragments_keep_the_promises(
    data: bytes, with_path: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """With a path, recordings are looked up in an empty folder (and some names are too long)."""
    folder = tmp_path_factory.getbasetemp()
    keeps_the_promises(data, folder / "t.lesson" if with_path else None)


# -- linear time, counted -------------------------------------------------------------------


def check_cost(data: bytes) -> int:
    """Python lines executed plus calls into C functions while checking ``data``."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    old_trace, old_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        check_lesson_bytes(data)
    finally:
        sys.settrace(old_trace)
        sys.setprofile(old_profile)
    return count


COPIES = 8
FIXED_COST = 500
"""Room for work that does not scale with the input (set-up, sorting a few problems)."""


def grows_linearly(data: bytes) -> tuple[bool, tuple[int, int]]:
    """Whether checking 2n copies of ``data`` costs at most 2.2 times n copies (n = 8).

    For a linear checker the cost of k copies is a + b·k: ``b`` for every further copy, ``a``
    for what only the first does (being the header). Then cost(2n) ≤ 2.2·cost(n) comes down to
    0 ≤ 1.2·a + 0.2·b·n, which holds even when ``a`` is as low as it can be (−b: a first copy
    that costs nothing) once n ≥ 6. A checker that is quadratic anywhere tends to 4·cost(n)
    and fails. (The simpler cost(k·x) ≤ 1.2·k·cost(x) is not enough: it fails a linear checker
    whenever the one copy is cheaper as a header than the same lines are as a body.)
    """
    check_lesson_bytes(data * 2 * COPIES)  # imports and compiled patterns are paid once, here
    n, two_n = check_cost(data * COPIES), check_cost(data * 2 * COPIES)
    return two_n <= 2.2 * n + FIXED_COST, (n, two_n)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scripts())
# Found by this test: with no blank line the whole body is one cue, and each problem inside it
# was placed on its line by walking the cue's lines from the first (quadratic in the lines).
@example(data=b"\xef\xbb\xbf\xfftitle: Fuzz\n---\r\n\xff        [rest 31m]\r\n\xff[pause 5]\n")
def test_checking_cost_grows_linearly_with_the_input(data: bytes) -> None:
    linear, costs = grows_linearly(data)
    assert linear, f"cost of {COPIES} and {2 * COPIES} copies: {costs}"


def test_the_linearity_check_catches_a_checker_that_rereads_earlier_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bound above is not too loose: a parser that, for each cue, walks back over every
    line before it (a quadratic slip easy to make) fails it."""
    original = BodyParser._flush_paragraph

    def rereading(self: BodyParser, block: Any, ctx: Any) -> None:
        if block.paragraph:
            for _line in self._lines.content[: block.paragraph[0][0] - self._first]:
                pass
        original(self, block, ctx)

    data = (HEADER + "Lie down.\n\n[pause 5s]\n[repeat 2]\n    Lift.\n\nStand.\n").encode()
    assert grows_linearly(data)[0]
    monkeypatch.setattr(BodyParser, "_flush_paragraph", rereading)
    assert not grows_linearly(data)[0]


# -- at the size cap --------------------------------------------------------------------------

COST_PER_BYTE = 14
"""The most work a byte may cost at the cap. The costliest kind (the shortest valid blocks)
measured 11.5 on Python 3.11 to 3.13 when the cap was set; at the 40–80 ns a line or a call
takes untraced, 14 a byte is 0.07–0.15 s for a whole 128 kB file (``bench/parser.py`` times
it). A change that makes the costliest kinds a fifth dearer should measure the cap again."""


@pytest.mark.parametrize("kind", sorted(costliest_scripts(1000)))
def test_the_costliest_scripts_at_the_size_cap_keep_the_promises(kind: str) -> None:
    keeps_the_promises(costliest_scripts()[kind])


@pytest.mark.parametrize("kind", ["blocks", "nested blocks", "rests", "bad bytes"])
def test_a_script_at_the_size_cap_checks_with_bounded_cost(kind: str) -> None:
    """The costliest kinds per byte, the deepest, and the one that decodes line by line."""
    data = costliest_scripts()[kind]
    assert MAX_SCRIPT_BYTES - 200 < len(data) <= MAX_SCRIPT_BYTES
    check_lesson_bytes(data)  # paid once: imports, compiled patterns
    assert check_cost(data) <= COST_PER_BYTE * len(data)


def test_a_script_one_byte_over_the_cap_is_refused_with_its_size() -> None:
    at_cap = costliest_scripts()["cue lines"].ljust(MAX_SCRIPT_BYTES, b"x")
    assert len(at_cap) == MAX_SCRIPT_BYTES
    assert check_lesson_bytes(at_cap).lesson is not None
    found = check_lesson_bytes(at_cap + b"x", Path("big.lesson")).diagnostics
    assert [str(d) for d in found] == [
        "big.lesson:1:1: error: the file is 129 kB; a lesson script may be at most 128 kB\n"
        "  hint: split it into several lessons, or check that this is really a lesson script"
    ]
