"""Reading the lesson a command was given: the lesson, or its problems printed for the author."""

from __future__ import annotations

import sys
from pathlib import Path

from lesson_engine.model.lesson import Lesson
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.script.parser import load_lesson


def lesson_or_report(path: str) -> Lesson | None:
    """The lesson at ``path``; None after printing every problem (``file:line:col``) to stderr."""
    try:
        return load_lesson(Path(path))
    except LessonScriptError as exc:
        print(exc, file=sys.stderr)
        return None
