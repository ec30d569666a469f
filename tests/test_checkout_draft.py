"""A note typed on the check-out form survives Seesaw being killed: the form comes back, as it was.

The first Seesaw is a real process, started as ``seesaw`` starts (its own folders, the bundled
lessons, the wall clock). It stops a lesson, the check-out is filled in with keys, and once the
form's draft is on disk (half a second after the last key, then written by the journal's writer
thread) it is killed with SIGKILL: no
chance to save anything on the way out. The second Seesaw, opened on the same journal, must show
that check-out again with the rating, place and note, and put them in the journal on Save.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lesson_engine.journal.journal import Journal
from lesson_engine.paths import journal_folder, lesson_folders
from lesson_engine.playback.clock import ManualClock
from tests.test_ui_lesson_flow import current, open_app
from ui.desktop.app import build
from ui.desktop.player.checkin import CheckInView
from ui.desktop.ports import SilentAudio

NOTE = "Left knee quiet; the second side felt stiff."

FIRST_SEESAW = f"""
from PySide6.QtCore import QEventLoop
from PySide6.QtTest import QTest
from ui.desktop.launch import run_until_ready

launch = run_until_ready()
app = launch.app
app.flow.start("weight-shift-1")
app.window.pages.currentWidget().skip.click()
for _ in range(20):
    launch.qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
app.flow.view.stop_confirmed.emit()  # Stop, confirmed
form = app.window.pages.currentWidget()
form.rate(3)
form.places["outside-knee"].setChecked(True)
form.sides["left"].setChecked(True)
QTest.keyClicks(form.note, {NOTE!r})
while app.flow.stage.check_out_form.timer.isActive():  # the draft's half second, on the real clock
    launch.qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
app.flow.journal.flush()  # and written: the writer's thread has fsynced it
print("typed", flush=True)
input()  # and here it is killed
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is how a crash is made here")
def test_a_check_out_typed_before_a_crash_is_offered_again_as_it_was(
    qtbot, tmp_path: Path, repo: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SDL_AUDIODRIVER": "dummy"}
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_SEESAW],
        env=env,
        cwd=repo,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None
        line = first.stdout.readline().strip()
        assert line == "typed", first.stderr.read() if first.stderr else ""
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()

    with Journal.open(journal_folder()) as journal:
        assert journal.sessions() == []  # nothing was saved before the crash...
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        app = build(
            journal=journal,
            audio=SilentAudio(),
            settings=settings,
            folders=lesson_folders(),
            clock=ManualClock(),
        )
        qtbot.addWidget(app.window)
        form = current(app)
        assert isinstance(form, CheckInView) and form.after  # ...and the check-out is back
        assert form.note.toPlainText() == NOTE
        assert form.current().soreness == 3
        assert form.places["outside-knee"].isChecked() and form.sides["left"].isChecked()
        assert any("Here it is again, as you left it" in m for m in app.window.banner.messages)
        form.go.click()
        (session,) = journal.sessions()
        assert session.note == NOTE and session.after.level == 3 and not session.completed
        assert session.after.places == ("outside-knee",) and session.after.side == "left"
        assert current(app) is app.library_view


def test_the_check_out_form_is_kept_within_a_second_of_a_change(
    qtbot, tmp_path: Path, lessons: Path, journal: Journal
) -> None:
    """The same draft, in one process: the saved place holds each change after the delay."""
    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, clock)
    app.flow.start("weight-shift-1")
    current(app).skip.click()
    app.flow.view.stop_confirmed.emit()
    form = current(app)
    form.note.setPlainText("first words")
    qtbot.waitUntil(lambda: not app.flow.stage.check_out_form.timer.isActive(), timeout=2_000)
    saved = journal.load_checkpoint()
    assert saved is not None and saved["session"]["after"]["note"] == "first words"
    form.go.click()
    assert journal.load_checkpoint() is None or "session" not in journal.load_checkpoint()


