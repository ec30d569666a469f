"""The app's durable writes leave the window's thread, and what the learner is told follows the disk.

The real window, the real journal in a temporary folder, with the writer Seesaw attaches to it at
start (``lesson_engine.journal.writer``). A job waiting on an ``Event`` holds the writer while the
test looks; ``settle`` waits for the writer, then lets the window take in what it reported.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from lesson_engine.journal.files import read_saved_place
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.writer import DurableWriter
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.state import PlayerState
from tests.journal_fixtures import refuse_writes
from tests.test_ui_lesson_flow import advance, current, open_app, start_without_check_in
from ui.desktop.app import SeesawApp


@pytest.fixture
def playing(
    qtbot, tmp_path: Path, lessons: Path
) -> Iterator[tuple[SeesawApp, Journal, Callable[[], threading.Event], ManualClock]]:
    journal = Journal.open(tmp_path / "journal")
    writer = DurableWriter()
    journal.attach(writer)
    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, clock, confirm_stop=lambda _w, _q: True)
    app.window.close_guards.clear()
    start_without_check_in(app)  # a lesson playing, the place saved at its start
    gates: list[threading.Event] = []

    def hold() -> threading.Event:
        """Hold the writer until the returned event is set (at the latest when the test ends)."""
        gate = threading.Event()
        gates.append(gate)
        writer.submit(gate.wait)
        return gate

    yield app, journal, hold, clock
    for gate in gates:
        gate.set()
    journal.close()


def settle(journal: Journal) -> None:
    """Every write asked so far done, and what each one reported taken in by the window."""
    journal.flush()
    QCoreApplication.processEvents()


def test_the_place_is_saved_behind_the_lesson_which_never_waits_for_the_disk(playing) -> None:
    app, journal, hold, clock = playing
    folder = journal.folder
    assert folder is not None
    settle(journal)
    before = read_saved_place(folder)
    gate = hold()  # a disk so slow that nothing reaches it while the lesson plays
    for _ in range(4):
        advance(app, clock, 5_000)
    player = app.flow.player
    assert player.state is PlayerState.PLAYING and player.position_ms >= 20_000
    assert read_saved_place(folder) == before  # not written on the window's thread...
    assert journal.load_checkpoint()["position_ms"] >= 20_000  # ...yet offered at once
    gate.set()
    settle(journal)
    assert read_saved_place(folder)["position_ms"] == journal.load_checkpoint()["position_ms"]


def test_a_place_the_disk_refuses_is_told_once_when_the_writer_heard_it(
    playing, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, journal, hold, clock = playing
    advance(app, clock, 6_000)
    settle(journal)
    allow = refuse_writes(monkeypatch, journal.folder, errno.EROFS)
    gate = hold()
    for _ in range(4):
        advance(app, clock, 5_000)
    QCoreApplication.processEvents()
    assert not [m for m in app.window.banner.messages if "cannot save your place" in m]
    gate.set()
    settle(journal)
    told = [m for m in app.window.banner.messages if "cannot save your place" in m]
    assert len(told) == 1 and "the disk is read-only" in told[0]
    allow()
    advance(app, clock, 5_000)
    settle(journal)
    assert "Your place in the lesson is being saved again." in app.window.banner.messages


def test_a_session_is_called_saved_only_once_its_write_returned(
    playing, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, journal, hold, clock = playing
    advance(app, clock, 70_000)
    allow = refuse_writes(monkeypatch, journal.folder)
    app.flow.view.request_stop()
    checkout = current(app)
    checkout.note.setPlainText("Typed while the disk was full.")
    checkout.submitted.emit(checkout.current())
    settle(journal)
    assert any("could not be saved to your journal yet" in m for m in app.window.banner.messages)
    allow()
    gate = hold()
    app.flow.saving._retry.timeout.emit()  # a minute later
    QCoreApplication.processEvents()
    assert not any("is saved in your journal now" in m for m in app.window.banner.messages)
    assert journal.sessions() == []
    gate.set()
    settle(journal)
    assert any("is saved in your journal now" in m for m in app.window.banner.messages)
    (session,) = journal.sessions()
    assert session.note == "Typed while the disk was full."
    assert app.library_view.resume_card.isVisibleTo(app.window)  # read again once it was in


def test_a_note_is_called_saved_only_once_the_writer_has_put_it_on_disk(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.desktop.journal.view import JournalView

    journal = Journal.open(tmp_path / "journal")
    writer = DurableWriter()
    journal.attach(writer)
    typed = "The outside of the knee stayed quiet on the stairs."
    view = JournalView(journal, text_dialog=lambda _p, _t, initial, _keep: initial or typed)
    qtbot.addWidget(view)
    gate = threading.Event()
    writer.submit(gate.wait)
    try:
        view.add_note_button.click()  # returns at once: the window never waits on the disk
        assert view.status.text() == "Saving your note…"
        assert view.notes.count() == 0
        gate.set()
        settle(journal)
        assert view.status.text() == "Note saved."
        assert view.notes.count() == 1 and view.notes.item(0).text().endswith(typed)
        allow = refuse_writes(monkeypatch, journal.folder)
        view.add_note_button.click()
        settle(journal)
        assert "could not be saved (the disk is full)" in view.status.text()
        allow()
    finally:
        gate.set()
        journal.close()
    assert [n.text for n in Journal.open(tmp_path / "journal").notes()] == [typed]
