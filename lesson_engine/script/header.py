"""The header of a lesson script: ``key: value`` lines up to a line ``---``.

The header is what the library shows before anyone presses Start, so its values are checked as
strictly as the body: unknown keys get a did-you-mean, the id must be usable in a file name, and
fixed vocabularies (level, group) are spelled one way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lesson_engine.model.header import Header
from lesson_engine.model.ids import ID_PATTERN, slug
from lesson_engine.script.diagnostics import Diagnostic, Severity, did_you_mean
from lesson_engine.script.durations import DurationError, parse_duration_ms

HEADER_END = "---"
LEVELS = ("beginner", "intermediate", "advanced")
GROUPS = ("weight-shift", "pelvic-seesaw", "strength", "self-check", "return-to-running")
KEYS = (
    "id",
    "title",
    "summary",
    "position",
    "level",
    "group",
    "tags",
    "sources",
    "equipment",
    "length",
    "author",
)
REQUIRED = ("id", "title")
SAY_KEY = "say"
"""The one key a header may give more than once: each is a pronunciation rule (``lexicon.py``)."""
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:(?P<sep>\s*)(?P<value>.*)$")


@dataclass(frozen=True)
class HeaderParse:
    header: Header | None
    body_start: int
    """Index (0-based) of the first body line; the parser goes on from there even after errors."""
    end_line: int
    """1-based line of ``---``, or of the last header line when it is missing."""
    say: tuple[tuple[str, int, int], ...] = ()
    """The ``say:`` lines (the lesson's pronunciation rules) as written, read in ``lexicon.py``."""


def slug_for(name: str) -> str:
    """The id a lesson called ``name`` would have."""
    return slug(name, "my-lesson")


def _split_list(value: str, separator: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(separator) if item.strip())


@dataclass(frozen=True)
class HeaderLines:
    """The ``key: value`` lines of a header, as written, before any value is checked."""

    values: dict[str, tuple[str, int, int]]
    """key -> (value, 1-based line, 1-based column of the value)."""
    body_start: int
    end_line: int
    repeated: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    """The lines of each key that may be given more than once, in order, as ``values`` holds."""


def scan_header(
    lines: tuple[str, ...],
    report: Callable[[Diagnostic], None],
    path: str,
    keys: tuple[str, ...],
    example: str = "title: Weight shift 1",
    body: str = "the lesson",
    repeatable: tuple[str, ...] = (),
) -> HeaderLines:
    """Find the header's end and its keys; the one reading of a header for lessons and
    programmes alike, so both formats answer a stray line or a misspelt key in the same words."""

    def error(line: int, column: int, message: str, hint: str = "") -> None:
        report(Diagnostic(Severity.ERROR, path, line, column, message, hint, lines[line - 1]))

    end_index = next((i for i, raw in enumerate(lines) if raw.strip() == HEADER_END), None)
    values: dict[str, tuple[str, int, int]] = {}
    repeated: dict[str, list[tuple[str, int, int]]] = {key: [] for key in repeatable}
    header_stop = end_index if end_index is not None else len(lines)
    body_start = header_stop + 1
    for index in range(header_stop):
        raw = lines[index]
        number = index + 1
        stripped = raw.strip()
        if not stripped or stripped.startswith("//"):
            continue
        match = _KEY_LINE.match(stripped)
        if end_index is None and (not match or stripped.startswith(("[", "#"))):
            error(
                number,
                1,
                "the header never ends: there is no line '---'",
                f"add a line '---' after the last 'key: value' line and before {body} itself",
            )
            body_start = index
            break
        indent = len(raw) - len(raw.lstrip())
        if not match:
            error(
                number,
                indent + 1,
                f"expected 'key: value' in the header, found '{stripped}'",
                f"the header holds lines like '{example}'; {body} starts after '---'",
            )
            continue
        key = match["key"].lower()
        value = match["value"].strip()
        value_column = indent + match.start("value") + 1
        if key in repeated:
            repeated[key].append((value, number, value_column))
            continue
        if key not in keys:
            guess = did_you_mean(key, keys + repeatable)
            error(
                number,
                indent + 1,
                f"unknown header key '{match['key']}'",
                f"did you mean '{guess}'?"
                if guess
                else f"known keys: {', '.join(keys + repeatable)}",
            )
            continue
        if key in values:
            error(
                number,
                indent + 1,
                f"'{key}' is given twice (first on line {values[key][1]})",
                "keep one of the two lines",
            )
            continue
        values[key] = (value, number, value_column)
    end_line = (end_index + 1) if end_index is not None else max(body_start, 1)
    return HeaderLines(values, body_start, end_line, repeated)


def parse_header(
    lines: tuple[str, ...], report: Callable[[Diagnostic], None], path: str, stem: str
) -> HeaderParse:
    def error(line: int, column: int, message: str, hint: str = "") -> None:
        report(Diagnostic(Severity.ERROR, path, line, column, message, hint, lines[line - 1]))

    scanned = scan_header(lines, report, path, KEYS, repeatable=(SAY_KEY,))
    values, body_start, end_line = scanned.values, scanned.body_start, scanned.end_line

    fields: dict[str, object] = {}
    for key, (value, number, column) in values.items():
        if not value:
            error(
                number,
                column,
                f"'{key}' has no value",
                f"write it like '{key}: …' or remove the line",
            )
            continue
        if key == "id" and not ID_PATTERN.match(value):
            error(
                number,
                column,
                f"the id '{value}' may use only lowercase letters, digits and hyphens",
                f"for example 'id: {slug_for(value)}'",
            )
        elif key in ("level", "group"):
            allowed = LEVELS if key == "level" else GROUPS
            if value.lower() not in allowed:
                guess = did_you_mean(value, allowed)
                error(
                    number,
                    column,
                    f"unknown {key} '{value}'",
                    f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(allowed)}",
                )
            fields[key] = value.lower()
        elif key == "length":
            try:
                fields["length_ms"] = parse_duration_ms(value)
            except DurationError as exc:
                error(
                    number,
                    column,
                    f"bad length: {exc}",
                    "the author's estimate, e.g. 'length: 20m'",
                )
        elif key in ("tags", "equipment"):
            fields[key] = _split_list(value, ",")
        elif key == "sources":
            fields[key] = _split_list(value, ";")
        else:
            fields[key] = value

    missing = [key for key in REQUIRED if key not in values]
    for key in missing:
        example = (
            f"id: {slug_for(stem)}" if key == "id" else "title: Weight shift 1 — lying on your side"
        )
        report(
            Diagnostic(
                Severity.ERROR,
                path,
                end_line,
                1,
                f"the header has no '{key}'",
                f"add a line like '{example}' above '---'",
                lines[end_line - 1] if end_line <= len(lines) else "",
            )
        )
    say = tuple(scanned.repeated[SAY_KEY])
    if missing or "id" not in fields or "title" not in fields:
        return HeaderParse(None, body_start, end_line, say)
    return HeaderParse(Header(**fields), body_start, end_line, say)  # type: ignore[arg-type]


def header_stem(path: Path | None) -> str:
    return path.stem if path else "my-lesson"
