"""Export audio and Make pack on the Author page, through the real render and the real packer."""

from __future__ import annotations

import threading
import wave
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from audio.pcm import ms_to_frames
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.library.pack_selection import manifest_text
from lesson_engine.library.packs import Manifest
from lesson_engine.paths import my_lessons_dir, packs_dir
from lesson_engine.timeline import compile_timeline
from tests.audio_fixtures import ToneVoice, tone
from ui.desktop.author.dialogs import DEFAULT_DIALOGS, AuthorDialogs
from ui.desktop.author.view import AuthorView

GOOD = (
    "id: draft\ntitle: Draft\nauthor: Sam\n---\n# One\nLie down.\n[pause 2s]\n\n# Two\nStand up.\n"
)


class Asked:
    """What the page asked, and what the author answers."""

    def __init__(self, tmp_path: Path) -> None:
        self.export_to = str(tmp_path / "out" / "draft.wav")
        self.pack_to = str(tmp_path / "out" / "hip.zip")
        self.save_to = ""
        self.manifest: Manifest | None = Manifest("Hip hikes", "Sam", "1.0", "CC BY 4.0")
        self.ticked: list[str] | None = None  # None: leave the proposed choice as it is
        self.asked: list[str] = []

    def dialogs(self) -> AuthorDialogs:
        def answer(kind: str, value: str) -> str:
            self.asked.append(kind)
            return value

        def manifest(_parent: object, proposed: Manifest) -> Manifest | None:
            self.asked.append(f"manifest {proposed.title} by {proposed.author}")
            return self.manifest

        def pack_lessons(_parent: object, names: list[str], current: str) -> list[str]:
            self.asked.append(f"lessons {current} of {', '.join(names)}")
            return [current] if self.ticked is None else self.ticked

        return AuthorDialogs(
            open_path=lambda _p: "",
            save_path=lambda _p, _s: answer("save", self.save_to),
            unsaved=lambda _p, _n: "cancel",
            pick_audio=lambda _p: "",
            export_path=lambda _p, _s: answer("export", self.export_to),
            pack_path=lambda _p, _s: answer("pack", self.pack_to),
            manifest=manifest,
            pack_lessons=pack_lessons,
        )


