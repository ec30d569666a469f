"""Save pictures of the real window at the moments people see most: run under Xvfb.

``make screenshots`` runs this with a virtual screen; the app is built exactly as ``seesaw`` builds
it, with a manual clock so the pictures are the same every time, and a throwaway SEESAW_HOME so
no real journal is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, RED_FLAG_CHECKS, RUNS
from lesson_engine.journal.records import (
    ExerciseLog,
    Note,
    ProgrammeChoice,
    RedFlagCheck,
    RunLog,
    SessionEntry,
    Soreness,
)
from lesson_engine.paths import bundled_lessons_dir
from lesson_engine.playback.clock import ManualClock
from lesson_engine.timeline import compile_timeline
from ui.desktop.app import build
from ui.desktop.author.view import AuthorView
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.view import PlayerView
from ui.desktop.ports import SilentAudio
from ui.desktop.theme import apply_theme, pick_theme
from ui.desktop.today.run_dialog import RunDialog
from ui.desktop.today.view import TodayView


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def sample_journal() -> Journal:
    """Eight weeks of made-up sessions, easing slowly, so the journal chart has something to show."""
    journal = Journal.in_memory()
    today = datetime.now(UTC).replace(hour=7, minute=0, second=0, microsecond=0)
    for days_ago in range(56, 0, -1):
        if days_ago % 7 in (1, 4) or days_ago % 5 == 0:
            start = today - timedelta(days=days_ago)
            before = max(1, round(6 - (56 - days_ago) / 14 + (days_ago % 3 - 1) * 0.6))
            after = max(0, before - (1 if days_ago % 2 else 2))
            note = "Stairs easier today." if days_ago == 12 else ""
            journal.add_session(
                SessionEntry(
                    "weight-shift-1",
                    "Weight shift 1 — lying on your side",
                    start,
                    start + timedelta(minutes=18),
                    True,
                    1.0,
                    1,
                    75_000,
                    Soreness(before, ("outside-knee",), "right"),
                    Soreness(after),
                    note,
                )
            )
    sets = [("clamshell", 2, 10, "light band"), ("single-leg-bridge", 3, 8, "")]
    for days_ago in range(20, 0, -3):
        exercise_id, rounds, reps, load = sets[days_ago % 2]
        day = (today - timedelta(days=days_ago)).date()
        note = "Felt it in the side of the hip, not the knee." if days_ago == 5 else ""
        journal.add_exercise_log(
            ExerciseLog(exercise_id, day, rounds, reps=reps, load=load, soreness=2, note=note)
        )
    journal.add_note(
        Note((today - timedelta(days=9)).date(), "Ran 2 km on grass with walk breaks; no pain.")
    )
    return journal


def _follow_a_programme(journal: Journal) -> None:
    """Strength first from its run-walk phase, three weeks ago: runs that eased, one that
    hurt and held the stage, this week's morning question still open."""
    today = datetime.now(UTC).date()
    start = today - timedelta(days=today.weekday() + 14)
    journal.add(CHOICES, ProgrammeChoice(start, "strength-first", 1, 150))
    runs = (
        (0, 2, None, 1),
        (2, 1, None, 1),
        (5, 1, None, 0),
        (7, 3, 11.0, 2),
        (9, 1, None, 1),
        (12, 0, None, 0),
        (14, 0, None, None),
    )
    for offset, pain, started, morning in runs:
        day = start + timedelta(days=offset)
        if day < today:
            minutes = 15 if offset < 7 else 20
            journal.add(
                RUNS,
                RunLog(
                    day,
                    minutes,
                    round(minutes / 7, 1),
                    ("flat",),
                    pain,
                    started,
                    None,
                    pain,
                    morning,
                ),
            )
    journal.add(RED_FLAG_CHECKS, RedFlagCheck(today - timedelta(days=1)))


def _run_form(out: Path, theme: str, today: TodayView) -> Path:
    """The run form as a runner fills it in after a run-walk session."""
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    dialog = RunDialog(
        today, Drafts(None), lambda _run, _answered: None, datetime.now(UTC).date(), False, 20
    )
    dialog.distance.setValue(2.8)
    dialog.routes["flat"].setChecked(True)
    dialog.walk_breaks.setChecked(True)
    dialog.pain_during.setValue(1)
    dialog.pain_after.setValue(1)
    dialog.note.setText("Easy on the grass loop; the hip felt it more than the knee.")
    dialog.resize(560, dialog.sizeHint().height())
    dialog.show()
    _settle(qt_app)
    path = out / f"run-log-{theme}.png"
    dialog.grab().save(str(path))
    dialog.done(0)
    return path


