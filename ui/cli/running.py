"""Running a parsed command: the one place that turns a few expected failures into a message."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lesson_engine.paths import BundledLessonsMissing


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `seesaw timeline x | head` is normal use, not a crash
        sys.stderr.close()
        return 0
    except BundledLessonsMissing as exc:  # a broken install: say so, not a traceback
        print(f"seesaw: {exc}", file=sys.stderr)
        return 1
