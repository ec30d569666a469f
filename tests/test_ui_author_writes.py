"""The Author page's other files, written behind the window as its saves are: an imported
recording's lesson, a recorded take and a folder's ``pack.toml``.

The real page on the real writer, held by the test as a busy disk would hold it (``writer``);
each file is seen put in place by the writer's thread, never the window's (``renamed``); a disk
that refuses is ``refuse_writes``. The page says a file is there only once it is, and a refusal
says why and loses nothing: the lesson, the take and the four answers are all still there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from audio.recorded.importer import read_recording
from lesson_engine.paths import my_lessons_dir
from tests.journal_fixtures import refuse_writes
from tests.recording_fixtures import spoken_recording, spoken_take, tone_phrase
from tests.test_ui_author import put_cursor
from tests.test_ui_author_sharing import GOOD, Asked
from tests.writer_fixtures import Writer
from ui.desktop.author.record_cue import RecordCueDialog
from ui.desktop.author.recording_import import RecordingDialogs, RecordingReview
from ui.desktop.author.recovery import RecoveryCopies
from ui.desktop.author.view import AuthorView

CUE = "id: t\ntitle: T\n---\nLie on your back.\n[pause 5s]\n"


@pytest.fixture
def asked(tmp_path: Path) -> Asked:
    return Asked(tmp_path)


@pytest.fixture
def view(qtbot, tmp_path: Path, writer: Writer, asked: Asked) -> AuthorView:  # type: ignore[no-untyped-def]
    """The Author page on the writer, answering as ``asked`` says."""
    page = AuthorView(
        tmp_path / "recovery",
        dialogs=asked.dialogs(),
        my_lessons=my_lessons_dir(),
        later=writer.journal.later,
    )
    qtbot.addWidget(page)
    return page


def written_behind(renamed: list[tuple[str, str]], name: str) -> bool:
    """Whether ``name`` was put in place by the writer, and every file by the writer alone."""
    return (name, "seesaw-writer") in renamed and {t for _, t in renamed} == {"seesaw-writer"}


# -- an imported recording's lesson -----------------------------------------------------------


def importing(view: AuthorView, tmp_path: Path) -> Path:
    """Import recording… answered: a recording of three phrases, no transcript, the review
    accepted as found, the lesson proposed in My lessons; returns where it goes."""
    source = tmp_path / "hip hikes.wav"
    spoken_recording(source, [tone_phrase(hz) for hz in (300.0, 600.0, 900.0)], [900, 1_200])
    read_recording(source)  # converted once, here, so the page's import is quick

    def review(shown: RecordingReview) -> bool:
        return True

    view.recordings.dialogs = RecordingDialogs(
        pick_recording=lambda _p: str(source),
        pick_transcript=lambda _p: "",
        save_path=lambda _p, suggested: suggested,
        review=review,
    )
    return my_lessons_dir() / "hip hikes.lesson"


def test_an_imported_lesson_is_opened_and_listed_only_once_the_writer_has_it_on_disk(
    qtbot, tmp_path: Path, view: AuthorView, writer: Writer, renamed: list[tuple[str, str]]
) -> None:
    out = importing(view, tmp_path)
    listed: list[str] = []
    view.saved.connect(listed.append)
    gate = writer.hold()
    view.buttons["import_recording"].click()  # returns while the disk is held
    assert view.recovery_bar.text() == "Writing hip hikes.lesson…"
    assert not out.exists() and view.path is None and listed == []
    gate.set()
    qtbot.waitUntil(lambda: view.path == out)
    assert view.recovery_bar.text() == "Wrote hip hikes.lesson: 3 cues from hip hikes.wav."
    assert "hip hikes.wav from 0:00.0 to" in view.editor.toPlainText()
    assert not view.modified and listed == [str(out)]
    assert written_behind(renamed, out.name)


def test_an_imported_lesson_the_disk_refuses_is_held_in_the_editor_and_as_a_recovery_copy(
    qtbot, tmp_path: Path, view: AuthorView, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = importing(view, tmp_path)
    my_lessons_dir().mkdir(parents=True)
    allow = refuse_writes(monkeypatch, my_lessons_dir())  # that disk is full; not the copies'
    view.buttons["import_recording"].click()
    qtbot.waitUntil(lambda: view.recovery_bar.text().startswith("Could not save"))
    assert view.recovery_bar.text() == (
        f"Could not save {out}: the disk is full. Your text is still here. It is also kept "
        "as a recovery copy, offered again when Seesaw starts."
    )
    made = view.editor.toPlainText()
    assert "hip hikes.wav from 0:00.0 to" in made  # the reviewed lesson, not lost
    assert view.path == out and view.modified and not out.exists()
    (copy,) = RecoveryCopies(tmp_path / "recovery").found()
    assert RecoveryCopies.read(copy) == (made, out)
    allow()
    view.buttons["save"].click()  # where the import meant it to go
    qtbot.waitUntil(lambda: view.recovery_bar.text() == "Saved hip hikes.lesson.")
    assert out.read_text(encoding="utf-8") == made and view.recoverable() == []


# -- a recorded take ----------------------------------------------------------------------------


def recording_a_take(view: AuthorView, use: Callable[[RecordCueDialog], None]) -> None:
    """Record this cue… with a take already heard (no microphone): ``use`` presses Use this
    take and waits for what the test wants."""

    def show(dialog: RecordCueDialog) -> bool:
        dialog.microphone._parts = [spoken_take().pcm]  # what the microphone heard
        dialog.stop()
        use(dialog)
        return dialog.result() == 1

    view.record_cue.show = show


def on_a_cue(view: AuthorView, tmp_path: Path) -> Path:
    """A saved lesson open on ``view``, the cursor on its cue; returns the lesson."""
    lesson = tmp_path / "lessons" / "t.lesson"
    lesson.parent.mkdir()
    lesson.write_text(CUE, encoding="utf-8")
    view.open(lesson)
    put_cursor(view, 4)
    return lesson


def test_a_take_is_put_above_its_cue_only_once_the_writer_has_it_on_disk(
    qtbot, tmp_path: Path, view: AuthorView, writer: Writer, renamed: list[tuple[str, str]]
) -> None:
    lesson = on_a_cue(view, tmp_path)
    take = lesson.parent / "clips" / "lie-on-your-back.wav"
    seen: dict[str, object] = {}

    def use(dialog: RecordCueDialog) -> None:
        ended: list[int] = []
        dialog.finished.connect(ended.append)
        gate = writer.hold()
        dialog.buttons["use"].click()
        seen["while"] = dialog.status.text()
        seen["enabled"] = [key for key, button in dialog.buttons.items() if button.isEnabled()]
        dialog.reject()  # Escape while it is written: not let go before the disk answers
        seen["ended"], seen["on disk"] = list(ended), take.exists()
        gate.set()
        qtbot.waitUntil(lambda: ended == [1])

    recording_a_take(view, use)
    view.buttons["record_cue"].click()
    assert seen["while"] == "Saving the take…" and seen["on disk"] is False
    assert seen["enabled"] == ["record"] and seen["ended"] == []  # record is hidden by the take
    assert view.editor.toPlainText() == CUE.replace(
        "Lie on", "[audio clips/lie-on-your-back.wav]\nLie on"
    )
    assert take.is_file()
    assert written_behind(renamed, take.name)


def test_a_take_the_disk_refuses_is_said_in_the_dialog_and_can_be_used_again(
    qtbot, tmp_path: Path, view: AuthorView, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = on_a_cue(view, tmp_path)
    allow = refuse_writes(monkeypatch, lesson.parent)
    seen: dict[str, object] = {}

    def use(dialog: RecordCueDialog) -> None:
        ended: list[int] = []
        dialog.finished.connect(ended.append)
        dialog.buttons["use"].click()
        qtbot.waitUntil(lambda: dialog.status.text().startswith("The take could not be saved"))
        seen["said"], seen["ended"] = dialog.status.text(), list(ended)
        seen["again"] = dialog.take is not None and dialog.buttons["use"].isEnabled()
        seen["text then"] = view.editor.toPlainText()
        allow()
        dialog.buttons["use"].click()
        qtbot.waitUntil(lambda: ended == [1])

    recording_a_take(view, use)
    view.buttons["record_cue"].click()
    assert seen["said"] == (
        "The take could not be saved: the disk is full. It is still here: use it again once "
        "the disk has room, or cancel."
    )
    assert seen["ended"] == [] and seen["again"] is True and seen["text then"] == CUE
    assert "[audio clips/lie-on-your-back.wav]" in view.editor.toPlainText()
    assert (lesson.parent / "clips" / "lie-on-your-back.wav").is_file()


# -- a folder's pack.toml -----------------------------------------------------------------------


def saved_alone(view: AuthorView, tmp_path: Path) -> Path:
    """A lesson saved alone in a folder with no ``pack.toml``, open on ``view``; the folder."""
    folder = tmp_path / "hip"
    folder.mkdir()
    (folder / "draft.lesson").write_text(GOOD, encoding="utf-8")
    view.open(folder / "draft.lesson")
    return folder


def test_a_folders_pack_toml_is_written_by_the_writer_and_the_pack_made_only_after(
    qtbot,
    tmp_path: Path,
    view: AuthorView,
    writer: Writer,
    asked: Asked,
    renamed: list[tuple[str, str]],
) -> None:
    folder = tmp_path / "hip"
    view.editor.setPlainText(GOOD)
    asked.save_to = str(folder / "draft.lesson")
    gate = writer.hold()
    view.buttons["pack"].click()  # saved first, then the four answers, all behind the disk
    assert asked.asked == ["save"]
    gate.set()
    qtbot.waitUntil(lambda: view.recovery_bar.text().startswith("The pack “Hip hikes” is in"))
    assert asked.asked == ["save", "manifest Draft by Sam", "pack"]
    assert (folder / "pack.toml").read_text().startswith('title = "Hip hikes"\n')
    assert renamed == [  # the zip too is made behind the window, on a thread of its own
        ("draft.lesson", "seesaw-writer"),
        ("pack.toml", "seesaw-writer"),
        ("hip.zip", "seesaw-pack"),
    ]


def test_a_pack_toml_held_by_a_busy_disk_is_waited_for_before_the_pack_is_made(
    qtbot, tmp_path: Path, view: AuthorView, writer: Writer, asked: Asked
) -> None:
    folder = saved_alone(view, tmp_path)
    gate = writer.hold()
    view.buttons["pack"].click()
    assert view.recovery_bar.text() == f"Writing {folder / 'pack.toml'}…"
    assert asked.asked == ["manifest Draft by Sam"] and not (folder / "pack.toml").exists()
    view.buttons["pack"].click()  # again, impatient: nothing is asked twice
    assert view.recovery_bar.text() == (
        f"{folder / 'pack.toml'} is being written; the pack is made once it is on disk."
    )
    gate.set()
    qtbot.waitUntil(lambda: view.recovery_bar.text().startswith("The pack “Hip hikes” is in"))
    assert asked.asked == ["manifest Draft by Sam", "pack"]
    assert Path(asked.pack_to).is_file()


def test_a_pack_toml_the_disk_refuses_says_why_and_the_answers_are_proposed_again(
    qtbot, tmp_path: Path, view: AuthorView, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = saved_alone(view, tmp_path)
    allow = refuse_writes(monkeypatch, folder)
    view.buttons["pack"].click()
    qtbot.waitUntil(lambda: view.recovery_bar.text().startswith("Could not write"))
    assert view.recovery_bar.text() == (
        f"Could not write {folder / 'pack.toml'}: the disk is full. Nothing was made; your "
        "answers are proposed again at the next Make pack."
    )
    assert not Path(asked.pack_to).exists() and "pack" not in asked.asked
    allow()
    view.buttons["pack"].click()
    qtbot.waitUntil(lambda: view.recovery_bar.text().startswith("The pack “Hip hikes” is in"))
    assert asked.asked == ["manifest Draft by Sam", "manifest Hip hikes by Sam", "pack"]
