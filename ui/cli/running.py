"""Running a parsed command: the one place that turns a few expected failures into a message."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from lesson_engine.paths import BundledLessonsMissing


def add_verbose(command: argparse.ArgumentParser) -> None:
    """``--verbose``: everything a helper program said (ffmpeg's whole answer about a recording
    it could not read), where the usual message gives only its most telling line."""
    command.add_argument(
        "--verbose", action="store_true", help="also print what ffmpeg said in full"
    )


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    args = parser.parse_args(argv)
    told = logging.StreamHandler(sys.stderr)
    told.setFormatter(logging.Formatter("%(message)s"))
    audio = logging.getLogger("audio")  # where the decoding side says what ffmpeg said
    level = audio.level
    if getattr(args, "verbose", False):
        audio.addHandler(told)
        audio.setLevel(logging.INFO)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `seesaw timeline x | head` is normal use, not a crash
        sys.stderr.close()
        return 0
    except BundledLessonsMissing as exc:  # a broken install: say so, not a traceback
        print(f"seesaw: {exc}", file=sys.stderr)
        return 1
    finally:
        audio.removeHandler(told)
        audio.setLevel(level)
