"""The catalogue kept from one start to the next: taken only when made from exactly these files."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import pickle
import zlib
from pathlib import Path

import pytest

from lesson_engine.catalogue import kept, loader
from lesson_engine.catalogue.kept import KEPT_NAME, key_of, load_kept
from lesson_engine.paths import catalogue_dir
from lesson_engine.script.diagnostics import LessonScriptError
from tests.kept_fixtures import calls_to, copy_to_edit


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled catalogue, to edit."""
    return copy_to_edit(catalogue_dir(), tmp_path)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def files_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each time the catalogue's files are read and checked (rather than the kept copy taken)."""
    return calls_to(monkeypatch, loader, "load_catalogue")


def test_a_catalogue_read_clean_is_kept_and_the_next_start_takes_it(
    folder: Path, cache: Path, files_read: list[Path]
) -> None:
    first = load_kept(folder, cache)
    assert files_read == [folder] and (cache / KEPT_NAME).is_file()
    again = load_kept(folder, cache)
    assert again == first == loader.load_catalogue(folder)  # the same, to the last claim
    assert files_read == [folder, folder]  # the last read here, not by load_kept


def test_an_entry_edited_by_hand_is_read_again(
    folder: Path, cache: Path, files_read: list[Path]
) -> None:
    before = load_kept(folder, cache)
    entry = folder / "entries" / "clamshell.toml"
    text = entry.read_text(encoding="utf-8")
    name = next(e.name for e in before.entries if e.id == "clamshell")
    stat = entry.stat()
    entry.write_text(text.replace(f'"{name}"', '"Clamshell, knees bent"', 1), encoding="utf-8")
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with its old time
    after = load_kept(folder, cache)
    assert next(e.name for e in after.entries if e.id == "clamshell") == "Clamshell, knees bent"
    assert len(files_read) == 2


def test_an_illustration_taken_away_is_the_error_it_always_was(folder: Path, cache: Path) -> None:
    catalogue = load_kept(folder, cache)
    shown = next(e.illustration for e in catalogue.entries if e.illustration)
    (folder / "illustrations" / shown).unlink()
    with pytest.raises(LessonScriptError) as error:
        load_kept(folder, cache)
    assert f"illustration {shown} not found" in str(error.value.diagnostics[0].message)


def test_a_catalogue_with_errors_is_never_kept(folder: Path, cache: Path) -> None:
    entry = folder / "entries" / "clamshell.toml"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nnot toml at all ===\n")
    for _ in range(2):  # said at every start, not once
        with pytest.raises(LessonScriptError):
            load_kept(folder, cache)
    assert not (cache / KEPT_NAME).exists()


def test_a_damaged_kept_file_is_passed_over_and_made_again(
    folder: Path, cache: Path, files_read: list[Path]
) -> None:
    first = load_kept(folder, cache)
    path = cache / KEPT_NAME
    raw = bytearray(path.read_bytes())
    raw[-10] ^= 0xFF  # a flipped byte in the catalogue itself
    path.write_bytes(bytes(raw))
    assert load_kept(folder, cache) == first
    path.write_bytes(path.read_bytes()[:100])  # torn
    assert load_kept(folder, cache) == first
    assert len(files_read) == 3
    assert load_kept(folder, cache) == first and len(files_read) == 3  # whole again


class _Planted:
    """What someone else might leave in the cache folder: a file that runs something as read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def test_a_kept_file_that_is_not_a_catalogue_builds_nothing(
    folder: Path, cache: Path, tmp_path: Path, files_read: list[Path]
) -> None:
    marker = tmp_path / "ran"
    body = pickle.dumps(_Planted(marker), protocol=5)
    cache.mkdir()
    (cache / KEPT_NAME).write_bytes(
        kept._MAGIC + key_of(folder) + zlib.crc32(body).to_bytes(4, "big") + body
    )
    assert load_kept(folder, cache) == loader.load_catalogue(folder)
    assert not marker.exists()
    assert files_read[0] == folder  # read from the files, as if there were no kept copy


class _BytecodeOnly:
    """A loader as the one-folder bundle has: the module's compiled code, and no source file."""

    def __init__(self, source: str) -> None:
        self.code = compile(source, "loader.py", "exec")

    def get_code(self, _name: str) -> object:
        return self.code


def test_without_the_source_the_key_follows_the_compiled_reader(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find = importlib.util.find_spec
    source = Path(loader.__file__).read_text(encoding="utf-8")

    def key_as_bundled(text: str) -> bytes:
        def find(name: str, package: str | None = None) -> object:
            if name == loader.__name__:  # found, as in the bundle, with no file to read
                return importlib.machinery.ModuleSpec(name, _BytecodeOnly(text))
            return real_find(name, package)

        monkeypatch.setattr(importlib.util, "find_spec", find)
        kept.fingerprint.cache_clear()
        return key_of(folder)

    try:
        as_bundled = key_as_bundled(source)
        assert key_as_bundled(source) == as_bundled  # the same code, the same key
        stricter = source.replace('KINDS = ("exercise", "treatment")', 'KINDS = ("exercise",)')
        assert stricter != source
        assert key_as_bundled(stricter) != as_bundled
    finally:
        monkeypatch.undo()
        kept.fingerprint.cache_clear()
