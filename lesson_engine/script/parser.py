"""The lesson script parser (format v1).

Grammar, informally (``docs/lesson-format.md`` has an example of every construct)::

    lesson     := header "---" body
    header     := (key ":" value NEWLINE)*        "say: written = spoken" may repeat (lexicon.py)
    body       := (section | step | comment | blank)*
    section    := "#" title                       top level only
    step       := paragraph                        a spoken cue; lines joined up to a blank line;
                                                   "[pause D]" inside it pauses mid-cue (spoken.py)
                | "[pause" D "]"
                | "[rest" D "]" text?              the text (and its paragraph) is spoken first
                | "[repeat" N ("every" D)? "]" NEWLINE block
                | "[sides" a "," b "]" NEWLINE block     {side} and {other} filled in
                | "[count]"                        inside a repeat: says the round number
                | "[audio" PATH "]" text?          the next cue uses the recording
                | "[metronome" BPM "for" D "]"
                | "[bell]"
    block      := steps indented deeper than their directive (spaces only)
    comment    := "//" anything                    a whole line, at any indentation
    D          := 8s | 90s | 1m30s | 2m

Contract: ``parse_lesson_bytes`` never raises anything but ``LessonScriptError`` and reports every
problem in one pass; a script with an error never produces a ``Lesson`` (nothing half-loads).
Warnings (a missing recording, an empty section) do not stop a lesson from loading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from lesson_engine.model.lesson import Count, Lesson, Repeat, Rest, Section, Sides, Speak, Step
from lesson_engine.model.lexicon import Lexicon
from lesson_engine.model.recordings import RecordingLength, wav_length_ms
from lesson_engine.script.body import BodyParser
from lesson_engine.script.diagnostics import (
    Diagnostic,
    Findings,
    LessonScriptError,
    Severity,
    unreadable,
)
from lesson_engine.script.header import header_stem, parse_header
from lesson_engine.script.lexicon import read_pack_lexicon, read_rules, warn_unused
from lesson_engine.script.text import ScriptText, decode_script

MAX_DIAGNOSTICS = 200


@dataclass(frozen=True)
class CheckResult(Findings):
    lesson: Lesson | None
    diagnostics: tuple[Diagnostic, ...]


class _Enough(Exception):
    """Raised by the reporter at ``MAX_DIAGNOSTICS``: the rest of the file is not read."""


def check_lesson_bytes(
    data: bytes, path: Path | None = None, recording_length: RecordingLength = wav_length_ms
) -> CheckResult:
    """Parse and report; the lesson is None whenever any error was found.

    ``recording_length`` tells how long a recording is, so a span past its end is an error at its
    column; the default reads WAV headers only (see ``RecordingLength``).

    At most ``MAX_DIAGNOSTICS`` problems are reported, then checking stops, as compilers do: a
    file with thousands of problems is the wrong file or one mistake repeated, and reporting them
    all would make checking a hostile file take seconds instead of milliseconds.
    """
    shown = str(path) if path else "<lesson>"
    diagnostics: list[Diagnostic] = []
    lines: tuple[str, ...] = ()

    def report(diagnostic: Diagnostic) -> None:
        diagnostics.append(diagnostic)
        if len(diagnostics) >= MAX_DIAGNOSTICS:
            raise _Enough

    try:
        script = decode_script(data, report, shown)
        if script is None:
            return CheckResult(None, tuple(diagnostics))
        lines = script.lines
        return _check_script(script, path, shown, report, diagnostics, recording_length)
    except _Enough:
        last = diagnostics[-1]
        diagnostics.append(
            Diagnostic(
                Severity.ERROR,
                shown,
                last.line,
                last.column,
                f"more than {MAX_DIAGNOSTICS} problems: checking stopped here",
                "fix the problems above (or check that this is really a lesson script), then "
                "check again",
                last.source_line,
            )
        )
        found = (_inside(d, lines, shown) for d in diagnostics) if lines else iter(diagnostics)
        return CheckResult(None, _in_order(found, shown))


def _check_script(
    script: ScriptText,
    path: Path | None,
    shown: str,
    report: Callable[[Diagnostic], None],
    diagnostics: list[Diagnostic],
    recording_length: RecordingLength,
) -> CheckResult:
    head = parse_header(script.lines, report, shown, header_stem(path))
    own_rules = read_rules(head.say, script.lines, shown, report)
    pack_rules = read_pack_lexicon(path, report) if path else Lexicon()
    base_dir = path.parent if path else None
    body = BodyParser(script.lines, head.body_start, report, shown, base_dir, recording_length)
    sections = body.parse()
    if not any(_speaks(section.steps) for section in sections) and body.parsed_cleanly:
        report(
            Diagnostic(
                Severity.ERROR,
                shown,
                head.end_line,
                1,
                "the lesson has nothing for the voice to say",
                "write at least one paragraph after '---'",
                script.lines[head.end_line - 1] if head.end_line <= len(script.lines) else "",
            )
        )
    diagnostics = list(_in_order((_inside(d, script.lines, shown) for d in diagnostics), shown))
    if head.header is None or any(d.is_error for d in diagnostics):
        return CheckResult(None, tuple(diagnostics))
    lesson = Lesson(
        header=head.header,
        sections=sections,
        digest=script.digest,
        path=path,
        lexicon=Lexicon(own_rules).merged_over(pack_rules),
    )
    if own_rules:
        warnings: list[Diagnostic] = []
        warn_unused(own_rules, lesson.spoken_texts(), script.lines, shown, warnings.append)
        diagnostics = list(_in_order(diagnostics + warnings, shown))
    return CheckResult(lesson, tuple(diagnostics))


def _in_order(diagnostics: Iterable[Diagnostic], shown: str) -> tuple[Diagnostic, ...]:
    """The script's own problems in the order of its lines, then those of its pack's lexicon."""
    return tuple(sorted(diagnostics, key=lambda d: (d.path != shown, d.path, d.line, d.column)))


def _inside(diagnostic: Diagnostic, lines: tuple[str, ...], shown: str) -> Diagnostic:
    """The diagnostic at a place an editor can show.

    Something missing at the end of the file (no '---', no title, nothing to say) is found "after
    the last line"; an editor cannot go there, so it is shown at the end of the last line instead.
    """
    if diagnostic.path != shown:  # the pack's lexicon file: placed by its own lines
        return diagnostic
    if not lines:
        return replace(diagnostic, line=1, column=1)
    line = min(max(diagnostic.line, 1), len(lines))
    column = min(max(diagnostic.column, 1), len(lines[line - 1]) + 1)
    if (line, column) == (diagnostic.line, diagnostic.column):
        return diagnostic
    return replace(diagnostic, line=line, column=column, source_line=lines[line - 1])


def check_lesson_file(path: Path, recording_length: RecordingLength = wav_length_ms) -> CheckResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return CheckResult(None, (unreadable(path, exc),))
    return check_lesson_bytes(data, path, recording_length)


def parse_lesson_bytes(data: bytes, path: Path | None = None) -> Lesson:
    """The lesson in ``data``; raises ``LessonScriptError`` (and nothing else) with every problem."""
    return _lesson_or_raise(check_lesson_bytes(data, path))


def parse_lesson_text(text: str, path: Path | None = None) -> Lesson:
    return parse_lesson_bytes(text.encode("utf-8", errors="surrogatepass"), path)


def load_lesson(path: Path) -> Lesson:
    return _lesson_or_raise(check_lesson_file(path))


def _lesson_or_raise(result: CheckResult) -> Lesson:
    if result.lesson is None:
        raise LessonScriptError(result.diagnostics)
    return result.lesson


def _speaks(steps: tuple[Step, ...]) -> bool:
    for step in steps:
        if isinstance(step, Speak | Rest | Count):
            return True
        if isinstance(step, Repeat | Sides) and _speaks(step.body):
            return True
    return False


__all__ = [
    "CheckResult",
    "LessonScriptError",
    "Section",
    "check_lesson_bytes",
    "check_lesson_file",
    "load_lesson",
    "parse_lesson_bytes",
    "parse_lesson_text",
]
