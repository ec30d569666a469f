"""The catalogue as the app last read it, kept so the next start need not read its files again.

Reading the catalogue means parsing some twenty TOML files and checking every entry and claim
against the sources: a fifth of what the app does between its first paint and Today drawn,
at every start, for files that change only with a new Seesaw or an edit by hand. So once the
catalogue has read clean it is kept in one cache file, and the next start takes it from there
when nothing it was made from has changed.

The kept copy can never be stale, because it is found by what it was made from (``key_of``):
the exact bytes of every file read, the names of the illustrations there are (a missing one is
an error), this Python, and the code that reads and holds the catalogue (its source, or in the
one-folder bundle its compiled code: ``lesson_engine/code_digest.py``). An entry
edited, added or taken away, an illustration removed, or a Seesaw with other rules: each misses
it, and the catalogue is read and checked as if there were none. A catalogue with errors is never
kept, so its errors are reported at every start. A kept file that is missing, damaged or
unreadable is passed over in silence and made again: it only ever holds a copy, and
``seesaw check`` never looks at it. It is written and read as every cache is
(``lesson_engine/cache_file.py``: the key in its prefix, a checksum, no fsync), and unpickled
knowing only the catalogue's own classes, so even a file put there by someone else can build
nothing else.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lesson_engine.cache_file import files_key, keep_copy, kept_copy, made_by, names_of
from lesson_engine.catalogue import model
from lesson_engine.catalogue.model import Catalogue

KEPT_NAME = "catalogue.kept"
"""The cache file, in the folder the caller names (the app's cache folder)."""
_MAGIC = b"seesaw kept catalogue 1\n"
_MADE_BY = ("lesson_engine.catalogue.loader", "lesson_engine.catalogue.model", __name__)
"""The modules that read and hold the catalogue: their code is in the key."""
_ALLOWED = names_of(
    model.Catalogue, model.Entry, model.Source, model.Claim, model.Stance, model.School
)
"""What a catalogue is made of besides text and numbers; the unpickler refuses anything else."""


@functools.cache
def fingerprint() -> bytes:
    """What the catalogue read depends on besides its files (``cache_file.made_by``)."""
    return made_by(_MADE_BY)


def key_of(folder: Path) -> bytes:
    """What the catalogue in ``folder`` is made from, as a digest; OSError if it cannot be read
    (and then the catalogue is read as it always was, which says why)."""
    files = [folder / "sources.toml", *sorted((folder / "entries").glob("*.toml"))]
    illustrations = folder / "illustrations"
    shown = sorted(
        p.relative_to(illustrations).as_posix() for p in illustrations.rglob("*") if p.is_file()
    )
    return files_key(fingerprint(), folder, files, "illustrations", *shown)


def load_kept(folder: Path, cache: Path) -> Catalogue:
    """The catalogue in ``folder``, from its kept copy in ``cache`` if one was made from exactly
    these files; otherwise read and checked (``loader.load_catalogue``: LessonScriptError lists
    every problem) and, read clean, kept for the next time."""
    try:
        key = key_of(folder)
    except OSError:
        return _read_files(folder)
    path = cache / KEPT_NAME
    kept = kept_copy(path, _MAGIC + key, _ALLOWED)
    if isinstance(kept, Catalogue):
        return kept
    catalogue = _read_files(folder)
    keep_copy(path, _MAGIC + key, catalogue)
    return catalogue


def _read_files(folder: Path) -> Catalogue:
    """``load_catalogue``: the TOML reader and its checks are imported only when the files must
    be read, not when the kept copy will do."""
    from lesson_engine.catalogue.loader import load_catalogue

    return load_catalogue(folder)
