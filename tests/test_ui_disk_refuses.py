"""A disk that fills up or turns read-only mid-lesson: the lesson goes on and nothing typed is lost.

The full disk is real where this machine lets the test mount a small tmpfs (as root on Linux):
the journal lives there and a ballast file fills it. Elsewhere, and for a read-only disk (a mount
cannot be made read-only while the journal holds its lock open), the error is raised at the one
place Seesaw writes files, with the errno the kernel would give.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lesson_engine.journal.journal import Journal
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from tests.journal_fixtures import refuse_writes
from tests.test_ui_lesson_flow import advance, current, open_app, start_without_check_in
from ui.desktop.player.unsaved import CLOSE, SAVE, WAIT, UnsavedDialogs


def _mount_small_disk(where: Path) -> bool:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


@pytest.fixture(params=["full", "read-only"])
def disk(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    """The journal's folder, and ``refuse()`` / ``allow()`` to turn the trouble on and off."""
    kind = request.param
    mount = tmp_path / "small-disk"
    real = kind == "full" and _mount_small_disk(mount)
    folder = (mount if real else tmp_path) / "journal"
    ballast = mount / "ballast"
    allowing: list[Callable[[], None]] = []

    def refuse() -> None:
        if real:
            with open(ballast, "wb") as handle:  # fill the disk to the last block
                try:
                    while True:
                        handle.write(bytes(64 * 1024))
                        handle.flush()
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
            return
        code = errno.ENOSPC if kind == "full" else errno.EROFS
        allowing.append(refuse_writes(monkeypatch, folder, code))  # the journal's disk only

    def allow() -> None:
        if real:
            ballast.unlink()
        else:
            allowing.pop()()

    yield {"folder": folder, "refuse": refuse, "allow": allow, "kind": kind, "real": real}
    if real:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def scripted(*choices: str, where: Callable[[], str] = lambda: "") -> UnsavedDialogs:
    answers = list(choices)
    return UnsavedDialogs(choose=lambda _w, _q: answers.pop(0), where=lambda _w: where())


def lesson_interrupted_by_the_disk(qtbot, tmp_path, lessons, disk, dialogs):
    journal = Journal.open(disk["folder"])
    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, clock, confirm_stop=lambda _w, _q: True)
    from ui.desktop.app import _guard_unsaved_sessions

    app.window.close_guards.clear()
    _guard_unsaved_sessions(app, dialogs)
    start_without_check_in(app)
    advance(app, clock, 6_000)
    assert journal.load_checkpoint() is not None  # saving works before the trouble
    disk["refuse"]()
    for _ in range(4):
        advance(app, clock, 5_000)  # checkpoints come due and fail
    player = app.flow.player
    assert player.state is PlayerState.PLAYING and player.position_ms >= 26_000
    problem = "the disk is full" if disk["kind"] == "full" else "the disk is read-only"
    told = [m for m in app.window.banner.messages if "cannot save your place" in m]
    assert len(told) == 1 and problem in told[0]  # said once, not every five seconds
    app.flow.view.request_stop()
    checkout = current(app)
    checkout.rate(2)
    checkout.note.setPlainText("Typed while the disk was refusing.")
    checkout.submitted.emit(checkout.current())
    assert current(app) is app.library_view  # the learner is not stuck on the form
    assert any("could not be saved to your journal yet" in m for m in app.window.banner.messages)
    return app, journal


def test_the_waiting_session_reaches_the_journal_once_the_disk_allows(
    qtbot, tmp_path: Path, lessons: Path, disk
) -> None:
    app, journal = lesson_interrupted_by_the_disk(qtbot, tmp_path, lessons, disk, scripted())
    disk["allow"]()
    every_minute = app.flow.saving._retry
    assert every_minute.isActive() and every_minute.interval() == 60_000
    every_minute.timeout.emit()  # a minute later
    assert not every_minute.isActive()  # nothing waits: no more tries
    (session,) = journal.sessions()
    assert session.note == "Typed while the disk was refusing." and session.after.level == 2
    assert any("is saved in your journal now" in m for m in app.window.banner.messages)
    assert app.library_view.resume_card.isVisibleTo(app.window)  # and Continue is offered
    assert app.window.close()  # nothing waits: no question
    journal.close()
    with Journal.open(disk["folder"]) as again:
        assert [s.note for s in again.sessions()] == ["Typed while the disk was refusing."]


def test_closing_while_the_disk_still_refuses_keeps_the_session_in_a_file_elsewhere(
    qtbot, tmp_path: Path, lessons: Path, disk
) -> None:
    kept = tmp_path / "elsewhere" / "sessions.json"
    kept.parent.mkdir()
    dialogs = scripted(WAIT, SAVE, where=lambda: str(kept))
    app, journal = lesson_interrupted_by_the_disk(qtbot, tmp_path, lessons, disk, dialogs)
    assert not app.window.close()  # "try the journal again": still refused, so Seesaw stays
    assert app.window.close()  # "save to a file": written, then closed
    data = json.loads(kept.read_text())
    (session,) = data["sessions"]
    assert session["note"] == "Typed while the disk was refusing."
    assert session["after"]["level"] == 2
    journal.close()


def test_closing_and_losing_them_takes_an_explicit_choice(
    qtbot, tmp_path: Path, lessons: Path, disk
) -> None:
    app, journal = lesson_interrupted_by_the_disk(qtbot, tmp_path, lessons, disk, scripted(CLOSE))
    assert app.window.close()
    journal.close()


def test_a_session_saved_late_leaves_the_place_of_the_lesson_begun_since(
    qtbot, tmp_path: Path, lessons: Path, disk
) -> None:
    """The minute's retry stores the stopped session; the saved place is the next lesson's now."""
    from lesson_engine.session.saved_place import SavedPlace

    app, journal = lesson_interrupted_by_the_disk(qtbot, tmp_path, lessons, disk, scripted())
    disk["allow"]()
    app.flow.start("weight-shift-1")  # the next lesson, with a check-in this time
    checkin = current(app)
    checkin.rate(4)
    checkin.go.click()
    clock = app.flow._clock
    advance(app, clock, 12_000)
    app.flow.controller.toggle()  # paused: its place is on disk
    app.flow.saving.retry()  # what the one-minute timer does
    (stored,) = journal.sessions()
    assert stored.note == "Typed while the disk was refusing."
    place = SavedPlace.from_dict(journal.load_checkpoint(), stored.started_at)
    assert place is not None and place.draft.before.soreness == 4  # the lesson under way
    assert place.checkpoint.position_ms >= 12_000
    journal.close()
