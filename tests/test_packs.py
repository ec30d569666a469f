"""Lesson packs: making one, importing one, and refusing every hostile pack before writing."""

from __future__ import annotations

import stat
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from lesson_engine.library.packs import PackError, PackExists, create_pack, import_pack
from tests.pack_fixtures import (
    pack_bytes,
    with_broken_deflate,
    with_name_not_utf8,
    with_size_that_lies,
    with_wrong_crc,
)

MANIFEST = (
    b'title = "Trail weight shift"\nauthor = "A. Teacher"\nversion = "1.0"\nlicence = "CC BY 4.0"\n'
)
LESSON = b"id: trail-1\ntitle: Trail 1\n---\n[audio clips/hello.wav] Hello.\nLie down.\n"
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(100)


def good_files() -> dict[str, bytes]:
    return {"pack.toml": MANIFEST, "trail-1.lesson": LESSON, "clips/hello.wav": WAV}


def write_zip(tmp_path: Path, files: dict[str, bytes], name: str = "pack.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(pack_bytes(files))
    return path


def problems_of(tmp_path: Path, files: dict[str, bytes]) -> list[str]:
    packs = tmp_path / "packs"
    with pytest.raises(PackError) as caught:
        import_pack(write_zip(tmp_path, files), packs)
    assert not packs.exists() or not any(
        p for p in packs.iterdir() if not p.name.startswith(".")
    ), "wrote something"
    return caught.value.problems


def test_a_good_pack_installs_under_its_title(tmp_path: Path) -> None:
    result = import_pack(write_zip(tmp_path, good_files()), tmp_path / "packs")
    assert result.folder == tmp_path / "packs" / "trail-weight-shift"
    assert result.lessons == ("trail-1",)
    assert (result.folder / "clips/hello.wav").read_bytes() == WAV
    assert result.manifest.author == "A. Teacher"


def test_an_installed_pack_is_not_overwritten_without_asking(tmp_path: Path) -> None:
    archive = write_zip(tmp_path, good_files())
    import_pack(archive, tmp_path / "packs")
    marker = tmp_path / "packs" / "trail-weight-shift" / "mine.txt"
    marker.write_text("my own file")
    with pytest.raises(PackExists):
        import_pack(archive, tmp_path / "packs")
    assert marker.exists()
    import_pack(archive, tmp_path / "packs", replace=True)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "../escape.lesson",
            "pack.zip:../escape.lesson: unsafe path (absolute or leading outside the pack)",
        ),
        (
            "/etc/evil.lesson",
            "pack.zip:/etc/evil.lesson: unsafe path (absolute or leading outside the pack)",
        ),
        (
            "C:/evil.lesson",
            "pack.zip:C:/evil.lesson: unsafe path (absolute or leading outside the pack)",
        ),
        (
            "run.sh",
            "pack.zip:run.sh: this kind of file is not allowed in a pack (only lessons, recordings and notes)",
        ),
    ],
)
def test_unsafe_names_and_kinds_are_refused(tmp_path: Path, name: str, expected: str) -> None:
    assert expected in problems_of(tmp_path, {**good_files(), name: LESSON})


def test_symlinks_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "pack.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in good_files().items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo("clips/link.wav")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(PackError) as caught:
        import_pack(path, tmp_path / "packs")
    assert (
        "pack.zip:clips/link.wav: symbolic links are not allowed in a pack" in caught.value.problems
    )


def test_over_compressed_members_are_refused_as_zip_bombs(tmp_path: Path) -> None:
    found = problems_of(tmp_path, {**good_files(), "notes.txt": b"\0" * 20_000_000})
    assert any("refused as a likely zip bomb" in p for p in found)


def test_a_non_audio_file_in_an_audio_slot_is_refused(tmp_path: Path) -> None:
    found = problems_of(tmp_path, {**good_files(), "clips/hello.wav": b"#!/bin/sh\necho hi\n"})
    assert "pack.zip:clips/hello.wav: this is not a WAV recording" in found
    mp3 = problems_of(tmp_path, {**good_files(), "clips/b.mp3": b"hello"})
    assert "pack.zip:clips/b.mp3: this is not an MP3 recording" in mp3


def test_lessons_with_errors_are_refused_with_their_location(tmp_path: Path) -> None:
    broken = b"id: trail-2\ntitle: Trail 2\n---\n[pasue 5s]\n"
    found = problems_of(tmp_path, {**good_files(), "sub/trail-2.lesson": broken})
    assert "pack.zip:sub/trail-2.lesson:4:2: error: unknown directive [pasue 5s]" in found


def test_a_recording_missing_from_the_pack_is_refused(tmp_path: Path) -> None:
    files = good_files()
    del files["clips/hello.wav"]
    assert (
        "pack.zip:trail-1.lesson: uses a recording that is not in the pack (hello.wav)"
        in problems_of(tmp_path, files)
    )


def test_missing_or_incomplete_manifest_is_explained(tmp_path: Path) -> None:
    files = good_files()
    del files["pack.toml"]
    assert problems_of(tmp_path, files) == [
        "pack.zip: no pack.toml at the top of the pack; was it made with 'seesaw pack'?"
    ]
    found = problems_of(tmp_path, {**good_files(), "pack.toml": b'title = "T"\nauthr = "x"\n'})
    assert 'pack.zip:pack.toml: the manifest needs author = "…"' in found
    assert any("unknown manifest keys: authr" in p for p in found)


