"""The lessons a learner can choose from: the bundled ones and those imported from packs.

A broken lesson file never hides the others: it is listed in ``problems`` with its diagnostics,
so the app can say which file needs fixing instead of failing to start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .lesson_files import find_lesson_files
from .model import Lesson
from .parser import check_lesson_file
from .timeline import DurationOf, Timeline, compile_timeline, estimate_speech_ms

GROUP_TITLES = {
    "weight-shift": "Weight shift",
    "pelvic-seesaw": "Pelvic seesaw",
    "strength": "Strength sets",
    "self-check": "Self-check",
    "return-to-running": "Return to running",
    "": "Other lessons",
}


@dataclass(frozen=True)
class LibraryEntry:
    lesson: Lesson
    path: Path
    length_ms: int
    origin: str
    """"Seesaw" for bundled lessons, otherwise the pack's folder name."""

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def group_title(self) -> str:
        return GROUP_TITLES.get(self.lesson.header.group, GROUP_TITLES[""])


@dataclass(frozen=True)
class LibraryProblem:
    path: Path
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Library:
    entries: tuple[LibraryEntry, ...]
    problems: tuple[LibraryProblem, ...]

    def by_id(self, lesson_id: str) -> LibraryEntry | None:
        return next((e for e in self.entries if e.id == lesson_id), None)

    def groups(self) -> list[tuple[str, list[LibraryEntry]]]:
        order = list(GROUP_TITLES.values())
        grouped: dict[str, list[LibraryEntry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.group_title, []).append(entry)
        return sorted(
            grouped.items(),
            key=lambda item: order.index(item[0]) if item[0] in order else len(order),
        )


def load_library(
    folders: Iterable[tuple[str, Path]], duration_of: DurationOf = estimate_speech_ms
) -> Library:
    """Load every lesson under each (origin, folder); the first lesson with an id wins."""
    entries: list[LibraryEntry] = []
    problems: list[LibraryProblem] = []
    seen: set[str] = set()
    for origin, folder in folders:
        files, _ = find_lesson_files([folder]) if folder.exists() else ([], [])
        for path in files:
            result = check_lesson_file(path)
            if result.lesson is None:
                problems.append(LibraryProblem(path, result.errors))
                continue
            if result.lesson.id in seen:
                continue
            seen.add(result.lesson.id)
            length = compile_timeline(result.lesson, duration_of).total_ms
            entries.append(LibraryEntry(result.lesson, path, length, origin))
    entries.sort(key=lambda e: (e.lesson.header.group, e.lesson.header.title.lower()))
    return Library(tuple(entries), tuple(problems))


def timeline_for(entry: LibraryEntry, duration_of: DurationOf = estimate_speech_ms) -> Timeline:
    return compile_timeline(entry.lesson, duration_of)