def _on_the_check_out(qtbot, tmp_path: Path, lessons: Path, journal: Journal):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, ManualClock())
    app.flow.start("weight-shift-1")
    current(app).skip.click()
    app.flow.view.stop_confirmed.emit()
    form = current(app)
    assert isinstance(form, CheckInView) and form.after
    return app, form


def _kept_note(journal: Journal) -> str:
    saved = journal.load_checkpoint()
    after = (saved or {}).get("session", {}).get("after") or {}
    return str(after.get("note", ""))


def test_steady_typing_is_kept_while_it_goes_on_not_only_after_a_pause(
    qtbot, tmp_path: Path, lessons: Path, journal: Journal
) -> None:
    """Keys a tenth of a second apart for over a second: some of them are on disk already."""
    from PySide6.QtTest import QTest

    _app, form = _on_the_check_out(qtbot, tmp_path, lessons, journal)
    typed = "Stiff at first, then easy."
    QTest.keyClicks(form.note, typed, delay=60)  # 1.6 s of typing, no pause of half a second
    kept = _kept_note(journal)
    assert kept and typed.startswith(kept)


def test_closing_seesaw_within_the_half_second_keeps_the_last_words_typed(
    qtbot, tmp_path: Path, lessons: Path, journal: Journal
) -> None:
    app, form = _on_the_check_out(qtbot, tmp_path, lessons, journal)
    form.note.setPlainText("The last words, just typed.")
    assert app.window.close()  # at once, before the draft's half second is up
    assert _kept_note(journal) == "The last words, just typed."


@pytest.mark.parametrize("ending", ["stopped", "finished"])
def test_a_check_out_seesaw_closed_on_keeps_continue_after_a_stop_and_not_after_the_end(
    qtbot, tmp_path: Path, lessons: Path, journal: Journal, ending: str
) -> None:
    """Stop (or the end), the check-out half filled, Seesaw closed: Save on the next start keeps
    "Continue" from where the learner stopped, as a Save at once would; after the end, none."""
    from tests.test_ui_lesson_flow import advance

    clock = ManualClock()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = open_app(qtbot, settings, journal, lessons, clock)
    app.flow.start("weight-shift-1")
    current(app).skip.click()
    if ending == "stopped":
        advance(app, clock, 30_000)
        stopped_at = app.flow.player.position_ms
        app.flow.view.stop_confirmed.emit()
    else:
        advance(app, clock, 10 * 60_000)
    current(app).note.setPlainText("Stopped for a phone call.")
    assert app.window.close()
    folder = journal.folder
    assert folder is not None
    journal.close()
    with Journal.open(folder) as again:
        second = open_app(qtbot, settings, again, lessons, clock)
        form = current(second)
        assert isinstance(form, CheckInView) and form.after
        form.go.click()
        (session,) = again.sessions()
        assert session.note == "Stopped for a phone call."
        assert session.completed is (ending == "finished")
        offer = second.flow.resume_offer()
        if ending == "stopped":
            assert second.library_view.resume_card.isVisibleTo(second.window)
            assert offer is not None and offer.position_ms == stopped_at
        else:
            assert offer is None and again.load_checkpoint() is None


def test_a_check_out_saved_within_the_half_second_is_not_written_back_by_its_draft(
    qtbot, tmp_path: Path, lessons: Path, journal: Journal
) -> None:
    """Saved at once: the draft's timer, had it gone off, must not bring the form back (twice)."""
    app, form = _on_the_check_out(qtbot, tmp_path, lessons, journal)
    form.note.setPlainText("Saved straight away.")
    form.go.click()
    app.flow.stage.check_out_form.timer.timeout.emit()  # the half second after the last change
    (session,) = journal.sessions()
    assert session.note == "Saved straight away."
    saved = journal.load_checkpoint()
    assert saved is not None and "session" not in saved  # "Continue" only: no check-out again
