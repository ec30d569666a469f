"""What the Author page does behind the window: the zip of Make pack and the copy of Attach
recording, each on a thread of its own, with the page answering meanwhile.

The real page, packer and copy; the slow part (reading a long recording) is held by the test
as a slow disk would hold it (``Held``), and a disk that fills half way is ``filling``. The page
says "Packing…" or "Copying…" at once, then what came of it; a failure says why and changes
nothing: an earlier pack stays as it was, and the script is as the author left it.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor

from lesson_engine.journal.writer import at_once
from tests.test_ui_author_sharing import GOOD, Asked, author_page, write_clip
from ui.desktop.author.view import AuthorView


class Held:
    """Holds ``target`` on the thread that calls it until ``go`` is set, noting that thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> None:
        self.go = threading.Event()
        self.threads: list[str] = []
        real: Callable[..., Any] = getattr(owner, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.threads.append(threading.current_thread().name)
            self.go.wait(timeout=20)  # opened by the test; only a broken build waits it out
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)


def filling(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, after: int = 0) -> None:
    """The disk fills once ``owner.name`` has been called ``after`` times."""
    real: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    def write(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] > after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, write)


@pytest.fixture
def asked(tmp_path: Path) -> Asked:
    return Asked(tmp_path)


def window_answers(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The window's event loop goes on turning (a frozen window never runs the timer)."""
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=5_000)


def saved_in_a_pack_folder(view: AuthorView, tmp_path: Path, asked: Asked) -> Path:
    """The lesson with a recording, saved by Make pack into a folder of its own; the folder."""
    folder = tmp_path / "hip"
    write_clip(folder / "clips" / "hello.wav", 300)
    view.editor.setPlainText(GOOD.replace("Stand up.", "[audio clips/hello.wav]\nStand up."))
    asked.save_to = str(folder / "draft.lesson")
    return folder


# -- Make pack ---------------------------------------------------------------------------------


