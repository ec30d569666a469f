"""Make pack from the Author page: the saved lesson's folder, or the lessons chosen from it.

The pack is made by ``lesson_engine.library.packs.create_pack``, the code behind ``seesaw pack``,
so whatever the page packs, ``seesaw import`` and the library's Import accept. A pack must say who
made it and under which licence: a folder packed whole without a ``pack.toml`` gets one first,
from four answers the author gives (proposed from the lesson's header).

A lesson in My lessons, or in any folder of several lessons that is not a pack yet, is packed
with the lessons the author picks (just this one unless they tick more), from a staging copy
(``lesson_engine.library.pack_selection``): nothing is written into their folder, so My lessons
stays "My lessons" in the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from lesson_engine.library.pack_selection import (
    create_pack_of,
    lessons_to_choose_from,
    manifest_text,
)
from lesson_engine.library.packs import MANIFEST, Manifest, PackError, create_pack, read_manifest
from lesson_engine.model.lesson import Lesson
from lesson_engine.storage import write_atomically
from ui.desktop.author.dialogs import AuthorDialogs
from ui.desktop.library.view import IMPORT_BUTTON


@dataclass(frozen=True)
class PackOutcome:
    written: Path | None
    message: str
    """What to tell the author: where the pack went, or every reason it was not made."""


def ask_manifest(parent: QWidget, lesson: Lesson, dialogs: AuthorDialogs) -> Manifest | str | None:
    """The four answers a pack needs, proposed from the lesson; a message when one is missing;
    None when the author cancelled."""
    proposed = Manifest(lesson.title, lesson.header.author, "1.0", "All rights reserved")
    answer = dialogs.manifest(parent, proposed)
    if answer is None:
        return None
    try:
        return read_manifest(manifest_text(answer).encode("utf-8"), MANIFEST)
    except PackError:
        return "The pack was not made: it needs a title, an author, a version and a licence."


def ensure_manifest(
    parent: QWidget, folder: Path, lesson: Lesson, dialogs: AuthorDialogs
) -> Manifest | str | None:
    """The folder's manifest, written first if missing; a message when it cannot be; None when
    the author cancelled."""
    path = folder / MANIFEST
    if not path.is_file():
        answer = ask_manifest(parent, lesson, dialogs)
        if not isinstance(answer, Manifest):
            return answer
        try:
            write_atomically(path, manifest_text(answer).encode("utf-8"), shared=True)
        except OSError as exc:
            return f"Could not write {path}: {exc.strerror or exc}. Nothing was made."
    try:
        return read_manifest(path.read_bytes(), str(path))
    except PackError as exc:
        return "The pack was not made:\n" + "\n".join(exc.problems)
    except OSError as exc:
        return f"Could not read {path}: {exc.strerror or exc}. Nothing was made."


def make_pack(
    parent: QWidget,
    lesson_path: Path,
    lesson: Lesson,
    dialogs: AuthorDialogs,
    my_lessons: Path | None = None,
) -> PackOutcome:
    """Pack the folder that holds ``lesson_path``, or the lessons the author picks from it (see
    ``lessons_to_choose_from`` for when)."""
    folder = lesson_path.parent
    offered = lessons_to_choose_from(lesson_path, my_lessons)
    chosen: list[Path] = []
    if offered:
        names = [path.relative_to(folder).as_posix() for path in offered]
        current = lesson_path.relative_to(folder).as_posix()
        picked = dialogs.pack_lessons(parent, names, current) if len(names) > 1 else [current]
        if not picked:
            return PackOutcome(None, "")
        chosen = [offered[names.index(name)] for name in names if name in picked]
        manifest = ask_manifest(parent, lesson, dialogs)
    else:
        manifest = ensure_manifest(parent, folder, lesson, dialogs)
    if manifest is None:
        return PackOutcome(None, "")
    if isinstance(manifest, str):
        return PackOutcome(None, manifest)
    chosen_path = dialogs.pack_path(parent, str(folder.parent / f"{manifest.slug}.zip"))
    if not chosen_path:
        return PackOutcome(None, "")
    out = Path(chosen_path) if chosen_path.lower().endswith(".zip") else Path(f"{chosen_path}.zip")
    try:
        members = (
            create_pack_of(folder, chosen, manifest, out) if offered else create_pack(folder, out)
        )
    except PackError as exc:
        return PackOutcome(None, "The pack was not made:\n" + "\n".join(exc.problems))
    except OSError as exc:
        return PackOutcome(None, f"Could not write {out}: {exc.strerror or exc}.")
    lessons = sum(name.endswith(".lesson") for name in members)
    recordings = len(members) - lessons - 1  # and the manifest
    held = f"{lessons} {'lesson' if lessons == 1 else 'lessons'}" + (
        f" and {recordings} {'recording' if recordings == 1 else 'recordings'}"
        if recordings
        else ""
    )
    return PackOutcome(
        out,
        f"The pack “{manifest.title}” is in {out}, with {held} from {folder}. "
        f"Anyone can add it to their library with “{IMPORT_BUTTON}” on the Lessons page.",
    )
