"""The exercise comparison page: the table of claims, filters, side by side, and my results."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import ExerciseLog, SessionEntry, Soreness
from tests.guided_set_fixtures import GuidedSets
from tests.journal_fixtures import refuse_writes
from ui.desktop.exercises.view import ExercisesView

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)


@pytest.fixture
def view(qtbot, journal: Journal) -> ExercisesView:
    widget = ExercisesView(
        load_catalogue(REPO / "lessons/catalogue"),
        REPO / "lessons/catalogue/illustrations",
        journal,
        has_lesson=lambda lesson_id: lesson_id == "set-clamshell",
        today=lambda: TODAY,
    )
    qtbot.addWidget(widget)
    return widget


def row_of(view: ExercisesView, entry_id: str) -> int:
    return next(i for i, e in enumerate(view.entries) if e.id == entry_id)


def test_each_cell_shows_a_mark_with_the_reason_and_the_source_title(view: ExercisesView) -> None:
    row = row_of(view, "clamshell")
    assert view.table.item(row, 0).text() == "Clamshell (with band)  ⚖"
    s1 = view.table.item(row, 1)
    assert s1.text() == "✖"
    assert "Counterproductive. Its example of an exercise that gets in the way" in s1.toolTip()
    assert s1.toolTip().endswith(
        "— “How to Fix Your IT Bands”, in the section “How to Relieve the Stress…”"
    )
    assert view.table.item(row, 3).text() == "✔"
    view.table.setCurrentCell(row, 1)
    assert view.status.text().startswith("S1 — Counterproductive: Its example")
    assert view.status.text().endswith(
        "\n— “How to Fix Your IT Bands”, in the section “How to Relieve the Stress…”"
    )


def test_a_stance_from_the_comments_says_so_beside_its_reason(view: ExercisesView) -> None:
    view.kind.setCurrentIndex(view.kind.findText("Other treatments"))
    row = row_of(view, "foam-rolling")
    view.table.setCurrentCell(row, 1)
    assert "hedged" in view.status.text()
    assert view.status.text().endswith(
        "— “How to Fix Your IT Bands”, in the author's reply, not the article"
    )
    assert view.table.item(row, 1).toolTip().endswith("in the author's reply, not the article")


def test_a_source_that_does_not_name_an_exercise_but_warns_about_it_is_not_blank(
    view: ExercisesView,
) -> None:
    row = row_of(view, "monster-walk")
    s1 = view.table.item(row, 1)
    assert s1.text() == "note"
    assert s1.toolTip().startswith("Not mentioned. Not named, but the article's general warning")
    assert view.table.item(row, 2).text() == ""  # S2 says nothing at all


def test_filtering_by_school_keeps_what_that_school_talks_about(view: ExercisesView) -> None:
    view.school.setCurrentIndex(view.school.findText("Movement and coordination"))
    assert {e.id for e in view.entries} == {
        "side-lying-hip-abduction",
        "clamshell",
        "single-leg-squat",
        "hip-drop",
    }
    view.kind.setCurrentIndex(view.kind.findText("Other treatments"))
    assert "stretching-the-band" in {e.id for e in view.entries}
    view.kind.setCurrentIndex(view.kind.findText("Everything"))
    view.school.setCurrentIndex(0)
    view.equipment.setText("step")
    assert {e.id for e in view.entries} == {"lateral-step-down", "hip-drop"}


def test_side_by_side_highlights_where_two_exercises_differ(view: ExercisesView) -> None:
    selection = view.table.selectionModel()
    for entry_id in ("clamshell", "hip-drop"):
        index = view.table.model().index(row_of(view, entry_id), 0)
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)
    view.compare_button.click()
    assert view.comparison.isVisibleTo(view)
    assert [view.comparison.horizontalHeaderItem(c).text() for c in range(2)] == [
        "Clamshell (with band)",
        "Hip drop",
    ]
    labels = [
        view.comparison.verticalHeaderItem(r).text() for r in range(view.comparison.rowCount())
    ]
    pelvis = labels.index("Pelvis")
    kind = labels.index("Kind")
    assert view.comparison.item(pelvis, 0).background().color().alpha() > 0
    assert (
        view.comparison.item(kind, 0).background().style() == Qt.BrushStyle.NoBrush
    )  # same: plain
    assert "rows differ" in view.status.text()


def test_comparing_needs_two_rows(view: ExercisesView) -> None:
    view.table.clearSelection()
    view.compare_button.click()
    assert view.status.text().startswith("Select two or three rows")


def test_logging_a_set_starts_from_the_cards_dose_and_takes_the_learners_changes(
    qtbot, journal: Journal
) -> None:
    asked: list[ExerciseLog] = []

    def learner(_parent, name: str, start: ExerciseLog) -> ExerciseLog:
        asked.append(start)
        return replace(start, reps=12, side="left", load="light band", soreness=2)

    view = ExercisesView(
        load_catalogue(REPO / "lessons/catalogue"),
        REPO / "lessons/catalogue/illustrations",
        journal,
        today=lambda: TODAY,
        ask_log=learner,
    )
    qtbot.addWidget(view)
    start = datetime(2026, 11, 19, 7, tzinfo=UTC)
    journal.add_session(SessionEntry("x", "X", start, start, True, 1.0, after=Soreness(5)))
    view.table.setCurrentCell(row_of(view, "clamshell"), 0)
    assert view.log_button.text() == "Log a set…"
    assert "3 × 15 a side" in view.log_button.toolTip()  # the card's dose, as the card says it
    view.log_button.click()
    (offered,) = asked
    assert (offered.sets, offered.reps, offered.side) == (3, 15, "both")  # agrees with the card
    (logged,) = journal.exercise_logs()
    assert (logged.sets, logged.reps, logged.side, logged.load) == (3, 12, "left", "light band")
    assert "Logged 3 × 12" in view.status.text()
    assert "with this exercise: 2.0 (1 day); on other rated days: 5.0 (1 day)" in view.mine.text()
    assert "not evidence" in view.mine.text()
    view.table.setCurrentCell(row_of(view, "single-leg-squat"), 0)  # the sources give no dose
    view.log_button.click()
    assert (asked[-1].sets, asked[-1].reps) == (1, None)  # nothing made up: the learner says


def test_cancelling_the_log_form_logs_nothing(qtbot, journal: Journal) -> None:
    view = ExercisesView(
        load_catalogue(REPO / "lessons/catalogue"),
        REPO / "lessons/catalogue/illustrations",
        journal,
        today=lambda: TODAY,
        ask_log=lambda *_: None,
    )
    qtbot.addWidget(view)
    view.table.setCurrentCell(row_of(view, "clamshell"), 0)
    view.log_button.click()
    assert journal.exercise_logs() == []


def test_the_log_form_needs_repetitions_or_a_hold(qtbot) -> None:
    from ui.desktop.exercises.log_dialog import LogSetDialog

    dialog = LogSetDialog(None, "Single-leg squat", ExerciseLog("single-leg-squat", TODAY, 1))
    qtbot.addWidget(dialog)
    dialog._accept()
    assert dialog.problem.text() == "Give the repetitions or the hold time."
    dialog.hold.setValue(30)
    dialog.side.setCurrentIndex(dialog.side.findData("right"))
    assert dialog.result_log() == ExerciseLog("single-leg-squat", TODAY, 1, hold_s=30, side="right")


def test_do_a_set_opens_the_guided_set_only_when_it_exists(view: ExercisesView, qtbot) -> None:
    view.table.setCurrentCell(row_of(view, "hip-drop"), 0)
    assert not view.do_set_button.isEnabled()
    assert view.do_set_button.toolTip() == "This guided set is not written yet"
    view.table.setCurrentCell(row_of(view, "clamshell"), 0)
    with qtbot.waitSignal(view.do_set_requested) as signal:
        view.do_set_button.click()
    assert signal.args == ["set-clamshell"]


def test_finishing_a_guided_set_offers_its_log_with_the_dose_it_guided(
    guided_sets: GuidedSets, journal: Journal
) -> None:
    """Through the whole app: the clamshell set, played to its end, then checked out."""
    offered = guided_sets.logs_saved_as_offered()
    guided_sets.play("set-clamshell")
    guided_sets.check_out()
    (start,) = offered
    assert (start.exercise_id, start.sets, start.reps, start.side) == ("clamshell", 3, 15, "both")
    (logged,) = journal.exercise_logs()
    assert logged.exercise_id == "clamshell" and logged.reps == 15


def test_a_set_the_disk_refuses_is_kept_for_the_next_try(
    qtbot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk costs the learner nothing they entered: the form opens with it again."""

    asked: list[ExerciseLog] = []

    def learner(_parent, _name: str, start: ExerciseLog) -> ExerciseLog:
        asked.append(start)
        return start if len(asked) > 1 else replace(start, reps=12, note="felt it in the hip")

    view = ExercisesView(
        load_catalogue(REPO / "lessons/catalogue"),
        REPO / "lessons/catalogue/illustrations",
        journal,
        today=lambda: TODAY,
        ask_log=learner,
    )
    qtbot.addWidget(view)
    view.table.setCurrentCell(row_of(view, "clamshell"), 0)
    allow = refuse_writes(monkeypatch, journal.folder)
    view.log_button.click()
    assert "Not logged (the disk is full)" in view.status.text() and journal.exercise_logs() == []
    allow()  # space freed
    view.log_button.click()
    assert (asked[-1].reps, asked[-1].note) == (12, "felt it in the hip")
    (logged,) = journal.exercise_logs()
    assert (logged.reps, logged.note) == (12, "felt it in the hip")


def test_a_guided_set_finished_before_the_exercises_page_was_ever_visited_is_logged(
    guided_sets: GuidedSets, journal: Journal
) -> None:
    """The page is built on first visit; a set started from Today never visits it. The real
    log form comes up over the window, is saved as it stands, and the learner, back where the
    set was started, reads that the set is in the journal."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.desktop.exercises.log_dialog import LogSetDialog

    app = guided_sets.app
    app.window.show()
    assert not app.window.is_built("exercises")
    forms: list[LogSetDialog] = []

    def save_the_form() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, LogSetDialog):
            QTimer.singleShot(10, save_the_form)
            return
        forms.append(form)
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    guided_sets.play("set-clamshell")
    QTimer.singleShot(0, save_the_form)
    guided_sets.check_out()
    (form,) = forms
    assert form.windowTitle() == "Log a set: Clamshell (with band)"
    (logged,) = journal.exercise_logs()
    assert (logged.exercise_id, logged.sets, logged.reps) == ("clamshell", 3, 15)
    shown = app.window.pages.currentWidget()
    told = shown.findChildren(QLabel) + app.window.banner.findChildren(QLabel)
    assert any("Logged 3 × 15 clamshell" in label.text() for label in told if label.isVisible())
