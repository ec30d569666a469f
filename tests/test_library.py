"""The lesson library: grouping, broken files, duplicate ids, and the start-up index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lesson_engine.library.index import LibraryIndex
from lesson_engine.library.listing import load_library
from lesson_engine.script import parser as parser_module
from lesson_engine.script.diagnostics import LessonScriptError


def lesson(
    folder: Path, name: str, lesson_id: str, group: str = "", body: str = "Lie down.\n"
) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    group_line = f"group: {group}\n" if group else ""
    path.write_text(
        f"id: {lesson_id}\ntitle: {lesson_id.title()}\n{group_line}---\n{body}", encoding="utf-8"
    )
    return path


def test_lessons_are_grouped_in_teaching_order(tmp_path: Path) -> None:
    lesson(tmp_path, "a.lesson", "set-clamshell", "strength")
    lesson(tmp_path, "b.lesson", "weight-shift-2", "weight-shift")
    lesson(tmp_path, "c.lesson", "weight-shift-1", "weight-shift")
    lesson(tmp_path, "d.lesson", "misc")
    library = load_library([("Seesaw", tmp_path)])
    assert [(group, [e.id for e in entries]) for group, entries in library.groups()] == [
        ("Weight shift", ["weight-shift-1", "weight-shift-2"]),
        ("Strength sets", ["set-clamshell"]),
        ("Other lessons", ["misc"]),
    ]


def test_a_broken_lesson_is_reported_and_the_rest_still_load(tmp_path: Path) -> None:
    lesson(tmp_path, "good.lesson", "good")
    bad = lesson(tmp_path, "bad.lesson", "bad", body="[pasue 5s]\nHi.\n")
    library = load_library([("Seesaw", tmp_path)])
    assert [e.id for e in library.entries] == ["good"]
    (problem,) = library.problems
    assert problem.path == bad
    assert "unknown directive [pasue 5s]" in str(problem.diagnostics[0])


def test_the_first_lesson_with_an_id_wins(tmp_path: Path) -> None:
    lesson(tmp_path / "bundled", "x.lesson", "same")
    lesson(tmp_path / "pack", "x.lesson", "same")
    library = load_library([("Seesaw", tmp_path / "bundled"), ("My pack", tmp_path / "pack")])
    assert [(e.id, e.origin) for e in library.entries] == [("same", "Seesaw")]


def test_unchanged_files_are_listed_from_the_index_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lessons"
    path = lesson(folder, "a.lesson", "alpha", body="Lie down on your side.\n")
    first = load_library([("Seesaw", folder)], index=LibraryIndex(tmp_path / "index.json"))

    def no_parsing(_path: Path):
        raise AssertionError("parsed although unchanged")

    monkeypatch.setattr(parser_module, "check_lesson_file", no_parsing)
    second = load_library([("Seesaw", folder)], index=LibraryIndex(tmp_path / "index.json"))
    assert second.entries == first.entries

    monkeypatch.undo()
    path.write_text(path.read_text() + "Now stand up slowly and walk.\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    third = load_library([("Seesaw", folder)], index=LibraryIndex(tmp_path / "index.json"))
    assert third.entries[0].length_ms > first.entries[0].length_ms


def test_the_first_look_reads_no_lesson_and_is_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled, pack = tmp_path / "bundled", tmp_path / "pack"
    folders = [("Seesaw", bundled), ("Clinic", pack)]
    index_path = tmp_path / "index.json"
    ours = lesson(bundled, "a.lesson", "alpha")
    lesson(pack, "a.lesson", "alpha")  # the same id in a pack: the bundled one wins
    lesson(pack, "b.lesson", "beta")
    load_library(folders, index=LibraryIndex(index_path))
    written = index_path.read_bytes()

    def no_parsing(_path: Path):
        raise AssertionError("a lesson file was parsed")

    monkeypatch.setattr(parser_module, "check_lesson_file", no_parsing)
    first_look = load_library(folders, index=LibraryIndex(index_path), index_only=True)
    assert [(e.id, e.origin) for e in first_look.entries] == [
        ("alpha", "Seesaw"),
        ("beta", "Clinic"),
    ]

    ours.write_text(ours.read_text() + "Stand.\n")  # changed since it was indexed
    os.utime(ours, ns=(ours.stat().st_atime_ns, ours.stat().st_mtime_ns + 1_000_000))
    stale = load_library(folders, index=LibraryIndex(index_path), index_only=True)
    assert stale.entries == () and stale.problems == ()  # never the pack's alpha instead
    assert index_path.read_bytes() == written

    monkeypatch.undo()
    full = load_library(folders, index=LibraryIndex(index_path))
    assert [(e.id, e.origin) for e in full.entries] == [("alpha", "Seesaw"), ("beta", "Clinic")]


def test_lengths_cached_for_one_voice_are_not_shown_for_another(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    lesson(folder, "a.lesson", "alpha")
    index_path = tmp_path / "index.json"
    load_library([("Seesaw", folder)], index=LibraryIndex(index_path), timing="estimate")
    slow = load_library(
        [("Seesaw", folder)], lambda _u: 60_000, index=LibraryIndex(index_path), timing="slow-voice"
    )
    assert slow.entries[0].length_ms == 60_000


def test_a_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    lesson(folder, "a.lesson", "alpha")
    index_path = tmp_path / "index.json"
    index_path.write_text("{ not json")
    library = load_library([("Seesaw", folder)], index=LibraryIndex(index_path))
    assert [e.id for e in library.entries] == ["alpha"]
    assert '"alpha"' in index_path.read_text()


def test_loading_a_lesson_that_broke_since_listing_raises_its_own_error(tmp_path: Path) -> None:
    path = lesson(tmp_path, "a.lesson", "alpha")
    (entry,) = load_library([("Seesaw", tmp_path)]).entries
    path.write_text("id: alpha\ntitle: Alpha\n---\n[bell\n")
    with pytest.raises(LessonScriptError):
        entry.load()
