"""A pack of some of a folder's lessons, built from a copy so the folder itself is left alone.

My lessons holds every lesson an author has saved, most of them meant for no particular pack.
Packing that folder whole would hand all of them out, and a ``pack.toml`` written into it would
make the library list every one of them under the pack's title instead of "My lessons". So a
pack of chosen lessons is put together in a staging folder: a copy of those lessons at the same
places relative to their folder, exactly the recordings they use, the lexicon they are spoken
with (if any) and the manifest. ``create_pack`` then packs the staging folder, the same code as
``seesaw pack``, so whatever comes out ``seesaw import`` accepts.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from lesson_engine.library.files import find_lesson_files
from lesson_engine.library.packs import (
    MANIFEST,
    MANIFEST_KEYS,
    Manifest,
    PackError,
    create_pack,
    lesson_members,
)
from lesson_engine.script.lexicon import LEXICON_FILE, pack_lexicon_file


def manifest_text(manifest: Manifest) -> str:
    """The ``pack.toml`` that says ``manifest``."""
    # JSON's string escapes are TOML's basic-string escapes, so any title survives the round trip.
    return "".join(f"{key} = {json.dumps(getattr(manifest, key))}\n" for key in MANIFEST_KEYS)


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def lessons_to_choose_from(lesson: Path, my_lessons: Path | None) -> list[Path]:
    """The lessons to offer when packing ``lesson``, or ``[]`` when its whole folder is the pack.

    The rule: a folder with a ``pack.toml`` of its own (other than My lessons) was made a pack by
    its author, and a folder holding no lesson but this one can only mean this one; both are
    packed whole, as ``seesaw pack`` packs them. My lessons itself, or any other folder holding
    more lessons, is a collection: the author chooses which of its lessons go into the pack.
    """
    folder = lesson.parent
    in_my_lessons = my_lessons is not None and _same_folder(folder, my_lessons)
    if not in_my_lessons and (folder / MANIFEST).is_file():
        return []
    found = find_lesson_files([folder])[0]
    if in_my_lessons or any(not _same_folder(path, lesson) for path in found):
        return found
    return []


def create_pack_of(
    folder: Path, chosen: Sequence[Path], manifest: Manifest, out: Path
) -> list[str]:
    """Zip ``chosen`` (lesson files under ``folder``) with the recordings they use, the lexicon
    they are spoken with and ``manifest``, writing nothing into ``folder``; returns the members.
    Raises PackError with every reason it cannot, naming the files where the author has them."""
    if not chosen:
        raise PackError([f"{folder}: no lesson was chosen for the pack"])
    members, problems = lesson_members(folder, list(chosen))
    lexicons = {found for found in map(pack_lexicon_file, chosen) if found is not None}
    if len(lexicons) > 1:
        problems.append(
            "the chosen lessons are spoken with different lexicons ("
            + ", ".join(sorted(map(str, lexicons)))
            + "); make a pack of each group"
        )
    if problems:
        raise PackError(list(dict.fromkeys(problems)))
    with tempfile.TemporaryDirectory(prefix="seesaw-pack-") as scratch:
        staging = Path(scratch)
        for name, source in members.items():
            copy = staging / PurePosixPath(name)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
        if lexicons:
            shutil.copyfile(lexicons.pop(), staging / LEXICON_FILE)
        (staging / MANIFEST).write_text(manifest_text(manifest), encoding="utf-8")
        try:
            return create_pack(staging, out)
        except PackError as exc:  # said of the author's files, not of a copy that is gone
            shown = [str(staging.resolve()), str(staging)]
            raise PackError(
                [_moved(problem, shown, str(folder)) for problem in exc.problems]
            ) from None


def _moved(problem: str, staged: list[str], folder: str) -> str:
    for place in staged:
        problem = problem.replace(place, folder)
    return problem
