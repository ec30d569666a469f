"""Today, Exercises and Journal write behind the window, and say "saved" only once it is on disk.

The real window and pages, the real journal in a temporary folder, with the writer Seesaw attaches
at start (``lesson_engine.journal.writer``). A job waiting on an ``Event`` holds the writer while
the test looks at the page; ``on_disk`` copies the journal's folder at that moment and opens the
copy as a fresh Journal, so what it reads is exactly what the disk held when the page spoke.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, RUNS
from lesson_engine.journal.records import ExerciseLog
from lesson_engine.journal.writer import DurableWriter
from lesson_engine.paths import bundled_lessons_dir, catalogue_dir
from tests.journal_fixtures import refuse_writes
from ui.desktop.app import SeesawApp, build
from ui.desktop.ports import SilentAudio
from ui.desktop.today.cards import MorningQuestion
from ui.desktop.today.run_dialog import RUN_DRAFT, RunDialog
from ui.desktop.today.view import TodayView

MONDAY = date(2026, 11, 2)
NOW = datetime(2026, 11, 2, 18, tzinfo=UTC)


@dataclass
class Writing:
    journal: Journal
    folder: Path
    copies: Path
    hold: Callable[[], threading.Event]


@pytest.fixture
def writing(tmp_path: Path) -> Iterator[Writing]:
    exercises = load_catalogue(catalogue_dir()).exercise_ids
    journal = Journal.open(tmp_path / "journal", now=lambda: NOW, known_exercises=exercises)
    writer = DurableWriter()
    journal.attach(writer)
    gates: list[threading.Event] = []

    def hold() -> threading.Event:
        """Hold the writer until the returned event is set (at the latest when the test ends)."""
        gate = threading.Event()
        gates.append(gate)
        writer.submit(gate.wait)
        return gate

    assert journal.folder is not None
    yield Writing(journal, journal.folder, tmp_path / "copies", hold)
    for gate in gates:
        gate.set()
    journal.close()


@contextmanager
def on_disk(writing: Writing) -> Iterator[Journal]:
    """A fresh Journal over a copy of the folder as it is on disk this moment (without the
    temporary files of a write under way, which come and go while the copy is made)."""
    copy = writing.copies / str(
        len(list(writing.copies.glob("*"))) if writing.copies.exists() else 0
    )
    shutil.copytree(writing.folder, copy, ignore=shutil.ignore_patterns("*.tmp"))
    with Journal.open(copy, now=lambda: NOW) as fresh:
        yield fresh


class RunForm:
    """Fills the run form as a runner would, and leaves it open for the test to press Save."""

    def __init__(self) -> None:
        self.last: RunDialog | None = None

    def answer(self, dialog: object) -> bool:
        assert isinstance(dialog, RunDialog)
        self.last = dialog
        dialog.minutes.setValue(15)
        dialog.pain_during.setValue(1)
        dialog.pain_after.setValue(1)
        dialog.note.setText("Quiet knee on the flat loop.")
        return False

    def save(self) -> None:
        assert self.last is not None
        self.last.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def today_app(qtbot, writing: Writing, form: RunForm, tmp_path: Path) -> SeesawApp:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("voice/name", "captions")
    app = build(
        journal=writing.journal,
        audio=SilentAudio(),
        settings=settings,
        folders=[("Seesaw", bundled_lessons_dir())],
        today_is=lambda: MONDAY,
        open_dialog=form.answer,
    )
    qtbot.addWidget(app.window)
    app.window.close_guards.clear()  # its wait for the writer would outlast a held gate
    app.window.show()
    return app


def status(view: TodayView) -> str:
    return view.saving.status.text() if view.saving.status.isVisibleTo(view) else ""


def test_a_run_is_called_saved_only_once_it_is_on_disk_and_a_second_save_logs_nothing_more(
    qtbot, writing: Writing, tmp_path: Path
) -> None:
    form = RunForm()
    app = today_app(qtbot, writing, form, tmp_path)
    view = app.today_view
    view.buttons()["Follow Strength first"].click()
    qtbot.waitUntil(lambda: status(view) == "Your programme is saved.")
    with on_disk(writing) as fresh:
        assert [c.programme_id for c in fresh.records(CHOICES)] == ["strength-first"]
    gate = writing.hold()  # a disk so slow that nothing reaches it while the test looks
    view.buttons()["Log a run…"].click()
    form.save()
    form.save()  # pressed again while the first is on its way
    dialog = form.last
    assert dialog is not None
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.result() != RunDialog.DialogCode.Accepted and not save.isEnabled()
    assert dialog.problem.text() == "Saving…" and status(view) == "Saving…"
    with on_disk(writing) as fresh:
        assert fresh.records(RUNS) == []
    gate.set()
    qtbot.waitUntil(lambda: status(view) == "Your run of Monday 2 November is saved.")
    with on_disk(writing) as fresh:  # said "saved" only once it was there
        (run,) = fresh.records(RUNS)
        assert (run.minutes, run.note) == (15, "Quiet knee on the flat loop.")
    assert dialog.result() == RunDialog.DialogCode.Accepted
    assert not writing.journal.drafts.get(RUN_DRAFT)
    assert "Log the run…" not in view.buttons()  # the page shows the run done


def test_a_run_the_disk_refuses_stays_in_its_open_form_and_goes_in_once_the_disk_allows(
    qtbot, writing: Writing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = RunForm()
    app = today_app(qtbot, writing, form, tmp_path)
    view = app.today_view
    view.buttons()["Follow Strength first"].click()
    qtbot.waitUntil(lambda: status(view) == "Your programme is saved.")
    allow = refuse_writes(monkeypatch, writing.folder)
    view.buttons()["Log a run…"].click()
    form.save()
    dialog = form.last
    assert dialog is not None
    qtbot.waitUntil(lambda: "the disk is full" in status(view))
    assert status(view).startswith("Your journal could not be written (the disk is full).")
    assert "Nothing you entered is lost" in status(view)
    assert dialog.problem.text() == status(view)  # the form says so too
    assert view.saving.status.property("role") == "caution"  # in the warning colour
    assert dialog.result() != RunDialog.DialogCode.Accepted  # still open, every field as typed
    assert dialog.note.text() == "Quiet knee on the flat loop." and dialog.minutes.value() == 15
    assert "Quiet knee on the flat loop." in writing.journal.drafts.get(RUN_DRAFT)
    allow()
    form.save()  # Save is offered again
    qtbot.waitUntil(lambda: status(view) == "Your run of Monday 2 November is saved.")
    assert view.saving.status.property("role") == "muted"  # no longer a warning
    with on_disk(writing) as fresh:
        assert [r.note for r in fresh.records(RUNS)] == ["Quiet knee on the flat loop."]


def test_the_mornings_answer_the_disk_refuses_stays_on_the_page_to_save_again(
    qtbot, writing: Writing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lesson_engine.journal.records import ProgrammeChoice, RunLog

    writing.journal.add(CHOICES, ProgrammeChoice(date(2026, 10, 26), "strength-first", 1))
    writing.journal.add(RUNS, RunLog(date(2026, 11, 1), 15, pain_during=1, pain_after=1))
    app = today_app(qtbot, writing, RunForm(), tmp_path)
    view = app.today_view
    (question,) = view.findChildren(MorningQuestion)
    question.rating.setValue(2)
    allow = refuse_writes(monkeypatch, writing.folder)
    view.buttons()["Save the morning's pain"].click()
    assert not question.isEnabled()  # not answered twice while the first answer is on its way
    qtbot.waitUntil(lambda: "the disk is full" in status(view))
    (still,) = view.findChildren(MorningQuestion)
    assert still is question and question.isEnabled() and question.rating.value() == 2
    allow()
    view.buttons()["Save the morning's pain"].click()
    qtbot.waitUntil(lambda: status(view).startswith("The morning after Sunday's run is saved"))
    with on_disk(writing) as fresh:
        assert fresh.records(RUNS)[0].pain_next_morning == 2
    assert not view.findChildren(MorningQuestion)  # answered: no longer asked


def test_a_set_logged_on_the_exercises_page_is_called_logged_once_it_is_on_disk(
    qtbot, writing: Writing, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.desktop.exercises.view import ExercisesView

    entered: list[ExerciseLog] = []

    def learner(_parent, _name: str, start: ExerciseLog) -> ExerciseLog:
        entered.append(start)
        return ExerciseLog("clamshell", MONDAY, 3, reps=12, note="felt it in the hip")

    view = ExercisesView(
        load_catalogue(catalogue_dir()),
        catalogue_dir() / "illustrations",
        writing.journal,
        today=lambda: MONDAY,
        ask_log=learner,
    )
    qtbot.addWidget(view)
    view.show()
    view.table.setCurrentCell(next(i for i, e in enumerate(view.entries) if e.id == "clamshell"), 0)
    gate = writing.hold()
    view.log_button.click()
    assert view.status.text() == "Saving the set…"
    with on_disk(writing) as fresh:
        assert fresh.exercise_logs() == []
    gate.set()
    qtbot.waitUntil(lambda: view.status.text().startswith("Logged 3 × 12"))
    with on_disk(writing) as fresh:
        assert [(g.reps, g.note) for g in fresh.exercise_logs()] == [(12, "felt it in the hip")]
    allow = refuse_writes(monkeypatch, writing.folder)
    view.log_button.click()
    qtbot.waitUntil(lambda: view.status.text().startswith("Not logged (the disk is full)"))
    allow()
    view.log_button.click()
    assert entered[-1].note == "felt it in the hip"  # the refused set, as entered, offered again
    qtbot.waitUntil(lambda: len(writing.journal.exercise_logs()) == 2)


def test_a_journal_correction_and_its_undo_are_told_once_they_are_on_disk(
    qtbot, writing: Writing, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from ui.desktop.journal.view import JournalView

    writing.journal.add_exercise_log(ExerciseLog("clamshell", MONDAY, 3, reps=15))
    view = JournalView(
        writing.journal,
        today=lambda: MONDAY,
        ask_log=lambda _p, _n, log: replace(log, reps=10),
    )
    qtbot.addWidget(view)
    view.refresh()
    gate = writing.hold()
    view.logs.itemActivated.emit(view.logs.item(0))
    assert view.status.text() == "Saving…" and "3\u00a0×\u00a015" in view.logs.item(0).text()
    gate.set()
    qtbot.waitUntil(lambda: view.status.text().startswith("Corrected the set of Mon 02 Nov"))
    assert "3\u00a0×\u00a010" in view.logs.item(0).text()
    with on_disk(writing) as fresh:
        assert fresh.exercise_logs()[0].reps == 10
    allow = refuse_writes(monkeypatch, writing.folder)
    view.undo_button.click()
    qtbot.waitUntil(lambda: view.status.text() == "Could not undo it (the disk is full).")
    assert view.undo_button.isVisibleTo(view)  # still there to take back
    allow()
    view.undo_button.click()
    qtbot.waitUntil(lambda: view.status.text().startswith("Undone: corrected the set"))
    with on_disk(writing) as fresh:
        assert fresh.exercise_logs()[0].reps == 15


def test_a_backup_is_put_back_behind_the_window_after_the_writes_asked_before_it(
    qtbot, tmp_path: Path
) -> None:
    from datetime import timedelta

    from tests.journal_fixtures import NOW as DAY_0
    from tests.journal_fixtures import session
    from ui.desktop.settings.journal_care import connect_journal_care
    from ui.desktop.settings.view import SettingsView

    folder = tmp_path / "journal"
    with Journal.open(folder, now=lambda: DAY_0) as first:
        first.add_session(session(1, note="the good one"))
    journal = Journal.open(folder, now=lambda: DAY_0 + timedelta(days=1))  # backed up as it opens
    writer = DurableWriter()
    journal.attach(writer)
    gate = threading.Event()
    try:
        view = SettingsView(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(view)
        redrawn: list[int] = []
        connect_journal_care(
            view, journal, lambda: redrawn.append(1), lambda _parent, days: days[0][0]
        )
        writer.submit(gate.wait)  # a slow disk
        journal.later(lambda: journal.add_session(session(0, note="a mistake")))
        view.restore_button.click()  # returns at once
        assert view.check_result.text().startswith("Putting back the backup of")
        assert redrawn == []
        gate.set()
        qtbot.waitUntil(lambda: bool(redrawn))
        assert view.check_result.text().startswith("Your journal is back as it was on")
        assert [s.note for s in journal.sessions()] == ["the good one"]  # the mistake went too
    finally:
        gate.set()
        journal.close()
