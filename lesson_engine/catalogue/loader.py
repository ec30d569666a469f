"""Reading the catalogue files, with errors as precise as the lesson checker's.

TOML gives no positions, so each problem is placed by finding the key's line in the file (within
its ``[claims.S…]`` table where it belongs); the message says what was expected and suggests a fix.
Every file is checked and every problem reported; with any error, no catalogue is returned.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from lesson_engine.catalogue.model import Catalogue, Claim, Entry, School, Source, Stance
from lesson_engine.script.diagnostics import Diagnostic, LessonScriptError, Severity, did_you_mean

KINDS = ("exercise", "treatment")
PELVIS = ("held still", "held level", "free to move", "not applicable")
ENTRY_KEYS = {
    "name": str,
    "kind": str,
    "position": str,
    "equipment": list,
    "pelvis": str,
    "targets": list,
    "dose": str,
    "progression": str,
    "steps": list,
    "claims": dict,
    "guided_set": str,
    "illustration": str,
}
OPTIONAL = ("guided_set", "illustration")
SOURCE_KEYS = ("title", "publisher", "school", "about")
CLAIM_KEYS = ("position", "reason", "part")


class _Reporter:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.problems: list[Diagnostic] = []

    def locate(self, key: str, table: str | None = None) -> tuple[int, int]:
        start = 0
        if table:
            header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
            start = next((i for i, line in enumerate(self.lines) if header.match(line)), 0)
        pattern = re.compile(rf"^(\s*){re.escape(key)}\s*=")
        for i in range(start, len(self.lines)):
            match = pattern.match(self.lines[i])
            if match:
                return i + 1, len(match.group(1)) + 1
        return (start + 1 if table else 1), 1

    def error(self, message: str, hint: str = "", key: str = "", table: str | None = None) -> None:
        line, column = self.locate(key, table) if key else (1, 1)
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.problems.append(
            Diagnostic(Severity.ERROR, str(self.path), line, column, message, hint, source)
        )


def _read(path: Path) -> tuple[dict[str, Any] | None, _Reporter]:
    text = path.read_text(encoding="utf-8", errors="replace")
    reporter = _Reporter(path, text)
    try:
        return tomllib.loads(text), reporter
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        source = reporter.lines[line - 1] if 0 < line <= len(reporter.lines) else ""
        reporter.problems.append(
            Diagnostic(
                Severity.ERROR,
                str(path),
                line,
                column,
                f"not valid TOML: {exc}",
                'write values like name = "Clamshell"',
                source,
            )
        )
        return None, reporter


def _sources(path: Path, problems: list[Diagnostic]) -> tuple[Source, ...]:
    data, reporter = _read(path)
    sources = []
    for key, table in (data or {}).items():
        if not isinstance(table, dict):
            reporter.error(f"'{key}' should be a table like [S1]", key=key)
            continue
        missing = [k for k in SOURCE_KEYS if not isinstance(table.get(k), str) or not table.get(k)]
        for k in missing:
            reporter.error(f'source {key} needs {k} = "…"', table=key, key=k)
        school = str(table.get("school", ""))
        if school and school not in {s.value for s in School}:
            reporter.error(
                f"unknown school '{school}'",
                "use 'movement' or 'strength'",
                key="school",
                table=key,
            )
        sections = table.get("sections", [])
        if not isinstance(sections, list) or not all(isinstance(v, str) for v in sections):
            reporter.error(
                f"'sections' of {key} should be a list of texts",
                'write sections = ["How to Cause ITBS", …]',
                key="sections",
                table=key,
            )
            sections = []
        if not missing and (not school or school in {s.value for s in School}):
            sources.append(
                Source(
                    key,
                    table["title"],
                    table["publisher"],
                    School(school),
                    table["about"],
                    tuple(sections),
                )
            )
    problems.extend(reporter.problems)
    return tuple(sources)


def _entry(path: Path, sources: tuple[Source, ...], problems: list[Diagnostic]) -> Entry | None:
    data, reporter = _read(path)
    if data is None:
        problems.extend(reporter.problems)
        return None
    for key in data:
        if key not in ENTRY_KEYS:
            guess = did_you_mean(key, ENTRY_KEYS)
            reporter.error(
                f"unknown key '{key}'",
                f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(ENTRY_KEYS)}",
                key=key,
            )
    for key, kind in ENTRY_KEYS.items():
        if key not in data:
            if key not in OPTIONAL:
                reporter.error(f"'{key}' is missing", f"add a line {key} = …")
        elif not isinstance(data[key], kind) or (
            kind is list and not all(isinstance(v, str) for v in data[key])
        ):
            reporter.error(
                f"'{key}' should be {'a list of texts' if kind is list else 'text' if kind is str else 'tables'}",
                key=key,
            )
    if isinstance(data.get("kind"), str) and data["kind"] not in KINDS:
        guess = did_you_mean(data["kind"], KINDS)
        reporter.error(
            f"unknown kind '{data['kind']}'",
            f"did you mean '{guess}'?" if guess else "use exercise or treatment",
            key="kind",
        )
    if isinstance(data.get("pelvis"), str) and data["pelvis"] not in PELVIS:
        reporter.error(
            f"unknown pelvis '{data['pelvis']}'", f"use one of: {', '.join(PELVIS)}", key="pelvis"
        )
    if data.get("kind") == "exercise":
        for key in OPTIONAL:
            if not data.get(key):
                reporter.error(f"an exercise needs '{key}'", f"add a line {key} = …")
    claims = _claims(data.get("claims"), sources, reporter)
    problems.extend(reporter.problems)
    if reporter.problems:
        return None
    return Entry(
        id=path.stem,
        name=data["name"],
        kind=data["kind"],
        position=data["position"],
        equipment=tuple(data["equipment"]),
        pelvis=data["pelvis"],
        targets=tuple(data["targets"]),
        dose=data["dose"],
        progression=data["progression"],
        steps=tuple(data["steps"]),
        claims=claims,
        guided_set=data.get("guided_set", ""),
        illustration=data.get("illustration", ""),
    )


def _claims(raw: object, sources: tuple[Source, ...], reporter: _Reporter) -> tuple[Claim, ...]:
    if not isinstance(raw, dict):
        return ()
    keys = [s.key for s in sources]
    by_key = {s.key: s for s in sources}
    claims = []
    for key in raw:
        if key not in keys:
            reporter.error(
                f"unknown source '{key}'",
                f"the sources are {', '.join(keys)}",
                key="position",
                table=f"claims.{key}",
            )
    for key in keys:
        table = f"claims.{key}"
        claim = raw.get(key)
        if not isinstance(claim, dict):
            reporter.error(
                f"no claim for {key}",
                f'add [{table}] with position = "not-mentioned" if it says nothing',
            )
            continue
        stance = claim.get("position")
        valid = {s.value for s in Stance}
        if stance not in valid:
            guess = did_you_mean(str(stance), valid)
            reporter.error(
                f"unknown position '{stance}' for {key}",
                f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(sorted(valid))}",
                key="position",
                table=table,
            )
            continue
        reason = claim.get("reason", "")
        if not isinstance(reason, str) or (stance != Stance.NOT_MENTIONED and not reason.strip()):
            reporter.error(
                f"the claim of {key} needs a reason",
                "say in a sentence why, in our own words",
                key="reason",
                table=table,
            )
            continue
        for extra in claim:
            if extra not in CLAIM_KEYS:
                guess = did_you_mean(str(extra), CLAIM_KEYS)
                reporter.error(
                    f"unknown key '{extra}' in the claim of {key}",
                    f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(CLAIM_KEYS)}",
                    key=str(extra),
                    table=table,
                )
        part = claim.get("part", "")
        parts = by_key[key].parts
        if not isinstance(part, str) or ((stance != Stance.NOT_MENTIONED or reason) and not part):
            reporter.error(
                f"the claim of {key} needs the part of the article it rests on",
                f'add part = "…": one of {", ".join(repr(p) for p in parts)}',
                key="reason",
                table=table,
            )
            continue
        if part and part not in parts:
            lowered = {p.lower(): p for p in parts}
            guess = lowered.get(did_you_mean(part, lowered) or "")
            reporter.error(
                f"'{part}' is not a part of {key}",
                f"did you mean '{guess}'?"
                if guess
                else f"use one of {', '.join(repr(p) for p in parts)}",
                key="part",
                table=table,
            )
            continue
        claims.append(Claim(key, Stance(stance), reason, part))
    return tuple(claims)


def load_catalogue(folder: Path) -> Catalogue:
    """The catalogue in ``folder``; raises LessonScriptError listing every problem found."""
    problems: list[Diagnostic] = []
    sources = _sources(folder / "sources.toml", problems)
    entries = []
    for path in sorted((folder / "entries").glob("*.toml")):
        entry = _entry(path, sources, problems)
        if entry is not None:
            if entry.illustration and not (folder / "illustrations" / entry.illustration).is_file():
                problems.append(
                    Diagnostic(
                        Severity.ERROR,
                        str(path),
                        1,
                        1,
                        f"illustration {entry.illustration} not found",
                        "add it to lessons/catalogue/illustrations",
                    )
                )
            entries.append(entry)
    if problems:
        raise LessonScriptError(problems)
    return Catalogue(sources, tuple(sorted(entries, key=lambda e: (e.kind != "exercise", e.name))))
