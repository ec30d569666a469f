"""Reading a programme file (``*.programme``): a header, ``---``, then its phases.

The same promises as lessons (``script/parser.py``): every problem is reported in one pass as
``file:line:column`` with the line quoted and a hint, only ``ProgrammeError`` is raised, and a
programme with an error never half-loads. Checking also makes sure that every lesson a programme
names exists and every source it cites is one of the catalogue's articles.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path

from lesson_engine.model.ids import ID_PATTERN, slug
from lesson_engine.programme.body import BodyReader
from lesson_engine.programme.model import Programme, School, Thresholds
from lesson_engine.script.diagnostics import (
    Diagnostic,
    Findings,
    LessonScriptError,
    Severity,
    did_you_mean,
    unreadable,
)
from lesson_engine.script.header import scan_header
from lesson_engine.script.text import decode_script

KEYS = (
    "id",
    "title",
    "summary",
    "school",
    "sources",
    "author",
    "acceptable-pain",
    "step-back-pain",
    "easy-runs",
    "clinician-after",
)
_HOW_IT_STARTS = (
    "a programme starts with a header such as 'id: my-programme' and 'title: My programme', "
    "then a line '---', then its phases"
)
MAX_DIAGNOSTICS = 200


class ProgrammeError(LessonScriptError):
    """A programme that cannot be loaded; carries every problem found."""


@dataclass(frozen=True)
class ProgrammeCheck(Findings):
    programme: Programme | None
    diagnostics: tuple[Diagnostic, ...]


class _Enough(Exception):
    pass


def check_programme_bytes(
    data: bytes,
    path: Path | None = None,
    *,
    known_lessons: Collection[str] | None = None,
    known_sources: Collection[str] | None = None,
) -> ProgrammeCheck:
    """Read and report; the programme is None whenever any error was found."""
    shown = str(path) if path else "<programme>"
    diagnostics: list[Diagnostic] = []

    def report(diagnostic: Diagnostic) -> None:
        diagnostics.append(diagnostic)
        if len(diagnostics) >= MAX_DIAGNOSTICS:
            raise _Enough

    programme: Programme | None = None
    try:
        script = decode_script(data, report, shown, "programme", _HOW_IT_STARTS)
        if script is not None:
            programme = _read(script.lines, report, shown, path, known_lessons, known_sources)
            if programme is not None:
                programme = replace(programme, digest=script.digest)
    except _Enough:
        last = diagnostics[-1]
        diagnostics.append(
            replace(last, message=f"more than {MAX_DIAGNOSTICS} problems: checking stopped here")
        )
    ordered = tuple(sorted(diagnostics, key=lambda d: (d.line, d.column)))
    if any(d.is_error for d in ordered):
        return ProgrammeCheck(None, ordered)
    return ProgrammeCheck(programme, ordered)


def _read(
    lines: tuple[str, ...],
    report: Callable[[Diagnostic], None],
    shown: str,
    path: Path | None,
    known_lessons: Collection[str] | None,
    known_sources: Collection[str] | None,
) -> Programme | None:
    def error(line: int, column: int, message: str, hint: str = "") -> None:
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        report(Diagnostic(Severity.ERROR, shown, line, column, message, hint, source))

    head = scan_header(
        lines, report, shown, KEYS, example="title: Strength first", body="the programme"
    )
    values = {key: value for key, (value, _, _) in head.values.items()}
    where = {key: (line, column) for key, (_, line, column) in head.values.items()}
    for key in ("id", "title"):
        if not values.get(key):
            stem = path.stem if path else "my-programme"
            example = f"id: {slug(stem, 'my-programme')}" if key == "id" else "title: My programme"
            error(
                min(head.end_line, len(lines)),
                1,
                f"the header has no '{key}'",
                f"add a line like '{example}' above '---'",
            )
    if values.get("id") and not ID_PATTERN.match(values["id"]):
        error(
            *where["id"],
            f"the id '{values['id']}' may use only lowercase letters, digits and hyphens",
            f"for example 'id: {slug(values['id'], 'my-programme')}'",
        )
    school = School.COMBINED
    if "school" in values:
        word = values["school"].lower()
        if word in {s.value for s in School}:
            school = School(word)
        else:
            guess = did_you_mean(word, [s.value for s in School])
            error(
                *where["school"],
                f"unknown school '{values['school']}'",
                f"did you mean '{guess}'?" if guess else "use movement, strength or combined",
            )
    if known_sources is not None and values.get("sources"):
        line, column = where["sources"]
        for key in (k.strip() for k in values["sources"].split(";")):
            if key and key not in known_sources:
                error(
                    line,
                    column + lines[line - 1][column - 1 :].find(key),
                    f"no source '{key}'",
                    f"the sources are {', '.join(sorted(known_sources))}, separated by ';'",
                )
    thresholds = _thresholds(values, where, error)
    reader = BodyReader(lines, head.body_start, report, shown, known_lessons, known_sources)
    phases = reader.read()
    if not phases:
        error(
            min(max(head.end_line, 1), len(lines)),
            1,
            "the programme has no phases",
            "after '---', start a phase with a line like '# Settle the knee'",
        )
        return None
    if thresholds is None or not values.get("id") or not values.get("title"):
        return None
    return Programme(
        id=values["id"],
        title=values["title"],
        phases=tuple(phases),
        summary=values.get("summary", ""),
        school=school,
        sources=tuple(s.strip() for s in values.get("sources", "").split(";") if s.strip()),
        author=values.get("author", ""),
        thresholds=thresholds,
        path=path,
    )


def _thresholds(
    values: dict[str, str],
    where: dict[str, tuple[int, int]],
    error: Callable[[int, int, str, str], None],
) -> Thresholds | None:
    """The pain-monitoring figures, each checked where it is written."""
    figures: dict[str, int] = {}
    limits = {
        "acceptable-pain": (0, 10, "a rating from 0 to 10, e.g. 'acceptable-pain: 2'"),
        "step-back-pain": (1, 10, "a rating from 1 to 10, e.g. 'step-back-pain: 5'"),
        "easy-runs": (1, 10, "how many easy runs step up, e.g. 'easy-runs: 2'"),
        "clinician-after": (1, 26, "weeks, e.g. 'clinician-after: 4 weeks'"),
    }
    ok = True
    for key, (low, high, hint) in limits.items():
        if key not in values:
            continue
        text = values[key].lower().removesuffix("weeks").removesuffix("week").strip()
        if not text.isdigit() or not low <= int(text) <= high:
            error(*where[key], f"'{key}' must be from {low} to {high}, not '{values[key]}'", hint)
            ok = False
            continue
        figures[key] = int(text)
    defaults = Thresholds()
    thresholds = Thresholds(
        acceptable_pain=figures.get("acceptable-pain", defaults.acceptable_pain),
        step_back_pain=figures.get("step-back-pain", defaults.step_back_pain),
        easy_runs=figures.get("easy-runs", defaults.easy_runs),
        clinician_weeks=figures.get("clinician-after", defaults.clinician_weeks),
    )
    if ok and thresholds.step_back_pain <= thresholds.acceptable_pain:
        line, column = where.get("step-back-pain", where.get("acceptable-pain", (1, 1)))
        error(
            line,
            column,
            "the pain that steps back must be higher than the pain that is acceptable",
            f"acceptable pain is {thresholds.acceptable_pain}; step back above it",
        )
        ok = False
    return thresholds if ok else None


def check_programme_file(
    path: Path,
    *,
    known_lessons: Collection[str] | None = None,
    known_sources: Collection[str] | None = None,
) -> ProgrammeCheck:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ProgrammeCheck(None, (unreadable(path, exc),))
    return check_programme_bytes(
        data, path, known_lessons=known_lessons, known_sources=known_sources
    )


def load_programme(
    path: Path,
    *,
    known_lessons: Collection[str] | None = None,
    known_sources: Collection[str] | None = None,
) -> Programme:
    """The programme at ``path``; raises ``ProgrammeError`` (and nothing else) with every problem."""
    result = check_programme_file(path, known_lessons=known_lessons, known_sources=known_sources)
    if result.programme is None:
        raise ProgrammeError(result.diagnostics)
    return result.programme


def parse_programme_text(
    text: str,
    path: Path | None = None,
    *,
    known_lessons: Collection[str] | None = None,
    known_sources: Collection[str] | None = None,
) -> Programme:
    result = check_programme_bytes(
        text.encode("utf-8", errors="surrogatepass"),
        path,
        known_lessons=known_lessons,
        known_sources=known_sources,
    )
    if result.programme is None:
        raise ProgrammeError(result.diagnostics)
    return result.programme
