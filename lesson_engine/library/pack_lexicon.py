"""Whether each rule of a pack's ``lexicon.txt`` is used by some lesson of the pack.

A lesson's own rule that matches nothing is found when the lesson is checked; a pack's rule may
be meant for any of its lessons, so it can only be called unused once every lesson of the pack
has been checked (``seesaw check`` on the pack's folder), and none of them is in error.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from lesson_engine.library.files import find_lesson_files
from lesson_engine.model.lesson import Lesson
from lesson_engine.script.diagnostics import Diagnostic
from lesson_engine.script.lexicon import pack_lexicon_file, unused_in_pack


def unused_pack_rules(checked: Mapping[Path, Lesson | None]) -> list[Diagnostic]:
    """Warnings for the pack rules no lesson uses, for each pack all of whose lessons are in
    ``checked`` (each lesson file and what it loaded as: None when it is in error)."""
    loaded = {path.resolve(): lesson for path, lesson in checked.items()}
    packs: dict[Path, None] = {}
    for path in checked:
        found = pack_lexicon_file(path)
        if found is not None:
            packs[found] = None
    warnings: list[Diagnostic] = []
    for lexicon in packs:
        members = [loaded.get(path.resolve()) for path in find_lesson_files([lexicon.parent])[0]]
        lessons = [lesson for lesson in members if lesson is not None]
        if len(lessons) == len(members):
            warnings += unused_in_pack(
                lexicon, (text for one in lessons for text in one.spoken_texts())
            )
    return warnings