def capture(out: Path, theme: str = "light") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    apply_theme(qt_app, pick_theme(theme))
    home = Path(tempfile.mkdtemp(prefix="seesaw-shots-"))
    os.environ["SEESAW_HOME"] = str(home)
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    clock = ManualClock()
    app = build(journal=sample_journal(), audio=SilentAudio(), settings=settings, clock=clock)
    window = app.window
    window.resize(1200, 800)
    window.show()
    saved: list[Path] = []

    def shot(name: str) -> None:
        _settle(qt_app)
        path = out / f"{name}-{theme}.png"
        window.grab().save(str(path))
        saved.append(path)

    shot("today-choose")
    _follow_a_programme(app.flow.journal)
    app.today_view.refresh()
    shot("today")
    _settle(qt_app)
    page = app.today_view._scroll.widget()
    if page is not None:  # the whole page, charts included, as it scrolls
        page.grab().save(str(out / f"today-whole-{theme}.png"))
        saved.append(out / f"today-whole-{theme}.png")
    saved.append(_run_form(out, theme, app.today_view))
    window.show_page("library")
    shot("library")
    entries = app.library.entries
    if entries:
        lesson = next((e for e in entries if e.header.group == "weight-shift"), entries[0])
        app.flow.start(lesson.id)
        checkin = app.flow.view
        checkin.rate(3)  # type: ignore[union-attr]
        shot("check-in")
        checkin.submitted.emit(checkin.current())  # type: ignore[union-attr]
        controller = app.flow.controller
        assert controller is not None
        clock.advance(95_000)
        controller.tick()
        shot("player")
        controller.rest()
        clock.advance(38_000)
        controller.tick()
        shot("rest")
        view = app.flow.view
        assert isinstance(view, PlayerView)
        view.stop_confirmed.emit()  # Stop, confirmed: the check-out, with the score before
        checkout = app.flow.view
        assert isinstance(checkout, CheckInView)
        checkout.rate(2)
        checkout.note.setPlainText("Knee quieter after the rest; the hip did more of the work.")
        shot("check-out")
        checkout.submitted.emit(checkout.current())
    window.end_session("library")
    window.show_page("journal")
    shot("journal")
    exercises = app.exercises_view
    if exercises is not None:
        window.show_page("exercises")
        _settle(qt_app)
        exercises.table.setCurrentCell(0, 1)
        shot("exercises")
        selection = exercises.table.selectionModel()
        for entry_id in ("clamshell", "hip-drop", "side-lying-hip-abduction"):
            row = next(i for i, e in enumerate(exercises.entries) if e.id == entry_id)
            selection.select(
                exercises.table.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
            )
        exercises.compare_button.click()
        shot("side-by-side")
    author = app.author_view
    bundled = sorted(bundled_lessons_dir().rglob("*.lesson"))
    if bundled:
        text = bundled[0].read_text(encoding="utf-8").replace("[pause 12s]", "[pasue 12s]", 1)
        author.load_text(text, bundled[0])
        author.editor.document().setModified(False)
        window.show_page("author")
        _settle(qt_app)
        author.problems.jump(author.problems.item(0))
        shot("author")
        _preview_beside_the_script(author, bundled[0], clock, shot)
    window.close()
    saved.extend(_after_a_crash(out, theme, home, settings))
    return saved


def _preview_beside_the_script(
    author: AuthorView, lesson: Path, clock: ManualClock, shot: Callable[[str], None]
) -> None:
    """Play from here, docked beside the script, a few seconds into the second instruction."""
    author.load_text(lesson.read_text(encoding="utf-8"), lesson)
    timeline = compile_timeline(author.lesson) if author.lesson else None
    if timeline is None or len(timeline.cues) < 3:
        return
    cue = timeline.cues[2]
    author.editor.setTextCursor(
        QTextCursor(author.editor.document().findBlockByNumber(cue.line - 1))
    )
    author.play_from_cursor()
    view = author.preview.player
    if view is None:
        return
    clock.advance(1_500)
    view.controller.tick()
    shot("author-preview")
    view.controller.stop()
    view.stop_confirmed.emit()


def _after_a_crash(out: Path, theme: str, home: Path, settings: QSettings) -> list[Path]:
    """The start after Seesaw closed on a check-out: the form again, with the learner's words;
    then the Settings page's check of that journal on disk."""
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    folder = home / "journal-on-disk"
    clock = ManualClock()
    first_journal = Journal.open(folder)
    first = build(journal=first_journal, audio=SilentAudio(), settings=settings, clock=clock)
    lesson = next((e for e in first.library.entries if e.header.group == "weight-shift"), None)
    if lesson is None:
        first_journal.close()
        return []
    first.flow.start(lesson.id)
    checkin = first.flow.view
    assert isinstance(checkin, CheckInView)
    checkin.rate(4)
    checkin.submitted.emit(checkin.current())
    clock.advance(300_000)
    assert first.flow.controller is not None
    first.flow.controller.tick()
    view = first.flow.view
    assert isinstance(view, PlayerView)
    view.stop_confirmed.emit()
    form = first.flow.view
    assert isinstance(form, CheckInView)
    form.rate(2)
    form.note.setPlainText("Easier on the left side; the right hip still wants to lead.")
    stage = first.flow.stage
    assert stage is not None
    stage.check_out_form.timer.timeout.emit()  # the half-second draft, due before the crash
    first_journal.close()  # the crash: nothing more is written
    first.window.hide()

    journal = Journal.open(folder)
    again = build(journal=journal, audio=SilentAudio(), settings=settings, clock=ManualClock())
    window = again.window
    window.resize(1200, 800)
    window.show()
    shots: list[Path] = []
    for name in ("check-out-again", "settings"):
        if name == "settings":
            window.show_page("settings")
            again.settings_view.check_button.click()
        _settle(qt_app)
        path = out / f"{name}-{theme}.png"
        window.grab().save(str(path))
        shots.append(path)
    window.close()
    journal.close()
    return shots


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for theme in ("light", "dark"):
        for path in capture(out, theme):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
