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
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

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
