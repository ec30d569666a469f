"""Whatever 'seesaw pack' writes from a folder that 'seesaw check' accepts, 'seesaw import'
installs, its lessons playing the same recordings; names that differ only in case are refused;
the library names an imported pack by its title."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lesson_engine.library.listing import load_library
from lesson_engine.library.packs import create_pack, import_pack
from lesson_engine.script.parser import check_lesson_file
from tests.test_packs import MANIFEST, WAV, problems_of

FOLDERS = ("", "lessons", "lessons/week-1", "deep/er/still")
CLIP_PLACES = ("", "clips", "lessons/clips", "deep/audio")


def lesson_text(lesson_id: str, lesson_dir: str, clip: str) -> str:
    """A lesson in ``lesson_dir`` using the recording at ``clip`` (pack-relative), by a path
    relative to the lesson's own folder, '..' and all, as an instructor would write it."""
    up = "../" * len(Path(lesson_dir).parts) if lesson_dir else ""
    return f"id: {lesson_id}\ntitle: {lesson_id}\n---\n[audio {up}{clip}] Hello.\nLie down.\n"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layout=st.lists(
        st.tuples(st.sampled_from(FOLDERS), st.sampled_from(CLIP_PLACES)), min_size=1, max_size=4
    )
)
def test_what_check_accepts_and_pack_writes_import_installs(
    tmp_path: Path, layout: list[tuple[str, str]]
) -> None:
    folder = tmp_path / "mine"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(tmp_path / "packs", ignore_errors=True)
    folder.mkdir()
    (folder / "pack.toml").write_bytes(MANIFEST)
    for n, (lesson_dir, clip_dir) in enumerate(layout):
        clip = f"{clip_dir}/clip-{n}.wav".lstrip("/")
        (folder / clip).parent.mkdir(parents=True, exist_ok=True)
        (folder / clip).write_bytes(WAV)
        lesson = folder / lesson_dir / f"lesson-{n}.lesson"
        lesson.parent.mkdir(parents=True, exist_ok=True)
        lesson.write_text(lesson_text(f"lesson-{n}", lesson_dir, clip))
        assert not check_lesson_file(lesson).errors  # what 'seesaw check' accepts
    create_pack(folder, tmp_path / "out.zip")
    result = import_pack(tmp_path / "out.zip", tmp_path / "packs")
    assert sorted(result.lessons) == sorted(f"lesson-{n}" for n in range(len(layout)))
    for lesson_file in result.folder.rglob("*.lesson"):
        installed = check_lesson_file(lesson_file).lesson
        assert installed is not None
        (recording,) = installed.recordings()
        assert recording.resolve().read_bytes() == WAV  # plays the same file as before


def test_names_that_differ_only_in_case_are_refused(tmp_path: Path) -> None:
    files = {
        "pack.toml": MANIFEST,
        "trail-1.lesson": b"id: trail-1\ntitle: T\n---\nHello.\n",
        "Trail-1.lesson": b"id: trail-2\ntitle: T\n---\nHello.\n",
    }
    assert problems_of(tmp_path, files) == [
        "pack.zip:Trail-1.lesson: differs from trail-1.lesson only in upper and lower case; on "
        "Windows and macOS they would be one file, so rename one of them"
    ]


def test_the_library_names_an_imported_pack_by_its_title(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "pack.toml").write_bytes(MANIFEST)
    (folder / "a.lesson").write_text("id: trail-a\ntitle: A\n---\nHello.\n")
    create_pack(folder, tmp_path / "out.zip")
    installed = import_pack(tmp_path / "out.zip", tmp_path / "packs")
    library = load_library([(installed.folder.name, installed.folder)])
    (entry,) = library.entries
    assert entry.origin == "Trail weight shift" != installed.folder.name
