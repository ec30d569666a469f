"""Seesaw is offline by design: following a whole lesson opens no network connection at all."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from ui.desktop.app import build
from ui.desktop.ports import SilentAudio

_watching: list[list[str]] = []


def _audit(event: str, args: tuple) -> None:
    if _watching and event.startswith("socket."):
        _watching[-1].append(f"{event} {args!r}")


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only listens while a test asks


def test_a_whole_lesson_opens_no_socket(
    qtbot, tmp_path: Path, repo: Path, journal: Journal
) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(repo / "tests/data/sample.lesson", folder)
    shutil.copytree(repo / "tests/data/clips", folder / "clips")
    seen: list[str] = []
    _watching.append(seen)
    try:
        clock = ManualClock()
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        app = build(
            journal=journal,
            audio=SilentAudio(),
            settings=settings,
            folders=[("Seesaw", folder)],
            clock=clock,
        )
        qtbot.addWidget(app.window)
        app.window.show()
        app.flow.start("weight-shift-1")
        app.flow.view.submitted.emit(app.flow.view.current())
        controller = app.flow.controller
        while app.flow.player.state is not PlayerState.FINISHED:
            clock.advance(500)
            controller.tick()
        app.flow.view.submitted.emit(app.flow.view.current())
        assert journal.sessions()[0].completed
    finally:
        _watching.pop()
    assert seen == []


def test_the_watch_would_notice_a_socket() -> None:
    import socket

    seen: list[str] = []
    _watching.append(seen)
    try:
        socket.socket().close()
    finally:
        _watching.pop()
    assert any(event.startswith("socket.__new__") for event in seen)
