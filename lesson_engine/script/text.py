"""Turning a lesson file's bytes into lines the parser can trust.

Instructors save files from every editor there is: with a BOM, with Windows line endings, now and
then in Latin-1. Decoding problems become diagnostics pointing at the exact line and column; the
text is still decoded (with replacement characters) so that one pass can report everything else.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from lesson_engine.script.diagnostics import Diagnostic, Severity

MAX_SCRIPT_BYTES = 128_000
"""The largest lesson script checked: 25 times the longest real lesson (under 5 kB), and small
enough that checking any file this size takes well under half a second (``bench/parser.py``
times the costliest kinds; at 256 kB the shortest valid blocks took up to 0.3 s on a loaded
two-core machine)."""
_BOM = b"\xef\xbb\xbf"
_BAD_BYTE = re.compile("[\udc80-\udcff]")
_LINE_END = re.compile("\r\n|\r|\n")


@dataclass(frozen=True)
class ScriptText:
    text: str
    lines: tuple[str, ...]
    digest: str


def text_digest(text: str) -> str:
    """Hash of the normalised text; two saves that differ only in line endings or a BOM match."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise(text: str) -> str:
    """Every line ending (CRLF, or a lone CR as old Mac editors wrote) as a line feed.

    A byte-order mark has been dropped from the bytes already; a second one is text, as editors
    show it."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def script_size(size: int) -> str:
    """A file size as the refusal shows it, rounded up so it is never shown as the limit itself."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{-(-size // 1000)} kB"


_LESSON_START = (
    "a lesson starts with a header such as 'id: my-lesson' and 'title: My lesson', "
    "then a line '---', then what the voice says"
)


def decode_script(
    data: bytes,
    report: Callable[[Diagnostic], None],
    path: str,
    kind: str = "lesson",
    how_it_starts: str = _LESSON_START,
) -> ScriptText | None:
    """Decode and normalise; returns None only when there is nothing worth parsing.

    ``kind`` names the file in the refusals ("a lesson script may be at most …"): programmes are
    read by this same rule, with the same cap."""
    if len(data) > MAX_SCRIPT_BYTES:
        report(
            Diagnostic(
                Severity.ERROR,
                path,
                1,
                1,
                f"the file is {script_size(len(data))}; a {kind} script may be at most "
                f"{script_size(MAX_SCRIPT_BYTES)}",
                f"split it into several {kind}s, or check that this is really a {kind} script",
            )
        )
        return None
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    text = _decode_reporting_bad_bytes(data, report, path)
    text = normalise(text)
    if not text.strip():
        report(
            Diagnostic(
                Severity.ERROR,
                path,
                1,
                1,
                "the file is empty",
                how_it_starts,
            )
        )
        return None
    return ScriptText(text=text, lines=tuple(text.split("\n")), digest=text_digest(text))


def _decode_reporting_bad_bytes(
    data: bytes, report: Callable[[Diagnostic], None], path: str
) -> str:
    """The text, every undecodable byte as U+FFFD; the first such byte of each line reported.

    The bytes are decoded once with each bad byte kept as a lone surrogate (U+DC80–U+DCFF, which
    valid UTF-8 never yields), and the search goes from one bad line to the next, so a file of
    bad lines costs the same per byte as a good one. Lines end at CR, LF or CRLF, as editors
    count them.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    number, counted_to, line_start = 1, 0, 0
    while bad := _BAD_BYTE.search(escaped, line_start):
        at = bad.start()
        before = max(escaped.rfind("\n", line_start, at), escaped.rfind("\r", line_start, at))
        if before >= 0:
            line_start = before + 1
        line_end = _LINE_END.search(escaped, at)
        end = line_end.start() if line_end else len(escaped)
        number += _line_ends(escaped, counted_to, line_start)
        counted_to = line_start
        shown = escaped[line_start:end].encode("utf-8", errors="surrogateescape")
        report(
            Diagnostic(
                Severity.ERROR,
                path,
                number,
                at - line_start + 1,
                f"this is not UTF-8 text (byte 0x{ord(escaped[at]) - 0xDC00:02X})",
                "save the file as UTF-8 in your editor (often 'Save with encoding')",
                shown.decode("utf-8", errors="replace"),
            )
        )
        line_start = line_end.end() if line_end else len(escaped)
    return data.decode("utf-8", errors="replace")


def _line_ends(text: str, start: int, end: int) -> int:
    """How many lines end between ``start`` and ``end``, both at the start of a line."""
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )
