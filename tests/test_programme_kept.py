"""The bundled programmes kept from one start to the next: taken only when made from exactly these
files, checked against these sources, by this code (``lesson_engine.programme.kept``)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.paths import bundled_programmes_dir, cache_dir, catalogue_dir
from lesson_engine.programme import bundled, kept, values
from lesson_engine.programme.kept import KEPT_NAME, key_of, load_kept
from tests.kept_fixtures import calls_to, copy_to_edit


@pytest.fixture(scope="module")
def sources() -> frozenset[str]:
    return frozenset(s.key for s in load_catalogue(catalogue_dir()).sources)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled programmes, to edit."""
    return copy_to_edit(bundled_programmes_dir(), tmp_path)


@pytest.fixture
def cache() -> Path:
    """The app's cache folder (the test's own, as every test has: ``conftest.py``)."""
    return cache_dir()


@pytest.fixture
def files_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each programme file parsed and checked (rather than taken from the kept copy)."""
    return calls_to(monkeypatch, bundled, "check")


def parsed(folder: Path, sources: frozenset[str]) -> list[object]:
    """The programmes as reading the files gives them, with no kept copy."""
    loaded, broken = bundled.bundled_programmes(bundled.Known(None, sources, {}), folder)
    assert not broken
    return list(loaded)


def test_programmes_read_clean_are_kept_and_the_next_start_takes_them(
    folder: Path, cache: Path, sources: frozenset[str], files_read: list[Path]
) -> None:
    first, broken = load_kept(folder, cache, sources)
    assert not broken and len(first) == len(files_read) == 3
    assert (cache / KEPT_NAME).is_file()
    files_read.clear()
    again, broken = load_kept(folder, cache, sources)
    assert not broken and not files_read
    assert again == first == parsed(folder, sources)  # the same, to the last rung and source
    assert [p.path for p in again] == sorted(folder.glob("*.programme"))


def test_programmes_moved_elsewhere_carry_their_new_place(
    folder: Path, cache: Path, sources: frozenset[str], tmp_path: Path
) -> None:
    """Seesaw installed elsewhere (the same files, another folder): each programme's path is
    where it is now, not where the kept copy was made."""
    load_kept(folder, cache, sources)
    moved = tmp_path / "elsewhere"
    shutil.copytree(folder, moved)
    after, _ = load_kept(moved, cache, sources)
    assert [p.path for p in after] == sorted(moved.glob("*.programme"))


def test_a_programme_edited_by_hand_is_read_again(
    folder: Path, cache: Path, sources: frozenset[str], files_read: list[Path]
) -> None:
    load_kept(folder, cache, sources)
    path = folder / "strength-first.programme"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("title: Strength first", "title: Strength FIRST", 1)
    path.write_text(edited, "utf-8")  # even as long as it was,
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and with its old time
    files_read.clear()
    after, _ = load_kept(folder, cache, sources)
    assert "Strength FIRST" in [p.title for p in after]
    assert len(files_read) == 3


def test_a_programme_taken_away_is_gone_at_the_next_start(
    folder: Path, cache: Path, sources: frozenset[str]
) -> None:
    load_kept(folder, cache, sources)
    (folder / "combined.programme").unlink()
    after, _ = load_kept(folder, cache, sources)
    assert sorted(p.id for p in after) == ["movement-first", "strength-first"]


def test_a_catalogue_with_other_sources_checks_the_programmes_again(
    folder: Path, cache: Path, sources: frozenset[str]
) -> None:
    load_kept(folder, cache, sources)
    loaded, broken = load_kept(folder, cache, sources - {"S4"})
    assert "strength-first" not in [p.id for p in loaded]
    assert any("no source 'S4'" in r.errors[0].message for r in broken)


def test_a_programme_with_errors_is_never_kept_and_is_said_at_every_start(
    folder: Path, cache: Path, sources: frozenset[str]
) -> None:
    path = folder / "movement-first.programme"
    path.write_text(path.read_text(encoding="utf-8").replace("weeks: ", "weeks: x", 1), "utf-8")
    for _ in range(2):
        loaded, broken = load_kept(folder, cache, sources)
        assert len(loaded) == 2 and [r.errors[0].path for r in broken] == [str(path)]
    assert not (cache / KEPT_NAME).exists()


def test_a_damaged_kept_file_falls_back_to_parsing_and_is_made_again(
    folder: Path, cache: Path, sources: frozenset[str], files_read: list[Path]
) -> None:
    expected = parsed(folder, sources)
    load_kept(folder, cache, sources)
    path = cache / KEPT_NAME
    raw = bytearray(path.read_bytes())
    raw[-10] ^= 0xFF  # a flipped byte in the programmes themselves
    path.write_bytes(bytes(raw))
    files_read.clear()
    assert load_kept(folder, cache, sources) == (expected, [])
    assert len(files_read) == 3
    path.write_bytes(path.read_bytes()[:100])  # torn
    assert load_kept(folder, cache, sources) == (expected, [])
    assert len(files_read) == 6
    assert load_kept(folder, cache, sources) == (expected, []) and len(files_read) == 6


def test_the_key_follows_the_code_that_reads_a_programme(
    folder: Path, sources: frozenset[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Seesaw whose rules for a figure differ (its values.py) never takes the kept copy."""
    ours = key_of(folder, sources)
    changed = tmp_path / "values.py"
    changed.write_text(Path(values.__file__).read_text(encoding="utf-8") + "\nSTRICTER = True\n")
    real_find = importlib.util.find_spec

    def find(name: str, package: str | None = None) -> object:
        if name == values.__name__:
            return importlib.machinery.ModuleSpec(name, None, origin=str(changed))
        return real_find(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find)
    kept.fingerprint.cache_clear()
    try:
        assert key_of(folder, sources) != ours
    finally:
        monkeypatch.undo()
        kept.fingerprint.cache_clear()
    assert key_of(folder, sources) == ours


def test_today_takes_the_programmes_the_last_start_kept(files_read: list[Path]) -> None:
    """The app's own loading (Today's wiring) keeps them in the cache folder and takes them
    from there at the next start, with the problems it always gave: none."""
    from ui.desktop.today.wiring import load_programmes

    catalogue = load_catalogue(catalogue_dir())
    first = load_programmes(catalogue)
    assert (cache_dir() / KEPT_NAME).is_file() and len(files_read) == 3
    assert load_programmes(catalogue) == first and len(files_read) == 3
    assert sorted(p.id for p in first[0]) == ["combined", "movement-first", "strength-first"]
    assert first[1] == []
