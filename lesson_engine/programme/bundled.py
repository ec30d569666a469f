"""Finding programmes and what checking one needs to know: the lessons and sources there are.

A programme names lessons by id and cites the catalogue's articles (S1 … S4); both lists come from
the library and the catalogue as the app sees them, so ``seesaw check`` refuses exactly the
programmes the app could not follow.

The parser is imported only when a programme is read: the app's start takes the bundled
programmes as it last read them (``programme/kept.py``) and needs only to find their files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lesson_engine.library.listing import load_library
from lesson_engine.paths import bundled_programmes_dir, catalogue_dir, lesson_folders
from lesson_engine.programme.model import Programme

if TYPE_CHECKING:
    from lesson_engine.programme.parser import ProgrammeCheck

SUFFIX = ".programme"


@dataclass(frozen=True)
class Known:
    lessons: frozenset[str] | None
    """None: the lessons are not checked (the app's reading, see ``ui/desktop/today/wiring``)."""
    sources: frozenset[str] | None
    """None: the sources are not checked (the catalogue could not be read)."""
    guided_sets: dict[str, str]
    """Exercise id → the guided set's lesson id."""


def known(extra_lessons: Iterable[Path] = ()) -> Known:
    """The installed lessons (bundled and packs), plus any lesson files named, and the sources."""
    library = load_library(lesson_folders())
    ids = {entry.id for entry in library.entries}
    for path in extra_lessons:  # the command line's: the app's Today parses no lesson
        from lesson_engine.script.parser import check_lesson_file

        result = check_lesson_file(path)
        if result.lesson is not None:
            ids.add(result.lesson.id)
    from lesson_engine.catalogue.loader import load_catalogue  # as the app's Today needs none

    catalogue = load_catalogue(catalogue_dir())
    guided = {e.id: e.guided_set for e in catalogue.entries if e.guided_set}
    return Known(frozenset(ids), frozenset(s.key for s in catalogue.sources), guided)


def programme_files(folder: Path | None = None) -> list[Path]:
    where = folder or bundled_programmes_dir()
    return sorted(p for p in where.glob(f"*{SUFFIX}") if p.is_file()) if where.is_dir() else []


def check(path: Path, facts: Known) -> ProgrammeCheck:
    from lesson_engine.programme.parser import check_programme_file

    return check_programme_file(path, known_lessons=facts.lessons, known_sources=facts.sources)


def bundled_programmes(
    facts: Known, folder: Path | None = None
) -> tuple[list[Programme], list[ProgrammeCheck]]:
    """The programmes in ``folder`` (the bundled ones by default) that load, and the checks of
    those that do not."""
    loaded: list[Programme] = []
    broken: list[ProgrammeCheck] = []
    for path in programme_files(folder):
        result = check(path, facts)
        if result.programme is None:
            broken.append(result)
        else:
            loaded.append(result.programme)
    return loaded, broken


def find(programmes: Collection[Programme], programme_id: str) -> Programme | None:
    return next((p for p in programmes if p.id == programme_id), None)
