"""Who may read what Seesaw writes: lessons and their recordings as any editor would leave them,
the journal and its companions for their owner only (``test_journal_records`` checks those).

An instructor shares lessons, takes and packs (with a colleague on the same machine, or a web
folder), so those follow the umask and keep the mode of a file saved over; health notes never do.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from audio.capture.takes import save_take
from audio.pcm import Clip
from lesson_engine.library.packs import Manifest
from lesson_engine.storage import write_atomically
from tests.recording_fixtures import spoken_recording, tone_phrase
from ui.cli.commands import main
from ui.desktop.author.dialogs import AuthorDialogs
from ui.desktop.author.view import AuthorView

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps files by ACL")

LESSON = "id: hip\ntitle: Hip\nauthor: Sam\n---\n# One\nLie down.\n[pause 2s]\n"


@pytest.fixture
def umask() -> Iterator[None]:
    """The umask most desktops use, whatever the test runner's is."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def dialogs(save_to: Path) -> AuthorDialogs:
    return AuthorDialogs(
        open_path=lambda _p: "",
        save_path=lambda _p, _s: str(save_to),
        unsaved=lambda _p, _n: "cancel",
        pick_audio=lambda _p: "",
        manifest=lambda _p, _m: Manifest("Hip", "Sam", "1.0", "CC BY 4.0"),
        pack_path=lambda _p, _s: "",  # the manifest is written, then no pack is made
    )


def test_a_shared_file_follows_the_umask_and_keeps_the_mode_it_had(
    tmp_path: Path, umask: None
) -> None:
    path = tmp_path / "a.lesson"
    write_atomically(path, b"one", shared=True)
    assert mode(path) == 0o644
    os.umask(0o027)
    write_atomically(tmp_path / "b.lesson", b"one", shared=True)
    assert mode(tmp_path / "b.lesson") == 0o640
    path.chmod(0o664)
    write_atomically(path, b"two", shared=True)
    assert (path.read_bytes(), mode(path)) == (b"two", 0o664)
    write_atomically(tmp_path / "notes.json", b"{}")
    assert mode(tmp_path / "notes.json") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.lesson", "b.lesson", "notes.json"]


def test_an_imported_recording_lesson_and_a_take_are_readable_by_others(
    tmp_path: Path, umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    spoken_recording(tmp_path / "talk.wav", [tone_phrase(300.0), tone_phrase(600.0)], [1_500])
    out = tmp_path / "talk.lesson"
    assert main(["import-recording", str(tmp_path / "talk.wav"), "-o", str(out)]) == 0, (
        capsys.readouterr().err
    )
    assert mode(out) == 0o644
    take = save_take(Clip(b"\0\0" * 480), tmp_path / "clips", "Lie on your back.")
    assert mode(take) == 0o644


def test_the_author_page_saves_lessons_and_manifests_as_shared_and_its_recovery_private(
    qtbot, tmp_path: Path, umask: None
) -> None:
    lesson = tmp_path / "hip" / "hip.lesson"
    lesson.parent.mkdir()
    lesson.write_text("id: old\n")
    lesson.chmod(0o664)
    view = AuthorView(tmp_path / "recovery", dialogs=dialogs(lesson))
    qtbot.addWidget(view)
    view.editor.selectAll()
    view.editor.insertPlainText(LESSON)  # typed, so a recovery copy is kept
    view.check_now()
    recovery = [p for p in (tmp_path / "recovery").rglob("*") if p.is_file()]
    assert recovery and {mode(p) for p in recovery} == {0o600}
    assert view.save()
    assert (lesson.read_text(), mode(lesson)) == (LESSON, 0o664)
    view.make_pack()
    assert mode(lesson.parent / "pack.toml") == 0o644
