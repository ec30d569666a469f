"""The bundled programmes as the app last read them, kept so the next start need not parse them.

Today needs every bundled programme at every start, and reading them means importing the
programme parser and parsing and checking each file: a few milliseconds of every start, for files
that change only with a new Seesaw or an edit by hand. So once they have all read clean they are
kept in one cache file, and the next start takes them from there when nothing they were made
from has changed, without importing the parser at all.

As with the catalogue (``catalogue/kept.py``), the kept copy can never be stale, because it is
found by what it was made from (``key_of``): the folder (each programme carries its path), the
exact bytes of every programme file there, the catalogue's sources they were checked against,
this Python, and the code that reads and holds a programme (``lesson_engine/code_digest.py``). A
programme edited, added or taken away, a catalogue with other sources, or a Seesaw with other
rules: each misses it, and the files are read as if there were none. A folder with a programme
that does not load is never kept, so its problem is said at every start. The file is written
and read as every cache is (``lesson_engine/cache_file.py``): missing, damaged or unreadable, it
is passed over in silence and made again, and unpickling it builds only a programme's own classes.
``seesaw check`` never looks at it.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from lesson_engine.cache_file import files_key, keep_copy, kept_copy, made_by, names_of
from lesson_engine.programme import model
from lesson_engine.programme.bundled import Known, bundled_programmes, programme_files
from lesson_engine.programme.model import Programme

if TYPE_CHECKING:
    from lesson_engine.programme.parser import ProgrammeCheck

KEPT_NAME = "programmes.kept"
"""The cache file, in the folder the caller names (the app's cache folder)."""
_MAGIC = b"seesaw kept programmes 1\n"
_MADE_BY = (
    "lesson_engine.programme.bundled",
    "lesson_engine.programme.parser",
    "lesson_engine.programme.body",
    "lesson_engine.programme.values",
    "lesson_engine.programme.model",
    "lesson_engine.script.header",
    "lesson_engine.script.text",
    "lesson_engine.script.durations",
    "lesson_engine.model.ids",
    __name__,
)
"""The modules that find, read and hold a programme: their code is in the key."""
_ALLOWED = names_of(
    model.Programme,
    model.Phase,
    model.Weekly,
    model.RunStage,
    model.Build,
    model.Advice,
    model.Criterion,
    model.Thresholds,
    model.Activity,
    model.School,
    model.Need,
    type(Path()),
)
"""What a programme is made of besides text and numbers; the unpickler refuses anything else."""


@functools.cache
def fingerprint() -> bytes:
    """What reading a programme depends on besides its file (``cache_file.made_by``)."""
    return made_by(_MADE_BY)


def key_of(folder: Path, known_sources: Collection[str] | None) -> bytes:
    """What the programmes in ``folder``, checked against ``known_sources``, are made from, as a
    digest; OSError if a file cannot be read (and then they are read as they always were, which
    says why)."""
    sources = ["unchecked"] if known_sources is None else sorted(known_sources)
    return files_key(fingerprint(), folder, programme_files(folder), str(folder), *sources)


def load_kept(
    folder: Path, cache: Path, known_sources: Collection[str] | None
) -> tuple[list[Programme], list[ProgrammeCheck]]:
    """The programmes in ``folder`` (lessons unchecked, sources checked against
    ``known_sources`` unless None), from their kept copy in ``cache`` if one was made from
    exactly these files; otherwise read, and, if every one loads, kept for the next time. As
    ``bundled.bundled_programmes``: those that load, and the checks of those that do not."""
    try:
        key = key_of(folder, known_sources)
    except OSError:
        return _read_files(folder, known_sources)
    path = cache / KEPT_NAME
    kept = kept_copy(path, _MAGIC + key, _ALLOWED)
    if isinstance(kept, list) and all(isinstance(p, Programme) for p in kept):
        return kept, []
    loaded, broken = _read_files(folder, known_sources)
    if not broken:
        keep_copy(path, _MAGIC + key, loaded)
    return loaded, broken


def _read_files(
    folder: Path, known_sources: Collection[str] | None
) -> tuple[list[Programme], list[ProgrammeCheck]]:
    facts = Known(None, None if known_sources is None else frozenset(known_sources), {})
    return bundled_programmes(facts, folder)
