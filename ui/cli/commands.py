"""The ``seesaw`` subcommands for instructors and for the journal (``ui.main`` dispatches here).

Nothing under ``ui.cli`` imports Qt, so ``seesaw check`` works on a server or in an instructor's editor
integration, and answers in well under a second.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lesson_engine.library.files import find_lesson_files
from lesson_engine.library.pack_lexicon import unused_pack_rules
from lesson_engine.library.packs import PackError, PackExists, create_pack, import_pack
from lesson_engine.paths import bundled_lessons_dir, packs_dir
from lesson_engine.playback.clock import MonotonicClock
from lesson_engine.playback.player import Player
from lesson_engine.programme.bundled import SUFFIX as PROGRAMME_SUFFIX
from lesson_engine.programme.bundled import check as check_programme
from lesson_engine.programme.bundled import known
from lesson_engine.script.diagnostics import Diagnostic
from lesson_engine.script.durations import format_clock
from lesson_engine.script.parser import CheckResult, check_lesson_file
from lesson_engine.script.templates import new_lesson_text
from lesson_engine.timeline import EventKind, compile_timeline
from ui.cli.audio import add_audio_commands
from ui.cli.journal import add_journal_commands
from ui.cli.launcher import add_launcher_commands
from ui.cli.play import run_in_terminal
from ui.cli.programme import add_programme_commands
from ui.cli.reading import lesson_or_report
from ui.cli.recording import add_recording_commands
from ui.cli.running import run


def _check(args: argparse.Namespace) -> int:
    """Lessons and programmes; a programme's lessons may be installed or among those checked."""
    found, missing = find_lesson_files(Path(p) for p in args.paths)
    programmes = [p for p in found if p.suffix == PROGRAMME_SUFFIX]
    lessons = [p for p in found if p.suffix != PROGRAMME_SUFFIX]
    for folder in (Path(p) for p in args.paths):
        if folder.is_dir():
            programmes.extend(sorted(folder.rglob(f"*{PROGRAMME_SUFFIX}")))
    for path in missing:
        print(f"{path}: error: no such file or folder", file=sys.stderr)
    errors, warnings = len(missing), 0
    from audio.recording_length import length_ms  # MP3, OGG and FLAC measured too

    results = [check_lesson_file(path, length_ms) for path in lessons]
    if programmes:
        facts = known(lessons)
        results += [check_programme(path, facts) for path in programmes]  # type: ignore[misc]
    told: set[Diagnostic] = set()
    unused = unused_pack_rules(
        {path: result.lesson for path, result in zip(lessons, results[: len(lessons)], strict=True)}
    )
    for result in [*results, *(CheckResult(None, (warning,)) for warning in unused)]:
        for diagnostic in result.diagnostics:
            if diagnostic in told:  # a pack's lexicon is read with each of its lessons
                continue
            told.add(diagnostic)
            print(diagnostic)
            errors += diagnostic.is_error
            warnings += not diagnostic.is_error
    count = len(lessons) + len(programmes)
    noun = "file" if count == 1 else "files"
    print(f"{count} {noun} checked: {errors} error(s), {warnings} warning(s)")
    if not count and not missing:
        print("no .lesson or .programme files found", file=sys.stderr)
        return 1
    return 1 if errors or missing else 0


def _timeline(args: argparse.Namespace) -> int:
    lesson = lesson_or_report(args.lesson)
    if lesson is None:
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


def _new(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    text = new_lesson_text(args.name)
    lesson_id = text.split("\n", 1)[0].removeprefix("id: ")
    path = folder / f"{lesson_id}.lesson"
    if path.exists():
        print(f"{path}: already exists; choose another name or remove it first", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"created {path}; check it with: seesaw check {path}")
    return 0


def _play(args: argparse.Namespace) -> int:
    lesson = lesson_or_report(args.lesson)
    if lesson is None:
        return 1
    timeline = compile_timeline(lesson)
    start = timeline.cue_for_line(args.from_line).start_ms if args.from_line else 0
    player = Player(timeline, MonotonicClock(), start_ms=start)
    return run_in_terminal(player)


def _pack(args: argparse.Namespace) -> int:
    try:
        members = create_pack(Path(args.folder), Path(args.output))
    except PackError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    print(f"wrote {args.output} with {len(members)} files")
    return 0


def _import(args: argparse.Namespace) -> int:
    try:
        result = import_pack(Path(args.pack), packs_dir(), replace=args.replace)
    except PackExists as exc:
        print(f"{exc.problems[0]}; add --replace to put this one in its place", file=sys.stderr)
        return 1
    except PackError as exc:
        print("the pack was not imported; nothing was written:", file=sys.stderr)
        print("\n".join(f"  {p}" for p in exc.problems), file=sys.stderr)
        return 1
    lessons = ", ".join(result.lessons)
    print(f"imported “{result.manifest.title}” by {result.manifest.author}: {lessons}")
    return 0


def _default(_: argparse.Namespace) -> int:
    """No command: ``seesaw`` alone opens the app (``ui.main``); here, say what there is."""
    build_parser().print_help()
    return 2


def _outline(_: argparse.Namespace) -> int:
    """Check and outline the bundled lessons: what a learner would find in the library."""
    folder = bundled_lessons_dir()
    status = _check(argparse.Namespace(paths=[str(folder)]))
    files, _missing = find_lesson_files([folder])
    print(f"\nBundled lessons in {folder}:")  # where to copy one from, to start a new lesson
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
        "check", help="check lessons and programmes and print every problem as file:line:column"
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="lesson files or folders")
    check.set_defaults(func=_check)
    timeline = commands.add_parser(
        "timeline", help="print a lesson's timed events (captions-only timing), to judge pacing"
    )
    timeline.add_argument("lesson", metavar="LESSON")
    timeline.set_defaults(func=_timeline)
    new = commands.add_parser("new", help="start a new lesson script from a template")
    new.add_argument("name", help="the lesson's title, e.g. 'Weight shift 4'")
    new.add_argument("--folder", default=".", help="where to create it (default: here)")
    new.set_defaults(func=_new)
    play = commands.add_parser("play", help="follow a lesson in the terminal, captions printed")
    play.add_argument("lesson", metavar="LESSON")
    play.add_argument(
        "--from",
        dest="from_line",
        type=int,
        default=0,
        metavar="LINE",
        help="start at the cue on this line",
    )
    play.set_defaults(func=_play)
    pack = commands.add_parser(
        "pack", help="zip a folder of lessons and recordings into a lesson pack"
    )
    pack.add_argument("folder", metavar="FOLDER")
    pack.add_argument("-o", "--output", required=True, metavar="PACK.zip")
    pack.set_defaults(func=_pack)
    imp = commands.add_parser("import", help="check and install a lesson pack")
    imp.add_argument("pack", metavar="PACK.zip")
    imp.add_argument(
        "--replace", action="store_true", help="replace an installed pack of the same title"
    )
    imp.set_defaults(func=_import)
    add_journal_commands(commands)
    add_programme_commands(commands)
    add_audio_commands(commands)
    add_recording_commands(commands)
    add_launcher_commands(commands)
    outline = commands.add_parser(
        "lessons", help="check the bundled lessons and list them with their lengths"
    )
    outline.set_defaults(func=_outline)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
