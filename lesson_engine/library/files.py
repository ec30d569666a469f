"""Finding lesson scripts in the folders people point Seesaw at."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

LESSON_SUFFIX = ".lesson"


def find_lesson_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Lesson files under ``paths`` (folders searched recursively) and the paths that do not exist.

    A file named explicitly is returned whatever its extension: the author asked for it.
    """
    found: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob(f"*{LESSON_SUFFIX}") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(path)
    return found, missing