def test_a_pack_is_zipped_behind_the_window_which_answers_and_waits_for_it_meanwhile(
    qtbot, tmp_path: Path, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = author_page(qtbot, tmp_path, asked)
    folder = saved_in_a_pack_folder(view, tmp_path, asked)
    reading = Held(monkeypatch, zipfile.ZipFile, "write")
    out = Path(asked.pack_to)
    view.buttons["pack"].click()  # returns while the recording is read into the zip
    assert view.recovery_bar.text() == (
        f"Packing “Hip hikes” into {out}… You can go on writing meanwhile."
    )
    assert not view.buttons["pack"].isEnabled()
    window_answers(qtbot)
    view.editor.appendPlainText("Walk.")  # the author goes on writing
    asked.asked.clear()
    view.make_pack()  # its keys, pressed again
    assert (
        view.recovery_bar.text() == f"{out} is still being made; wait for it, then make the next."
    )
    assert asked.asked == [] and not out.exists()  # nothing asked, nothing saved meanwhile
    reading.go.set()
    qtbot.waitUntil(lambda: view.buttons["pack"].isEnabled(), timeout=10_000)
    assert view.recovery_bar.text() == (
        f"The pack “Hip hikes” is in {out}, with 1 lesson and 1 recording from {folder}. "
        "Anyone can add it to their library with “Import a lesson pack…” on the Lessons page."
    )
    assert set(reading.threads) == {"seesaw-pack"}  # never the window's thread
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["clips/hello.wav", "draft.lesson", "pack.toml"]
    assert view.editor.toPlainText().endswith("Walk.")


def test_a_pack_the_disk_cannot_hold_says_why_and_leaves_the_earlier_pack_as_it_was(
    qtbot, tmp_path: Path, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = author_page(qtbot, tmp_path, asked)
    folder = saved_in_a_pack_folder(view, tmp_path, asked)
    out = Path(asked.pack_to)
    out.parent.mkdir()
    out.write_bytes(b"the pack made last week")
    filling(monkeypatch, zipfile.ZipFile, "write", after=1)  # full after the first member
    view.buttons["pack"].click()
    qtbot.waitUntil(lambda: view.buttons["pack"].isEnabled(), timeout=10_000)
    assert view.recovery_bar.text() == (
        f"Could not write {out}: the disk is full. The pack was not made, and the lessons are "
        "as they were."
    )
    assert out.read_bytes() == b"the pack made last week"
    assert sorted(p.name for p in out.parent.iterdir()) == ["hip.zip"]  # no partial zip left
    assert (folder / "draft.lesson").read_text().endswith("[audio clips/hello.wav]\nStand up.\n")
    assert view.editor.toPlainText() == (folder / "draft.lesson").read_text()


# -- Attach recording -------------------------------------------------------------------------


def opened_on_stand_up(qtbot, tmp_path: Path, asked: Asked) -> tuple[AuthorView, Path]:  # type: ignore[no-untyped-def]
    """The page with the saved lesson open, the cursor on "Stand up." (line 10), and a
    recording of the author's to attach; the lesson's path."""
    view = author_page(qtbot, tmp_path, asked)
    lesson = tmp_path / "hip" / "draft.lesson"
    lesson.parent.mkdir()
    lesson.write_text(GOOD)
    view.open(lesson)
    view.editor.setTextCursor(QTextCursor(view.editor.document().findBlockByNumber(9)))
    recording = tmp_path / "my voice.wav"
    write_clip(recording, 500)
    view.dialogs = replace(view.dialogs, pick_audio=lambda _parent: str(recording))
    return view, lesson


def test_a_recording_is_copied_behind_the_window_and_goes_above_the_cue_chosen_then(
    qtbot, tmp_path: Path, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, lesson = opened_on_stand_up(qtbot, tmp_path, asked)
    reading = Held(monkeypatch, shutil, "copyfileobj")
    view.buttons["attach"].click()  # returns while the recording is read
    assert view.recovery_bar.text() == (
        f"Copying my voice.wav into {lesson.parent / 'clips'}… You can go on writing."
    )
    window_answers(qtbot)
    top = QTextCursor(view.editor.document())  # the author writes on, above the cue
    top.movePosition(QTextCursor.MoveOperation.Start)
    top.insertText("// written while it copied\n")
    view.editor.setTextCursor(top)  # and the cursor is elsewhere now
    reading.go.set()
    qtbot.waitUntil(lambda: view.recovery_bar.text() == "The cue now plays clips/my voice.wav.")
    lines = view.editor.toPlainText().splitlines()
    assert lines[0] == "// written while it copied"
    assert lines[10:12] == ["[audio clips/my voice.wav]", "Stand up."]
    assert (lesson.parent / "clips" / "my voice.wav").read_bytes() == (
        tmp_path / "my voice.wav"
    ).read_bytes()
    assert set(reading.threads) == {"seesaw-copy"}  # never the window's thread
    assert view.lesson is not None  # checked again: the cue plays the recording
    assert view.lesson.sections[1].steps[0].audio == lesson.parent / "clips" / "my voice.wav"


@pytest.mark.parametrize("refused", ["behind", "at once"])
def test_a_copy_the_disk_refuses_says_why_and_changes_nothing(
    qtbot, tmp_path: Path, asked: Asked, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    """ "At once": the copy is refused before the page has said it is copying (a full disk
    answers in microseconds); what it says last is still why, not "Copying…"."""
    view, lesson = opened_on_stand_up(qtbot, tmp_path, asked)
    if refused == "at once":
        monkeypatch.setattr(view.clips, "_copying", at_once)
    earlier = lesson.parent / "clips" / "my voice.wav"  # an earlier take another cue plays
    earlier.parent.mkdir()
    earlier.write_bytes(b"the earlier take")
    filling(monkeypatch, shutil, "copyfileobj")
    view.buttons["attach"].click()
    qtbot.waitUntil(lambda: view.recovery_bar.text().startswith("Could not copy"))
    assert view.recovery_bar.text() == (
        "Could not copy my voice.wav: the disk is full. The script is as it was."
    )
    assert view.editor.toPlainText() == GOOD and not view.modified
    assert earlier.read_bytes() == b"the earlier take"
    assert [p.name for p in earlier.parent.iterdir()] == ["my voice.wav"]  # no partial copy


def test_a_cue_deleted_while_its_recording_copied_is_not_guessed_at(
    qtbot, tmp_path: Path, asked: Asked, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, lesson = opened_on_stand_up(qtbot, tmp_path, asked)
    reading = Held(monkeypatch, shutil, "copyfileobj")
    view.buttons["attach"].click()
    cue = QTextCursor(view.editor.document().findBlockByNumber(9))
    cue.select(QTextCursor.SelectionType.BlockUnderCursor)
    cue.removeSelectedText()  # "Stand up." is gone
    view.editor.setTextCursor(QTextCursor(view.editor.document().findBlockByNumber(5)))
    assert view.editor.textCursor().block().text() == "Lie down."  # the cursor on another cue
    typed = view.editor.toPlainText()
    reading.go.set()
    qtbot.waitUntil(lambda: "is no longer in the script" in view.recovery_bar.text())
    assert view.recovery_bar.text() == (
        f"my voice.wav was copied into {lesson.parent / 'clips'}, but the cue it was for is no "
        "longer in the script: put [audio clips/my voice.wav] above the cue that should play it."
    )
    assert view.editor.toPlainText() == typed  # no line put above some other cue
