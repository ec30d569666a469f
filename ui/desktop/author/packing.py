"""Make pack from the Author page: the saved lesson's folder zipped as ``seesaw pack`` does it.

The pack is made by ``lesson_engine.library.packs.create_pack``, the code behind ``seesaw pack``,
so whatever the page packs, ``seesaw import`` and the library's Import accept. A folder without a
``pack.toml`` gets one first, from four answers the author gives (proposed from the lesson's
header), because a pack must say who made it and under which licence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from lesson_engine.library.packs import (
    MANIFEST,
    MANIFEST_KEYS,
    Manifest,
    PackError,
    create_pack,
    read_manifest,
)
from lesson_engine.model.lesson import Lesson
from lesson_engine.storage import write_atomically
from ui.desktop.author.dialogs import AuthorDialogs


@dataclass(frozen=True)
class PackOutcome:
    written: Path | None
    message: str
    """What to tell the author: where the pack went, or every reason it was not made."""


def manifest_text(manifest: Manifest) -> str:
    # JSON's string escapes are TOML's basic-string escapes, so any title survives the round trip.
    return "".join(f"{key} = {json.dumps(getattr(manifest, key))}\n" for key in MANIFEST_KEYS)


def ensure_manifest(
    parent: QWidget, folder: Path, lesson: Lesson, dialogs: AuthorDialogs
) -> Manifest | str | None:
    """The folder's manifest, written first if missing; a message when it cannot be; None when
    the author cancelled."""
    path = folder / MANIFEST
    if not path.is_file():
        proposed = Manifest(lesson.title, lesson.header.author, "1.0", "All rights reserved")
        answer = dialogs.manifest(parent, proposed)
        if answer is None:
            return None
        try:
            read_manifest(manifest_text(answer).encode("utf-8"), str(path))
        except PackError:
            return "The pack was not made: it needs a title, an author, a version and a licence."
        try:
            write_atomically(path, manifest_text(answer).encode("utf-8"))
        except OSError as exc:
            return f"Could not write {path}: {exc.strerror or exc}. Nothing was made."
    try:
        return read_manifest(path.read_bytes(), str(path))
    except PackError as exc:
        return "The pack was not made:\n" + "\n".join(exc.problems)
    except OSError as exc:
        return f"Could not read {path}: {exc.strerror or exc}. Nothing was made."


def make_pack(
    parent: QWidget, lesson_path: Path, lesson: Lesson, dialogs: AuthorDialogs
) -> PackOutcome:
    """Pack the folder that holds ``lesson_path`` (every lesson in it, with their recordings)."""
    folder = lesson_path.parent
    manifest = ensure_manifest(parent, folder, lesson, dialogs)
    if manifest is None:
        return PackOutcome(None, "")
    if isinstance(manifest, str):
        return PackOutcome(None, manifest)
    chosen = dialogs.pack_path(parent, str(folder.parent / f"{manifest.slug}.zip"))
    if not chosen:
        return PackOutcome(None, "")
    out = Path(chosen) if chosen.lower().endswith(".zip") else Path(f"{chosen}.zip")
    try:
        members = create_pack(folder, out)
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
        "Anyone can add it to their library with Import pack.",
    )
