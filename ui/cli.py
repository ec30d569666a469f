"""The ``seesaw`` command: opens the app, or runs an authoring subcommand.

Subcommands never import Qt, so ``seesaw check`` works on a server or in an instructor's editor
integration, and answers in well under a second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lesson_engine.diagnostics import LessonScriptError
from lesson_engine.durations import format_clock
from lesson_engine.lesson_files import find_lesson_files
from lesson_engine.parser import check_lesson_file, load_lesson
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.timeline import EventKind, compile_timeline


def _check(args: argparse.Namespace) -> int:
    files, missing = find_lesson_files(Path(p) for p in args.paths)
    for path in missing:
        print(f"{path}: error: no such file or folder", file=sys.stderr)
    errors = warnings = 0
    for path in files:
        result = check_lesson_file(path)
        for diagnostic in result.diagnostics:
            print(diagnostic)
        errors += len(result.errors)
        warnings += len(result.warnings)
    noun = "file" if len(files) == 1 else "files"
    print(f"{len(files)} {noun} checked: {errors} error(s), {warnings} warning(s)")
    if not files and not missing:
        print("no .lesson files found", file=sys.stderr)
        return 1
    return 1 if errors or missing else 0


def _timeline(args: argparse.Namespace) -> int:
    try:
        lesson = load_lesson(Path(args.lesson))
    except LessonScriptError as exc:
        print(exc, file=sys.stderr)
        return 1
    timeline = compile_timeline(lesson)
    print(
        f"{lesson.title} ({lesson.id}) — {format_clock(timeline.total_ms)}, {len(timeline.cues)} cues"
    )
    for section in timeline.sections:
        length = format_clock(section.end_ms - section.start_ms)
        print(f"\n# {section.title}  [{format_clock(section.start_ms)}, {length}]")
        for event in timeline.events:
            if event.section != section.index:
                continue
            label = {EventKind.SPEECH: event.text, EventKind.PAUSE: "…"}.get(
                event.kind, event.caption
            )
            extra = f" ({event.round} of {event.rounds})" if event.round else ""
            extra += f" [{event.side}]" if event.side else ""
            start = format_clock(event.start_ms)
            print(f"{start:>7} {event.duration_ms / 1000:6.1f}s {event.kind:<9}{extra} {label}")
    return 0


def _default(_: argparse.Namespace) -> int:
    """Open the desktop app; Qt is imported only here, so subcommands stay light."""
    from .app import run

    return run()


def _outline(_: argparse.Namespace) -> int:
    """Check and outline the bundled lessons: what a learner would find in the library."""
    folder = bundled_lessons_dir()
    status = _check(argparse.Namespace(paths=[str(folder)]))
    files, _ = find_lesson_files([folder])
    print("\nBundled lessons:")
    for path in files:
        result = check_lesson_file(path)
        if result.lesson:
            length = format_clock(compile_timeline(result.lesson).total_ms)
            print(f"  {length:>6}  {result.lesson.title}  ({path.relative_to(folder)})")
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seesaw",
        description="Audio-guided movement lessons for runners. With no command, opens the app.",
    )
    parser.set_defaults(func=_default)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    check = commands.add_parser(
        "check", help="check lesson scripts and print every problem as file:line:column"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="lesson files or folders")
    check.set_defaults(func=_check)
    timeline = commands.add_parser(
        "timeline", help="print a lesson's timed events (captions-only timing), to judge pacing"
    )
    timeline.add_argument("lesson", metavar="LESSON")
    timeline.set_defaults(func=_timeline)
    outline = commands.add_parser(
        "lessons", help="check the bundled lessons and list them with their lengths"
    )
    outline.set_defaults(func=_outline)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `seesaw timeline x | head` is normal use, not a crash
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
