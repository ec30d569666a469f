"""``seesaw render``: a lesson as one audio file, for learners who follow it without the app.

``ui.main`` runs it through ``main`` here rather than the whole command line: rendering only
needs the script and the audio layers, and importing every other command's modules cost a
render of a 45-minute lesson about a seventh of its time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from audio.render.encode import EncodingUnavailable, check_can_write, formats_in_words
from audio.render.track import render_lesson
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.choice import CHOICES
from audio.voices.synthesis import pick_voice
from lesson_engine.paths import voice_cache_dir
from lesson_engine.script.durations import format_clock
from ui.cli.reading import lesson_or_report
from ui.cli.running import add_verbose, run


def _bar(label: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _stage_bar(stage: str, done: int, total: int) -> None:
    if stage != "encode":
        _bar(f"{stage:<6}", done, total)


def _render(args: argparse.Namespace) -> int:
    out = Path(args.output)
    try:
        check_can_write(out)  # before minutes of synthesis, not after
    except ValueError as exc:
        print(f"seesaw: {exc}", file=sys.stderr)
        return 2
    except EncodingUnavailable as exc:
        print(f"seesaw: {exc}", file=sys.stderr)
        return 1
    lesson = lesson_or_report(args.lesson)
    if lesson is None:
        return 1
    voice = pick_voice(args.voice)
    if voice is None and args.voice != "captions":
        print(
            "note: no voice is available; the track will hold bells, clicks and silences only",
            file=sys.stderr,
        )
    chain = VoiceChain(voice, ClipCache(voice_cache_dir()), args.speed)
    try:
        timeline = render_lesson(lesson, chain, out, _stage_bar)
    except (EncodingUnavailable, OSError, ValueError) as exc:
        print(f"seesaw: {exc}", file=sys.stderr)
        return 1
    for problem in chain.problems:
        print(f"note: {problem}", file=sys.stderr)
    print(f"wrote {out} ({format_clock(timeline.total_ms)}, {chain.description.lower()})")
    return 0


def add_audio_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    render = commands.add_parser(
        "render", help=f"export a lesson as one audio file ({formats_in_words()})"
    )
    render.add_argument("lesson", metavar="LESSON")
    render.add_argument("-o", "--output", required=True, metavar="FILE")
    render.add_argument("--voice", choices=CHOICES, default="auto")
    render.add_argument("--speed", type=float, default=1.0, help="speech speed, 0.8 to 1.2")
    add_verbose(render)
    render.set_defaults(func=_render)


def main(argv: Sequence[str]) -> int:
    """``seesaw render …`` on its own: the same command, its parser without the others'."""
    parser = argparse.ArgumentParser(prog="seesaw")
    add_audio_commands(parser.add_subparsers(title="commands", metavar="COMMAND"))
    return run(parser, argv)
