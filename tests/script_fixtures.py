"""Lesson scripts built to test the checker's promises, shared by the property tests, the fuzz run
(``bench/fuzz_parser.py``) and the parser benchmark (``bench/parser.py``).

- Fragments of the format, good and bad, that generated scripts are made of.
- ``editor_lines`` and ``misplaced``: the lines an editor shows, and the diagnostics whose place
  is not one of them; the one definition of "a position in range" the tests and the fuzz run use.
- ``costliest_scripts``: the kinds of script that cost the most to check per byte, found by
  profiling every construct repeated up to the size cap, filled to a given size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lesson_engine.script.diagnostics import Diagnostic
from lesson_engine.script.text import MAX_SCRIPT_BYTES

HEADER = "id: fuzz\ntitle: Fuzz\n---\n"

HEADER_LINES = (
    "id: fuzz",
    "title: Fuzz",
    "id: Bad Id",
    "title: Twice",
    "level: beginer",
    "group: strenght",
    "titel: typo",
    "tags: a, b",
    "length: 20m",
    "length: 5",
    "summary:",
    "  indented: x",
    "no colon here",
    "// a note",
    "",
    "---",
)

FRAGMENTS = (
    "Lie on your side and breathe out.",
    "Lift your {side} knee, then your {other} knee.",
    "{sdie} {} { {{side}} }",
    "# Section",
    "#",
    "# ",
    "// a note",
    "[pause 8s]",
    "[pause 5]",
    "[pause 0s]",
    "[pause -3s]",
    "[pause soon]",
    "[pause]",
    "[pause 11m]",
    "[pause 1m30s]",
    "[pause 1.5s]",
    "[pause ٣s]",
    "[pause  e ]",
    "[pause 99999999999999999999999s]",
    "[rest 1m] Roll onto your back.",
    "[rest]",
    "[rest 5s s] words",
    "[rest 31m]",
    "[repeat 3 every 7s]",
    "[repeat 3]",
    "[repeat 0]",
    "[repeat 101]",
    "[repeat -1]",
    "[repeat ²]",
    "[repeat ٣]",
    "[repeat t]",
    "[repeat 3 every]",
    "[repeat 3 evry 7s]",
    "[repeat 1234567890]",
    "[sides left, right]",
    "[sides left]",
    "[sides a, A]",
    "[sides ,]",
    "[count]",
    "[count 2]",
    "[bell]",
    "[bell] now",
    "[bell loud]",
    "[audio clips/hello.wav] Hello.",
    "[audio clip.txt]",
    "[audio /home/me/clip.wav]",
    "[audio ~/clip.wav]",
    "[audio]",
    "[audio " + "a" * 300 + ".wav] A name too long for any file system.",
    "[audio a\x00.wav] A NUL in the name.",
    "[audio lesson.mp3 from 1:23.4 to 1:31.0] A span.",
    "[audio lesson.mp3 from 1:31 to 1:23] A span backwards.",
    "[audio lesson.mp3 from 9:99 to] A span with bad times.",
    "[audio lesson.mp3 form 0 too 1] A span misspelt.",
    "[metronome 172 for 1m]",
    "[metronome 300 for 1m]",
    "[metronome ① for 5s]",
    "[metronome 172 fro 1m]",
    "[metronome]",
    "[",
    "[]",
    "[ ]",
    "]",
    "[pasue 5s]",
    "[PAUSE 5S]",
    "[İpause 5s]",
    "[\tpause\t5s\t]",
    "\x00",
    "\t",
    "\tAfter a tab.",
    "é😀\ufeff\u2028\x0c\x85",
    "---",
    "id: again",
    "x" * 300,
    "[pause " + "9" * 3000 + "s]",
)

INDENTS = ("", "", "", " ", "  ", "    ", "        ", "\t", " \t", "\t    ", " " * 40)
LINE_ENDINGS = ("\n", "\n", "\r", "\r\n")
BAD_BYTES = (
    b"\xff",
    b"\xe9",
    b"\xc3",
    b"\x80\x80",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\x00",
    b"\xef\xbb\xbf",
)

_BOM = b"\xef\xbb\xbf"
_LINE_END = re.compile(r"\r\n|\r|\n")
_WHOLE_FILE = "the file is "
"""How the two problems with the whole file begin (too large, empty): shown at 1:1, no line."""


def nested_blocks(depth: int, indent: str = "    ") -> str:
    """``depth`` [repeat] blocks each inside the one before, with a cue in the innermost."""
    return "".join(indent * level + "[repeat 1]\n" for level in range(depth)) + (
        indent * depth + "Deep.\n"
    )


def editor_lines(data: bytes) -> list[str]:
    """The lines an editor shows for ``data``: UTF-8 with each bad sequence as U+FFFD, one
    byte-order mark dropped, and a line ended by CR, LF or CRLF."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    return _LINE_END.split(data.decode("utf-8", errors="replace"))