def test_a_file_that_is_not_a_zip_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "lesson.zip"
    path.write_text("hello")
    with pytest.raises(PackError, match="not a zip file"):
        import_pack(path, tmp_path / "packs")


def test_a_pack_that_is_not_there_is_said_missing(tmp_path: Path) -> None:
    for path in (tmp_path / "nope.zip", tmp_path):
        with pytest.raises(PackError, match="no such file; check the path") as caught:
            import_pack(path, tmp_path / "packs")
        assert "not a zip file" not in str(caught.value.problems)
    assert not (tmp_path / "packs").exists()


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    found = problems_of(tmp_path, {**good_files(), "a.exe": b"MZ", "../b.lesson": LESSON})
    assert len(found) == 2


def test_create_pack_from_a_folder_round_trips(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "clips").mkdir(parents=True)
    (folder / "pack.toml").write_bytes(MANIFEST)
    (folder / "trail-1.lesson").write_bytes(LESSON)
    (folder / "clips/hello.wav").write_bytes(WAV)
    (folder / "clips/unused.wav").write_bytes(WAV)
    members = create_pack(folder, tmp_path / "out.zip")
    assert members == ["clips/hello.wav", "pack.toml", "trail-1.lesson"]
    result = import_pack(tmp_path / "out.zip", tmp_path / "packs")
    assert result.lessons == ("trail-1",)


def test_create_pack_refuses_broken_lessons_and_explains_a_missing_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.lesson").write_bytes(b"id: a\ntitle: A\n---\n[bell\n")
    with pytest.raises(PackError) as caught:
        create_pack(folder, tmp_path / "out.zip")
    assert caught.value.problems[0].endswith("no manifest; create it with four lines, for example:")
    (folder / "pack.toml").write_bytes(MANIFEST)
    with pytest.raises(PackError) as caught:
        create_pack(folder, tmp_path / "out.zip")
    assert caught.value.problems == [
        f"{folder / 'a.lesson'}:4:1: error: unclosed bracket: '[' has no ']'"
    ]
    assert not (tmp_path / "out.zip").exists()


def test_create_pack_refuses_a_recording_that_import_would_refuse(tmp_path: Path) -> None:
    """A text file named .mp3 was packed, and every learner's import then refused the pack."""
    folder = tmp_path / "mine"
    (folder / "clips").mkdir(parents=True)
    (folder / "pack.toml").write_bytes(MANIFEST)
    (folder / "trail-1.lesson").write_bytes(LESSON.replace(b"hello.wav", b"hello.mp3"))
    (folder / "clips/hello.mp3").write_bytes(b"hello\n")
    with pytest.raises(PackError) as caught:
        create_pack(folder, tmp_path / "out.zip")
    assert caught.value.problems == [
        f"{folder / 'trail-1.lesson'}: the recording {folder / 'clips/hello.mp3'} is not "
        "an MP3 recording; export it again from your audio editor"
    ]
    assert not (tmp_path / "out.zip").exists()


LONG_LESSON = b"id: trail-1\ntitle: Trail 1\n---\n" + b"Lie down and rest quietly now.\n" * 20


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (
            lambda p: with_wrong_crc(p, "trail-1.lesson"),
            "trail-1.lesson: damaged in the zip (Bad CRC-32",
        ),
        (lambda p: with_size_that_lies(p, "trail-1.lesson"), "trail-1.lesson: damaged in the zip"),
        (lambda p: with_broken_deflate(p, "trail-1.lesson"), "trail-1.lesson: damaged in the zip"),
    ],
    ids=["wrong-crc", "size-lies", "broken-deflate"],
)
def test_a_damaged_member_is_named_and_nothing_is_written(
    tmp_path: Path, damage: Callable[[bytes], bytes], expected: str
) -> None:
    files = {"pack.toml": MANIFEST, "trail-1.lesson": LONG_LESSON}
    archive = tmp_path / "damaged.zip"
    archive.write_bytes(damage(pack_bytes(files)))
    with pytest.raises(PackError) as refused:
        import_pack(archive, tmp_path / "packs")
    assert any(p.startswith(f"damaged.zip:{expected}") for p in refused.value.problems)
    assert not (tmp_path / "packs").exists()


def test_a_member_name_that_is_not_text_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "names.zip"
    archive.write_bytes(
        with_name_not_utf8({"pack.toml": MANIFEST, "trail-1.lesson": LESSON}, "xy.md")
    )
    with pytest.raises(PackError, match="list of files is damaged"):
        import_pack(archive, tmp_path / "packs")
    assert not (tmp_path / "packs").exists()


def test_a_member_that_appears_twice_is_refused_not_the_last_one_winning(tmp_path: Path) -> None:
    archive = tmp_path / "twice.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate: the point
        with zipfile.ZipFile(archive, "w") as out:
            out.writestr("pack.toml", MANIFEST)
            out.writestr("trail-1.lesson", LONG_LESSON)
            out.writestr("pack.toml", MANIFEST.replace(b"Trail weight shift", b"Something else"))
    with pytest.raises(PackError) as refused:
        import_pack(archive, tmp_path / "packs")
    assert refused.value.problems == [
        "twice.zip:pack.toml: appears twice in the pack; which one is meant is unclear"
    ]
    assert not (tmp_path / "packs").exists()
