"""Where Seesaw keeps the user's files.

Everything goes through these functions so that one variable, ``SEESAW_HOME``, can move all of it:
tests point it at a temporary folder (they must never touch a real journal) and a portable install
can point it at a USB stick.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

import platformdirs

APP_NAME = "seesaw"
MY_LESSONS = "My lessons"
PACK_MANIFEST = "pack.toml"
"""The manifest a lesson pack has at its top: where a pack starts (its lexicon sits beside it)."""


def _home_override() -> Path | None:
    value = os.environ.get("SEESAW_HOME", "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The journal and imported lesson packs live here."""
    home = _home_override()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def journal_folder() -> Path:
    return data_dir() / "journal"


def packs_dir() -> Path:
    """Each imported lesson pack, in a folder of its own."""
    return data_dir() / "packs"


def my_lessons_dir() -> Path:
    """Lessons the learner or instructor wrote in Seesaw: Save goes here unless told otherwise,
    and the library lists them at once."""
    return data_dir() / "my-lessons"


def recovery_dir() -> Path:
    """Copies of the Author page's unsaved text, kept while it is typed."""
    return data_dir() / "recovery"


def cache_dir() -> Path:
    """Synthesised speech lives here; deleting it loses nothing but time."""
    home = _home_override()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def voice_cache_dir() -> Path:
    return cache_dir() / "voice"


def library_index_path() -> Path:
    """The list of lessons as last read, so the first paint need not parse any."""
    return cache_dir() / "library-index.json"


def compiled_methods_path() -> Path:
    """The dataclass methods a start compiled, so the next start need not (``ui.method_cache``)."""
    return cache_dir() / "compiled-methods"


def config_dir() -> Path:
    home = _home_override()
    if home:
        return home / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


BUNDLED_LESSONS_PACKAGE = "lessons"
"""The package whose data files are the bundled lessons and catalogue (``lessons/`` in the tree)."""


class BundledLessonsMissing(RuntimeError):
    """Seesaw's own lessons are not on disk as files (a broken or zipped install)."""


def package_folder(package: str) -> Path | None:
    """The folder holding ``package``'s files, or None when it is missing or inside an archive.

    Asked of the import system's spec, which names the folder without importing the package or
    ``importlib.resources`` (some 7 ms, and these folders are found before the first paint); a
    package that only a custom loader can read is left to ``importlib.resources`` as before.
    """
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    for location in spec.submodule_search_locations or ():
        if Path(location).is_dir():
            return Path(location)
    from importlib import resources

    folder = resources.files(package)
    return folder if isinstance(folder, Path) and folder.is_dir() else None


def bundled_lessons_dir() -> Path:
    """The lessons that ship with Seesaw: ``lessons/`` in the source tree, its copy once installed.

    Found as a package's folder (``package_folder``) so that a wheel, pipx or a bundle finds them
    wherever its packages went. Lessons are read as files (and listed, walked, opened by path), so
    an install that keeps them inside an archive is refused with a message rather than half-read.
    """
    folder = package_folder(BUNDLED_LESSONS_PACKAGE)
    if folder is not None:
        return folder
    if find_spec(BUNDLED_LESSONS_PACKAGE) is None:
        raise BundledLessonsMissing(
            "Seesaw's bundled lessons are missing from this install (no 'lessons' package); "
            "reinstall Seesaw"
        )
    raise BundledLessonsMissing(
        "Seesaw's bundled lessons are not on disk as files (inside an archive?); install Seesaw "
        "unpacked (pip and pipx do)"
    )


def bundled_programmes_dir() -> Path:
    """The programmes that ship with Seesaw, beside its lessons."""
    return bundled_lessons_dir() / "programmes"


def catalogue_dir() -> Path:
    """The exercise catalogue and its drawings, bundled with the lessons."""
    return bundled_lessons_dir() / "catalogue"


def lesson_folders() -> list[tuple[str, Path]]:
    """(origin, folder) for the bundled lessons, then My lessons, then each imported pack in
    name order."""
    folders = [("Seesaw", bundled_lessons_dir()), (MY_LESSONS, my_lessons_dir())]
    packs = packs_dir()
    if packs.is_dir():
        folders.extend(
            (p.name, p)
            for p in sorted(packs.iterdir())
            if p.is_dir() and not p.name.startswith(".")
        )
    return folders
