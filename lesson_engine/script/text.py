"""Turning a lesson file's bytes into lines the parser can trust.

Instructors save files from every editor there is: with a BOM, with Windows line endings, now and
then in Latin-1. Decoding problems become diagnostics pointing at the exact line and column; the
text is still decoded (with replacement characters) so that one pass can report everything else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from lesson_engine.script.diagnostics import Diagnostic, Severity

MAX_SCRIPT_BYTES = 1_000_000
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ScriptText:
    text: str
    lines: tuple[str, ...]
    digest: str


def text_digest(text: str) -> str:
    """Hash of the normalised text; two saves that differ only in line endings or a BOM match."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_script(
    data: bytes, report: Callable[[Diagnostic], None], path: str
) -> ScriptText | None:
    """Decode and normalise; returns None only when there is nothing worth parsing."""
    if len(data) > MAX_SCRIPT_BYTES:
        report(
            Diagnostic(
                Severity.ERROR,
                path,
                1,
                1,
                f"the file is {len(data) / 1_000_000:.1f} MB; a lesson script may be at most 1 MB",
                "split it into several lessons, or check that this is really a lesson script",
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
                "a lesson starts with a header such as 'id: my-lesson' and 'title: My lesson', "
                "then a line '---', then what the voice says",
            )
        )
        return None
    return ScriptText(text=text, lines=tuple(text.split("\n")), digest=text_digest(text))


def _decode_reporting_bad_bytes(
    data: bytes, report: Callable[[Diagnostic], None], path: str
) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    reported_lines: set[int] = set()
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        try:
            raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            if number in reported_lines:
                continue
            reported_lines.add(number)
            column = len(raw_line[: exc.start].decode("utf-8", errors="replace")) + 1
            shown = raw_line.decode("utf-8", errors="replace").rstrip("\r")
            report(
                Diagnostic(
                    Severity.ERROR,
                    path,
                    number,
                    column,
                    f"this is not UTF-8 text (byte 0x{raw_line[exc.start]:02X})",
                    "save the file as UTF-8 in your editor (often 'Save with encoding')",
                    shown,
                )
            )
    return data.decode("utf-8", errors="replace")
