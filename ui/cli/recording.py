"""``seesaw import-recording``: a long recorded lesson made into a lesson whose cues are its spans.

Prints what it found, span by span, so the author can check the split before opening the lesson:
where each cue starts and ends, and its caption.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from audio.recorded.importer import ImportProblem, LessonExists, read_recording, write_lesson
from audio.recorded.pauses import MIN_PAUSE_MS
from lesson_engine.script.durations import format_time
from lesson_engine.storage import write_problem_in_words
from ui.cli.running import add_verbose

MIN_PAUSE_RANGE = (0.2, 10.0)
MADE_BY = "'seesaw import-recording'"
"""What the written lesson's first comment says brought it in."""


def _import_recording(args: argparse.Namespace) -> int:
    source = Path(args.recording)
    out = Path(args.output) if args.output else source.with_suffix(".lesson")
    if not MIN_PAUSE_RANGE[0] <= args.min_pause <= MIN_PAUSE_RANGE[1]:
        low, high = MIN_PAUSE_RANGE
        print(f"seesaw: --min-pause must be from {low} to {high} seconds", file=sys.stderr)
        return 2
    transcript = None
    if args.transcript:
        try:
            transcript = Path(args.transcript).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"seesaw: the transcript could not be read ({exc})", file=sys.stderr)
            return 1
        if not transcript.strip():
            name = Path(args.transcript).name
            print(
                f"seesaw: the transcript {name} holds no words; write one paragraph for each "
                "instruction, or leave out --transcript",
                file=sys.stderr,
            )
            return 1
    try:
        recorded = read_recording(source, round(args.min_pause * 1000))
        captions = recorded.captions(transcript)
        write_lesson(recorded, out, captions, MADE_BY, args.title, replace=args.replace)
    except LessonExists as exc:
        print(
            f"seesaw: {exc}; nothing was written (name another with -o, or add --replace "
            "to write over it)",
            file=sys.stderr,
        )
        return 1
    except ImportProblem as exc:
        print(f"seesaw: {exc}; nothing was written", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"seesaw: {out} could not be written: {write_problem_in_words(exc)}", file=sys.stderr)
        return 1
    spans = recorded.split.spans()
    for number, (caption, covers) in enumerate(
        zip(captions.texts, captions.groups, strict=True), 1
    ):
        start, end = spans[covers.start][0], spans[covers.stop - 1][1]
        shown = caption if len(caption) <= 60 else caption[:59] + "…"
        print(f"{number:>4}  {format_time(start):>9} – {format_time(end):<9}  {shown}")
    if captions.note:
        print(f"note: {captions.note}", file=sys.stderr)
    print(f"wrote {out}: {len(captions.texts)} cues from {source.name}")
    return 0


def add_recording_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import-recording",
        help="make a lesson from a long recording, one cue between each of the speaker's pauses",
    )
    command.add_argument("recording", metavar="RECORDING")
    command.add_argument(
        "--transcript",
        metavar="TEXT",
        help="a text file whose paragraphs (blank lines between) become the captions",
    )
    command.add_argument("-o", "--output", metavar="LESSON", help="default: beside the recording")
    command.add_argument("--title", help="default: from the recording's name")
    command.add_argument(
        "--min-pause",
        type=float,
        default=MIN_PAUSE_MS / 1000,
        metavar="SECONDS",
        help=f"the shortest silence that ends an instruction (default {MIN_PAUSE_MS / 1000})",
    )
    command.add_argument("--replace", action="store_true", help="write over an existing lesson")
    add_verbose(command)
    command.set_defaults(func=_import_recording)