class GatedVoice(ToneVoice):
    """A tone voice that waits, on the export's thread, until the test lets it go on."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = threading.Event()
        self.go = threading.Event()

    def synthesize(self, text: str, speed: float):  # type: ignore[no-untyped-def]
        self.asked.set()
        self.go.wait(timeout=30)
        return super().synthesize(text, speed)


def write_clip(path: Path, hz: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(22050)
        clip.writeframes(tone(hz).pcm)


def pack_and_wait(qtbot, view: AuthorView) -> None:  # type: ignore[no-untyped-def]
    """Make pack, as the button does, and wait for the zip made behind the window."""
    view.buttons["pack"].click()
    qtbot.waitUntil(lambda: view.packing.packing is None, timeout=30_000)


@pytest.fixture
def asked(tmp_path: Path) -> Asked:
    return Asked(tmp_path)


def author_page(qtbot, tmp_path: Path, asked: Asked, voice: ToneVoice | None = None) -> AuthorView:  # type: ignore[no-untyped-def]
    speaker = voice or ToneVoice()
    view = AuthorView(
        tmp_path / "recovery",
        my_lessons=my_lessons_dir(),
        dialogs=asked.dialogs(),
        voice_chain=lambda: VoiceChain(speaker, ClipCache(tmp_path / "cache"), fallbacks=()),
    )
    qtbot.addWidget(view)
    view.editor.setPlainText(GOOD)
    view.check_now()
    return view


def test_export_audio_writes_the_whole_lesson_with_progress_to_100(
    qtbot, tmp_path: Path, asked: Asked
) -> None:
    view = author_page(qtbot, tmp_path, asked)
    seen: list[int] = []
    view.export.progress.connect(seen.append)
    with qtbot.waitSignal(view.export.finished, timeout=30_000) as done:
        view.buttons["export"].click()
        assert view.export_bar.isVisibleTo(view)
    out = Path(asked.export_to)
    written, message = done.args
    assert written and message.startswith(f"Exported “Draft” to {out} (0:")
    assert view.recovery_bar.text() == message
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"), fallbacks=())
    assert view.lesson is not None
    timeline = compile_timeline(view.lesson, chain.duration_of)
    with wave.open(str(out)) as track:
        assert track.getnframes() == ms_to_frames(timeline.total_ms)
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    assert view.export_bar.bar.value() == 100 and not view.export_bar.isVisibleTo(view)


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, tmp_path: Path, asked: Asked) -> None:
    voice = GatedVoice()
    view = author_page(qtbot, tmp_path, asked, voice)
    out = Path(asked.export_to)
    out.parent.mkdir()
    view.buttons["export"].click()
    qtbot.waitUntil(voice.asked.is_set, timeout=10_000)  # synthesising the first cue
    with qtbot.waitSignal(view.export.finished, timeout=30_000) as done:
        view.export_bar.cancel.click()
        voice.go.set()
    assert done.args == [False, "Export cancelled: draft.wav was not written."]
    assert voice.calls == ["Lie down."]  # it stopped there: the second cue was never synthesised
    assert not out.exists() and list(out.parent.iterdir()) == []
    assert not view.export_bar.isVisibleTo(view) and view.editor.toPlainText() == GOOD


def test_export_refuses_a_lesson_with_errors_and_says_why_a_file_cannot_be_written(
    qtbot, tmp_path: Path, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    from audio.ffmpeg import ffmpeg_path

    view = author_page(qtbot, tmp_path, asked)
    view.editor.setPlainText(GOOD.replace("[pause 2s]", "[pasue 2s]"))
    view.buttons["export"].click()
    assert asked.asked == [] and "The lesson has errors" in view.recovery_bar.text()
    view.editor.setPlainText(GOOD)
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "no-such-ffmpeg"))
    ffmpeg_path.cache_clear()
    try:
        asked.export_to = str(tmp_path / "out" / "draft.mp3")
        view.buttons["export"].click()
    finally:
        ffmpeg_path.cache_clear()
    assert view.recovery_bar.text().startswith("Could not export to draft.mp3: MP3 needs ffmpeg")
    assert not view.export.busy and not Path(asked.export_to).exists()
    (tmp_path / "a file").write_text("")
    asked.export_to = str(tmp_path / "a file" / "draft.wav")  # a folder that cannot be made
    with qtbot.waitSignal(view.export.finished, timeout=30_000) as done:
        view.buttons["export"].click()
    assert done.args[0] is False and done.args[1].startswith(f"Could not write {asked.export_to}")
    assert "Nothing was replaced" in done.args[1] and view.editor.toPlainText() == GOOD


def test_make_pack_writes_a_pack_that_seesaw_import_accepts(
    qtbot, tmp_path: Path, asked: Asked, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli.commands import main

    folder = tmp_path / "hip"
    write_clip(folder / "clips" / "hello.wav", 300)
    view = author_page(qtbot, tmp_path, asked)
    view.editor.setPlainText(GOOD.replace("Stand up.", "[audio clips/hello.wav]\nStand up."))
    asked.save_to = str(folder / "draft.lesson")
    pack_and_wait(qtbot, view)
    assert asked.asked == ["save", "manifest Draft by Sam", "pack"]
    out = Path(asked.pack_to)
    assert view.recovery_bar.text() == (
        f"The pack “Hip hikes” is in {out}, with 1 lesson and 1 recording from {folder}. "
        "Anyone can add it to their library with “Import a lesson pack…” on the Lessons page."
    )
    assert (folder / "pack.toml").read_text().startswith('title = "Hip hikes"\n')
    capsys.readouterr()
    assert main(["import", str(out)]) == 0
    assert capsys.readouterr().out == "imported “Hip hikes” by Sam: draft\n"
    assert (packs_dir() / "hip-hikes" / "clips" / "hello.wav").is_file()


def test_make_pack_refuses_lessons_with_errors_with_the_checkers_message(
    qtbot, tmp_path: Path, asked: Asked
) -> None:
    folder = tmp_path / "hip"
    folder.mkdir()
    view = author_page(qtbot, tmp_path, asked)
    view.editor.setPlainText(GOOD.replace("[pause 2s]", "[pasue 2s]"))
    pack_and_wait(qtbot, view)
    assert asked.asked == []
    assert view.recovery_bar.text() == (
        "The lesson has errors, so it cannot be packed: 7:2 unknown directive [pasue 2s]"
    )
    other = folder / "other.lesson"
    other.write_text("id: other\ntitle: Other\n---\n[bell 3]\nHi.\n")
    (folder / "pack.toml").write_text(manifest_text(Manifest("Hip", "Sam", "1", "CC0")))
    view.editor.setPlainText(GOOD)
    asked.save_to = str(folder / "draft.lesson")
    pack_and_wait(qtbot, view)
    assert view.recovery_bar.text().startswith(f"The pack was not made:\n{other}:4:")
    assert not Path(asked.pack_to).exists()


OTHER = "id: other\ntitle: Other\nauthor: Sam\n---\n[audio clips/other.wav]\nRoll over.\n"


def my_lessons_with_another_lesson() -> Path:
    """My lessons as an author has it: a lesson with its own recording, not for this pack."""
    mine = my_lessons_dir()
    write_clip(mine / "clips" / "other.wav", 500)
    (mine / "other.lesson").write_text(OTHER)
    write_clip(mine / "clips" / "hello.wav", 300)
    return mine


def titles_in_the_library() -> dict[str, str]:
    from lesson_engine.library.listing import load_library
    from lesson_engine.paths import lesson_folders

    library = load_library(lesson_folders())
    return {e.id: e.origin for e in library.entries if e.origin != "Seesaw"}


def test_make_pack_in_my_lessons_packs_only_the_lesson_and_its_recording_from_a_copy(
    qtbot, tmp_path: Path, asked: Asked, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli.commands import main

    mine = my_lessons_with_another_lesson()
    view = author_page(qtbot, tmp_path, asked)
    view.editor.setPlainText(GOOD.replace("Stand up.", "[audio clips/hello.wav]\nStand up."))
    asked.save_to = str(mine / "draft.lesson")
    pack_and_wait(qtbot, view)
    assert asked.asked == [
        "save",
        "lessons draft.lesson of draft.lesson, other.lesson",
        "manifest Draft by Sam",
        "pack",
    ]
    out = Path(asked.pack_to)
    assert view.recovery_bar.text() == (
        f"The pack “Hip hikes” is in {out}, with 1 lesson and 1 recording from {mine}. "
        "Anyone can add it to their library with “Import a lesson pack…” on the Lessons page."
    )
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["clips/hello.wav", "draft.lesson", "pack.toml"]
        assert archive.read("draft.lesson") == (mine / "draft.lesson").read_bytes()
    after = sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*"))
    assert after == ["clips", "clips/hello.wav", "clips/other.wav", "draft.lesson", "other.lesson"]
    assert titles_in_the_library() == {"draft": "My lessons", "other": "My lessons"}
    capsys.readouterr()
    assert main(["import", str(out)]) == 0
    assert capsys.readouterr().out == "imported “Hip hikes” by Sam: draft\n"
    assert titles_in_the_library() == {"draft": "My lessons", "other": "My lessons"}


def test_lessons_ticked_in_my_lessons_are_packed_with_their_recordings_and_lexicon(
    qtbot, tmp_path: Path, asked: Asked, capsys: pytest.CaptureFixture[str]
) -> None:
    """My lessons as an earlier Make pack left it (a pack.toml and a lexicon in it): the
    lexicon the lessons are spoken with goes into the pack; the old pack.toml names nothing."""
    from ui.cli.commands import main

    mine = my_lessons_with_another_lesson()
    old_manifest = manifest_text(Manifest("Old pack", "Sam", "0.1", "CC0"))
    (mine / "pack.toml").write_text(old_manifest)
    (mine / "lexicon.txt").write_text("say: TFL = T F L\n")
    (mine / "draft.lesson").write_text(GOOD.replace("Stand up.", "Stand up, TFL."))
    (mine / "broken.lesson").write_text("id: broken\ntitle: Broken\n---\n[bell 3]\nHi.\n")
    view = author_page(qtbot, tmp_path, asked)
    asked.save_to = str(mine / "new.lesson")
    view.editor.setPlainText(GOOD.replace("id: draft", "id: new"))
    asked.ticked = ["draft.lesson", "other.lesson"]
    pack_and_wait(qtbot, view)
    assert (
        asked.asked[1]
        == "lessons new.lesson of broken.lesson, draft.lesson, new.lesson, other.lesson"
    )
    with zipfile.ZipFile(Path(asked.pack_to)) as archive:
        assert archive.namelist() == [
            "clips/other.wav",
            "draft.lesson",
            "lexicon.txt",
            "other.lesson",
            "pack.toml",
        ]
        assert archive.read("pack.toml").decode().startswith('title = "Hip hikes"\n')
    assert (mine / "pack.toml").read_text() == old_manifest
    assert titles_in_the_library()["draft"] == "My lessons"
    capsys.readouterr()
    assert main(["import", asked.pack_to]) == 0
    assert capsys.readouterr().out == "imported “Hip hikes” by Sam: draft, other\n"
    asked.ticked = ["broken.lesson"]  # its mistake is named where the author has the file
    pack_and_wait(qtbot, view)
    assert view.recovery_bar.text().startswith(
        f"The pack was not made:\n{mine / 'broken.lesson'}:4:"
    )
    asked.ticked = []  # cancelled: nothing asked after, nothing said
    asked.asked.clear()
    view.recovery_bar.setText("")
    pack_and_wait(qtbot, view)
    assert asked.asked == [
        "lessons new.lesson of broken.lesson, draft.lesson, new.lesson, other.lesson"
    ]
    assert view.recovery_bar.text() == ""


def test_the_only_lesson_in_my_lessons_is_packed_without_asking_which_nor_a_pack_toml(
    qtbot, tmp_path: Path, asked: Asked
) -> None:
    view = author_page(qtbot, tmp_path, asked)
    asked.save_to = str(my_lessons_dir() / "draft.lesson")
    pack_and_wait(qtbot, view)
    assert asked.asked == ["save", "manifest Draft by Sam", "pack"]
    with zipfile.ZipFile(Path(asked.pack_to)) as archive:
        assert archive.namelist() == ["draft.lesson", "pack.toml"]
    assert sorted(p.name for p in my_lessons_dir().iterdir()) == ["draft.lesson"]


def when_the_file_dialog_opens(read: Callable[[QFileDialog], str]) -> list[str]:
    """What ``read`` finds in the real file dialog once it opens; then it is cancelled."""
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, look)
            return
        seen.append(read(dialog))
        dialog.reject()

    QTimer.singleShot(0, look)
    return seen


@pytest.mark.parametrize("suffix", ["mp3", "ogg", "wav"])
def test_the_export_dialog_offers_the_type_of_the_file_it_proposes(
    qtbot, tmp_path: Path, suffix: str
) -> None:
    """The real dialog: a proposed 'lesson.mp3' shown under 'WAV audio' leaves the author
    unsure which format is written."""
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = when_the_file_dialog_opens(QFileDialog.selectedNameFilter)
    assert DEFAULT_DIALOGS.export_path(parent, str(tmp_path / f"draft.{suffix}")) == ""
    assert seen == [f"{suffix.upper()} audio (*.{suffix})"]


def test_save_as_opens_in_my_lessons_even_before_it_exists(qtbot, tmp_path: Path) -> None:
    """The real dialog opened in the folder Seesaw was started from when My lessons was not
    made yet, and the new lesson was saved there, out of the library."""
    my_lessons = tmp_path / "data" / "my-lessons"
    view = AuthorView(tmp_path / "recovery", dialogs=DEFAULT_DIALOGS, my_lessons=my_lessons)
    qtbot.addWidget(view)
    seen = when_the_file_dialog_opens(lambda dialog: dialog.directory().absolutePath())
    assert not view.save_as()
    assert seen == [str(my_lessons)]
