"""The lessons a learner can choose from: the bundled ones and those imported from packs.

A broken lesson file never hides the others: it is listed in ``problems`` with its diagnostics,
so the app can say which file needs fixing instead of failing to start. Entries carry only what
the library screen shows; the full lesson is parsed when it is started (``LibraryEntry.load``).

The parser and the timeline are imported only when a file has to be read: the app's first paint
lists the lessons from the index alone, and importing the parser would cost more than that paint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lesson_engine.library.files import find_lesson_files
from lesson_engine.library.index import LibraryIndex
from lesson_engine.model.header import Header
from lesson_engine.paths import MY_LESSONS, PACK_MANIFEST

if TYPE_CHECKING:
    from lesson_engine.model.lesson import Lesson
    from lesson_engine.script.diagnostics import Diagnostic
    from lesson_engine.timeline import DurationOf

GROUP_TITLES = {
    "weight-shift": "Weight shift",
    "pelvic-seesaw": "Pelvic seesaw",
    "strength": "Strength sets",
    "self-check": "Self-check",
    "return-to-running": "Return to running",
    "": "Other lessons",
}
GROUP_ORDER = list(GROUP_TITLES)


@dataclass(frozen=True)
class LibraryEntry:
    header: Header
    path: Path
    length_ms: int
    origin: str
    """"Seesaw" for bundled lessons, otherwise the pack's folder name."""
    digest: str

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def title(self) -> str:
        return self.header.title

    @property
    def group_title(self) -> str:
        return GROUP_TITLES.get(self.header.group, GROUP_TITLES[""])

    def load(self) -> Lesson:
        """Parse the lesson now; raises LessonScriptError if the file broke since it was listed."""
        from lesson_engine.script.parser import load_lesson

        return load_lesson(self.path)


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
        grouped: dict[str, list[LibraryEntry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.group_title, []).append(entry)
        return list(grouped.items())


def _order(entry: LibraryEntry) -> tuple[int, str]:
    group = entry.header.group if entry.header.group in GROUP_TITLES else ""
    return GROUP_ORDER.index(group), entry.id


def pack_title(folder: Path) -> str:
    """The title an installed pack gives itself in its manifest ("" when it has none to give):
    the library says "from Hip hikes for trail runners", not the folder's name. Read with
    tomllib alone (the manifest was checked whole when the pack was imported), so the first
    paint loads no checker."""
    try:
        text = (folder / PACK_MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # the bundled folders and My lessons have none: nothing more to load
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return ""
    title = raw.get("title")
    return title.strip() if isinstance(title, str) else ""


def load_library(
    folders: Iterable[tuple[str, Path]],
    duration_of: DurationOf | None = None,
    *,
    index: LibraryIndex | None = None,
    timing: str = "estimate",
    index_only: bool = False,
) -> Library:
    """Every lesson under each (origin, folder); the first lesson with an id wins.

    ``timing`` names the way ``duration_of`` (by default the reading-speed estimate) times
    speech, so lengths cached for one voice are not shown for another. ``index_only`` reads no
    lesson file: a quick first look that a full load replaces. It is all or nothing: when any file
    is new or changed since it was indexed the result is empty, because a partial list could show
    a pack's lesson in place of a bundled one with the same id.
    """
    entries: list[LibraryEntry] = []
    problems: list[LibraryProblem] = []
    seen: set[str] = set()
    for origin, folder in folders:
        # A pack.toml left in My lessons (an earlier Make pack wrote one there) names no pack.
        origin = origin if origin == MY_LESSONS else pack_title(folder) or origin
        files, _ = find_lesson_files([folder]) if folder.exists() else ([], [])
        for path in files:
            entry = _entry(path, origin, duration_of, index, timing, problems, index_only)
            if entry is None and index_only:
                return Library((), ())
            if entry is None or entry.id in seen:
                continue
            seen.add(entry.id)
            entries.append(entry)
    if index is not None and not index_only:
        index.save()
    entries.sort(key=_order)
    return Library(tuple(entries), tuple(problems))


def _entry(
    path: Path,
    origin: str,
    duration_of: DurationOf | None,
    index: LibraryIndex | None,
    timing: str,
    problems: list[LibraryProblem],
    index_only: bool,
) -> LibraryEntry | None:
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if index is not None and stat is not None:
        known = index.lookup(path, stat, timing)
        if known is not None:
            return LibraryEntry(known.header, path, known.length_ms, origin, known.digest)
    if index_only:
        return None
    from lesson_engine.script.parser import check_lesson_file
    from lesson_engine.timeline import compile_timeline, estimate_speech_ms

    result = check_lesson_file(path)
    if result.lesson is None:
        problems.append(LibraryProblem(path, result.errors))
        return None
    lesson = result.lesson
    length = compile_timeline(lesson, duration_of or estimate_speech_ms).total_ms
    if index is not None and stat is not None:
        index.remember(path, stat, timing, lesson.header, length, lesson.digest)
    return LibraryEntry(lesson.header, path, length, origin, lesson.digest)