def misplaced(data: bytes, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics an editor could not show: a line outside 1..number of lines, a column
    outside 1..length of that line + 1, or a quoted line that is not that line."""
    lines = editor_lines(data)
    wrong = []
    for found in diagnostics:
        line = lines[found.line - 1] if 1 <= found.line <= len(lines) else None
        if line is None or not 1 <= found.column <= len(line) + 1:
            wrong.append(found)
            continue
        whole_file = found.message.startswith(_WHOLE_FILE) and found.source_line == ""
        expected = ((1, 1), "") if whole_file else ((found.line, found.column), line)
        if ((found.line, found.column), found.source_line) != expected:
            wrong.append(found)
    return wrong


def filled(unit: str | bytes, size: int = MAX_SCRIPT_BYTES, head: str | bytes = HEADER) -> bytes:
    """``head`` then as many whole copies of ``unit`` as fit in ``size`` bytes."""
    unit_bytes = unit.encode() if isinstance(unit, str) else unit
    head_bytes = head.encode() if isinstance(head, str) else head
    return head_bytes + unit_bytes * ((size - len(head_bytes)) // len(unit_bytes))


def costliest_scripts(size: int = MAX_SCRIPT_BYTES) -> dict[str, bytes]:
    """The kinds of script that cost the most to check per byte, each ``size`` bytes at most.

    Found by repeating every construct of the format, in its shortest form, up to the size cap
    and profiling the check (see the parser benchmark): the shortest valid blocks and nested
    blocks build the most objects a byte; one-line steps, cue lines and header lines cost a pass
    of the parser's loop every two or three bytes; lines after a bad byte or a tab add a report;
    pauses inside cues and the longest say: rules matched as deep as they go, everywhere.
    """
    return {
        "blocks": filled("[repeat 1]\n b\n", size),
        "nested blocks": filled(
            "[sides a,b]\n"
            + "".join(" " * level + "[repeat 1]\n" for level in range(1, 8))
            + " " * 8
            + "{side}\n",
            size,
        ),
        "rests": filled("[rest 1s]\n", size),
        "recordings": filled("[audio a.wav] x\n\n", size),
        "sections": filled("#a\nb\n", size),
        "cue lines": filled("x\n", size),
        "header lines": filled("\n", size - 8, "id: a\ntitle: b\n") + b"---\nb\n",
        "tabs": filled("\tx\n", size),
        "bad bytes": filled("x\n", size - 398) + b"\xff\n" * 199,
        "blank lines": filled("\n", size),
        "cue pauses": filled("x [pause 1s] y... z\n\n", size),
        "say rules": filled("a a a a a a a a a a a a a a a a\n", size, _DEEPEST_LEXICON),
    }


_DEEPEST_LEXICON = (
    "id: a\ntitle: b\n"
    + "".join(f"say: {'a ' * 15}{chr(98 + n % 24)}{chr(98 + n // 24)} = x\n" for n in range(200))
    + "---\n"
)
"""As many rules as a lesson may have, each as long as a rule may be, all but the last word
matching every place of the text: the deepest walk the lexicon's matching can be made to do."""
