"""The journal page: chart data, search, note editing and export, against a known journal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import SessionEntry, Soreness
from lesson_engine.journal.trend import sessions_per_week
from tests.journal_fixtures import refuse_writes
from ui.desktop.journal.view import JournalView

TODAY = date(2026, 11, 20)  # a Friday


def session(
    days_ago: int, before: int | None, after: int | None, note: str = "", completed: bool = True
) -> SessionEntry:
    start = datetime(2026, 11, 20, 7, tzinfo=UTC) - timedelta(days=days_ago)
    return SessionEntry(
        lesson_id="weight-shift-1",
        lesson_title="Weight shift 1",
        started_at=start,
        ended_at=start + timedelta(minutes=20),
        completed=completed,
        completed_fraction=1.0 if completed else 0.4,
        rests_taken=1,
        rested_ms=90_000,
        before=Soreness(before),
        after=Soreness(after),
        note=note,
    )


def make_view(qtbot, journal: Journal, **kwargs) -> JournalView:
    view = JournalView(journal, today=lambda: TODAY, **kwargs)
    qtbot.addWidget(view)
    view.refresh()
    return view


def test_sessions_per_week_counts_the_last_weeks_oldest_first() -> None:
    days = [
        TODAY,
        TODAY - timedelta(days=1),
        TODAY - timedelta(days=8),
        TODAY - timedelta(days=100),
    ]
    weeks = sessions_per_week(days, 3, TODAY)
    assert [count for _, count in weeks] == [0, 1, 2]
    assert weeks[-1][0] == date(2026, 11, 16)


def test_chart_and_list_show_each_session_newest_first(qtbot, journal: Journal) -> None:
    for days_ago, before, after, note in [
        (9, 6, 5, "stiff"),
        (2, 4, 2, "easier on the stairs"),
        (0, 3, None, ""),
    ]:
        journal.add_session(session(days_ago, before, after, note))
    view = make_view(qtbot, journal)
    assert view.summary.text() == "3 sessions, 3 finished."
    assert [(p.before, p.after) for p in view.chart.points] == [(6, 5), (4, 2), (3, None)]
    first = view.sessions.item(0).text()
    assert first.startswith("Fri 20 Nov 2026") and "soreness 3 → –" in first
    assert "easier on the stairs" in view.sessions.item(1).text()


def test_search_hides_what_does_not_match(qtbot, journal: Journal) -> None:
    journal.add_session(session(3, 5, 4, "knee ached downhill"))
    journal.add_session(session(1, 3, 2, "felt light"))
    view = make_view(qtbot, journal)
    view.search.setText("DOWNHILL")
    visible = [
        view.sessions.item(i).text()
        for i in range(view.sessions.count())
        if not view.sessions.item(i).isHidden()
    ]
    assert len(visible) == 1 and "downhill" in visible[0]


def test_editing_a_session_note_is_saved_to_the_journal(qtbot, journal: Journal) -> None:
    journal.add_session(session(1, 5, 4, "first thought"))
    view = make_view(
        qtbot, journal, text_dialog=lambda _p, _t, initial, _keep: initial + ", then better"
    )
    view.sessions.setCurrentRow(0)
    view.edit_button.click()
    assert journal.sessions()[0].note == "first thought, then better"
    assert "then better" in view.sessions.item(0).text()


def test_cancelled_edit_changes_nothing(qtbot, journal: Journal) -> None:
    journal.add_session(session(1, 5, 4, "keep me"))
    view = make_view(qtbot, journal, text_dialog=lambda *_: None)
    view.sessions.setCurrentRow(0)
    view.edit_button.click()
    assert journal.sessions()[0].note == "keep me"


def test_free_note_is_dated_today(qtbot, journal: Journal) -> None:
    view = make_view(qtbot, journal, text_dialog=lambda *_: "Pain started at 7 km today. ")
    view.add_note_button.click()
    (note,) = journal.notes()
    assert (note.day, note.text) == (TODAY, "Pain started at 7 km today.")
    assert view.notes.item(0).text() == "Fri 20 Nov 2026\nPain started at 7 km today."


def test_export_writes_where_the_learner_chose(qtbot, tmp_path: Path, journal: Journal) -> None:
    journal.add_session(session(1, 5, 4, "ok"))
    target = tmp_path / "for-physio.md"
    view = make_view(qtbot, journal, save_dialog=lambda *_: str(target))
    view.export_md.click()
    assert "Weight shift 1" in target.read_text()
    assert view.status.text() == f"Saved {target}"


def test_export_failure_is_reported_not_raised(qtbot, tmp_path: Path, journal: Journal) -> None:
    view = make_view(
        qtbot, journal, save_dialog=lambda *_: str(tmp_path / "missing-folder" / "x.csv")
    )
    view.export_csv.click()
    assert view.status.text().startswith("Could not export to")


def test_empty_journal_explains_itself(qtbot, journal: Journal) -> None:
    view = make_view(qtbot, journal)
    assert view.summary.text().startswith("Nothing here yet")


def test_strength_sets_are_listed_with_their_names_beside_the_sessions(
    qtbot, tmp_path: Path, journal: Journal
) -> None:
    from lesson_engine.journal.records import ExerciseLog
    from ui.desktop.app import load_exercises

    journal.add_exercise_log(
        ExerciseLog("clamshell", TODAY, 2, reps=8, load="light band", soreness=2, note="easy")
    )
    journal.add_exercise_log(
        ExerciseLog("single-leg-bridge", TODAY - timedelta(days=1), 3, hold_s=20)
    )
    view = make_view(qtbot, journal, exercise_name=load_exercises().name_of)
    rows = [view.logs.item(i).text() for i in range(view.logs.count())]
    assert rows == [
        "Fri 20 Nov 2026  ·  Clamshell (with band)  ·  2\u00a0×\u00a08  ·  light band  ·  soreness 2\neasy",
        "Thu 19 Nov 2026  ·  Single-leg bridge  ·  3\u00a0×\u00a020\u00a0s",
    ]
    view.search.setText("band")
    assert [view.logs.item(i).isHidden() for i in range(2)] == [False, True]


def test_a_note_the_journal_cannot_take_keeps_its_words_for_the_next_try(
    qtbot, journal: Journal, monkeypatch
) -> None:

    offered: list[str] = []
    typed = "Ran 2 km, outside of the knee quiet until the hill."

    def dialog(_parent, _title: str, initial: str, _keep) -> str:
        offered.append(initial)
        return initial or typed

    view = make_view(qtbot, journal, text_dialog=dialog)
    allow = refuse_writes(monkeypatch)
    view.add_note_button.click()
    assert journal.notes() == []
    assert "could not be saved (the disk is full)" in view.status.text()
    allow()
    view.add_note_button.click()  # the dialog comes back with the words as typed
    assert offered == ["", typed]
    assert [n.text for n in journal.notes()] == [typed]
    assert view.status.text() == "Note saved."


def test_a_session_a_set_and_a_note_can_be_deleted_and_put_back(qtbot, journal: Journal) -> None:
    from lesson_engine.journal.records import ExerciseLog, Note

    journal.add_session(session(2, 5, 3, note="keep me"))
    journal.add_session(session(1, 4, 2, note="a mistake"))
    journal.add_exercise_log(ExerciseLog("clamshell", TODAY, 2, reps=8))
    journal.add_note(Note(TODAY, "a note"))
    view = make_view(qtbot, journal)
    view.sessions.setCurrentRow(0)  # newest first: "a mistake"
    view.sessions.setFocus()
    view.delete_button.click()
    assert [s.note for s in journal.sessions()] == ["keep me"]
    assert view.undo_button.isVisibleTo(view) and "Deleted" in view.status.text()
    view.logs.setCurrentRow(0)
    view.logs.setFocus()
    view.delete_button.click()
    view.notes.setCurrentRow(0)
    view.notes.setFocus()
    view.delete_button.click()
    assert journal.exercise_logs() == [] and journal.notes() == []
    for _ in range(3):
        view.undo_button.click()  # newest deletion first
    assert [s.note for s in journal.sessions()] == ["keep me", "a mistake"]
    assert len(journal.exercise_logs()) == 1 and [n.text for n in journal.notes()] == ["a note"]
    assert not view.undo_button.isVisibleTo(view)
    journal.close()
    with Journal.open(journal.folder) as again:  # on disk, both ways
        assert len(again.sessions()) == 2 and len(again.notes()) == 1


class Crash(Exception):
    """Seesaw dying while the note dialog is open."""


def test_a_note_being_typed_when_seesaw_dies_comes_back_in_the_dialog(
    qtbot, journal: Journal
) -> None:
    typed = "Ran 3 km on the flat; outside of the knee quiet"

    def typing_then_crash(_parent, _title: str, initial: str, keep) -> str:
        for end in range(10, len(typed) + 1, 10):
            keep(typed[:end])  # as the keys are pressed
        keep(typed)
        qtbot.waitUntil(lambda: not view.note_editing.timer.isActive(), timeout=2_000)
        raise Crash

    view = make_view(qtbot, journal, text_dialog=typing_then_crash)
    with pytest.raises(Crash):
        view._add_note()
    folder = journal.folder
    journal.close()

    offered: list[str] = []

    def save_what_is_offered(_parent, _title: str, initial: str, _keep) -> str:
        offered.append(initial)
        return initial

    with Journal.open(folder) as again:  # the next Seesaw, on the same journal
        view = make_view(qtbot, again, text_dialog=save_what_is_offered)
        view.add_note_button.click()
        assert offered == [typed]
        assert [n.text for n in again.notes()] == [typed]
        assert again.drafts.get("note:new") == ""  # saved: the draft is gone


def test_a_note_typed_without_pause_is_on_disk_while_it_is_typed(qtbot, journal: Journal) -> None:
    """A key a tenth of a second for over a second: the draft does not wait for a pause."""
    import json

    from PySide6.QtTest import QTest

    typed = "Ran 5 km, knee fine"
    on_disk: list[str] = []

    def typing_steadily(_parent, _title: str, _initial: str, keep) -> str:
        for end in range(1, len(typed) + 1):
            keep(typed[:end])
            QTest.qWait(80)  # the next key
        assert journal.folder is not None
        drafts = journal.folder / "drafts.json"
        on_disk.append(
            json.loads(drafts.read_text()).get("note:new", "") if drafts.exists() else ""
        )
        return typed

    view = make_view(qtbot, journal, text_dialog=typing_steadily)
    view.add_note_button.click()
    assert on_disk[0] and typed.startswith(on_disk[0])
    assert [n.text for n in journal.notes()] == [typed]


def test_the_start_says_a_note_was_kept(qtbot, tmp_path: Path, journal: Journal) -> None:
    from PySide6.QtCore import QSettings

    from ui.desktop.app import build
    from ui.desktop.ports import SilentAudio

    journal.drafts.keep("note:new", "half a sentence")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    app = build(journal=journal, audio=SilentAudio(), settings=settings, folders=[])
    qtbot.addWidget(app.window)
    assert any("A note you were writing" in m for m in app.window.banner.messages)


def test_the_chart_labels_its_weeks_along_the_axis_without_overlap() -> None:
    from ui.desktop.journal.chart import LABEL_WIDTH, week_labels

    first, last = date(2026, 9, 29), date(2026, 11, 23)  # a Tuesday to a Monday

    def x_of(day: date) -> float:
        return 70 + 1000 * (day - first).days / (last - first).days

    labels = week_labels(first, last, x_of)
    assert labels[0] == (70.0, "28 Sep 2026")  # the first week, with its year
    assert [text for _, text in labels][1:3] == ["5 Oct", "12 Oct"]
    assert labels[-1][1] == "23 Nov"
    assert all(b[0] - a[0] >= LABEL_WIDTH for a, b in pairwise(labels))
    crowded = week_labels(first, last, lambda day: 70 + 200 * (day - first).days / 55)
    assert 1 < len(crowded) < len(labels)  # a narrow window shows fewer, never overlapping


def test_a_logged_set_can_be_corrected_from_the_journal(qtbot, journal: Journal) -> None:
    from dataclasses import replace

    from lesson_engine.journal.records import ExerciseLog

    journal.add_exercise_log(ExerciseLog("clamshell", TODAY, 3, reps=15, side="both"))
    shown: list[ExerciseLog] = []

    def correct(_parent, name: str, log: ExerciseLog) -> ExerciseLog:
        shown.append(log)
        return replace(log, sets=2, reps=10, side="right", soreness=3, load="red band")

    view = make_view(qtbot, journal, ask_log=correct)
    view.logs.itemActivated.emit(view.logs.item(0))  # Enter, or a double click
    assert shown[0].reps == 15 and shown[0].side == "both"  # the form opens with what it holds
    (log,) = journal.exercise_logs()
    assert (log.sets, log.reps, log.side, log.soreness, log.load) == (2, 10, "right", 3, "red band")
    assert "2\u00a0×\u00a010  ·  right leg  ·  red band  ·  soreness 3" in view.logs.item(0).text()
    journal.close()
    with Journal.open(journal.folder) as again:  # on disk
        assert again.exercise_logs()[0].side == "right"


def test_a_rating_given_in_a_hurry_can_be_corrected_and_the_correction_undone(
    qtbot, journal: Journal
) -> None:
    from dataclasses import replace

    journal.add_session(session(1, 5, 3))
    asked: list[SessionEntry] = []

    def answer(_parent, shown: SessionEntry) -> SessionEntry:
        asked.append(shown)
        return replace(shown, after=Soreness(6))  # the check-out's 3 was a slip for 6

    view = make_view(qtbot, journal, ask_ratings=answer)
    view.ratings_button.click()
    assert "Select a session" in view.status.text() and not asked
    view.sessions.setCurrentRow(0)
    view.ratings_button.click()
    assert "soreness 5 → 6" in view.sessions.item(0).text()
    assert "Undo (Ctrl+Z)" in view.status.text()
    journal.close()
    with Journal.open(journal.folder) as again:
        assert again.sessions()[0].after.level == 6
        view.journal = again
        view.undo_button.click()
        assert "soreness 5 → 3" in view.sessions.item(0).text()
        assert again.sessions()[0].after.level == 3
        assert view.status.text().startswith("Undone: corrected the ratings")


def test_a_changed_note_can_be_undone(qtbot, journal: Journal) -> None:
    journal.add_session(session(1, 5, 3, note="as it was"))
    view = make_view(qtbot, journal, text_dialog=lambda *_: "changed by mistake")
    view.sessions.setCurrentRow(0)
    view.edit_button.click()
    assert journal.sessions()[0].note == "changed by mistake"
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert journal.sessions()[0].note == "as it was"
    assert "as it was" in view.sessions.item(0).text()


def test_undo_puts_back_what_was_changed_not_a_session_saved_since(qtbot, journal: Journal) -> None:
    """A deleted record's number is not given to the next session: Undo finds the one it changed."""
    journal.add_session(session(2, 5, 3, note="older"))
    journal.add_session(session(1, 4, 2, note="as it was"))
    folder = journal.folder
    assert folder is not None
    journal.close()
    with Journal.open(folder) as reopened:  # another day: those sessions are from before
        view = make_view(qtbot, reopened, text_dialog=lambda *_: "changed by mistake")
        view.sessions.setCurrentRow(0)
        view.edit_button.click()  # the newest session's note changed...
        view.sessions.setCurrentRow(0)
        view.delete_button.click()  # ...then that session deleted
        reopened.add_session(session(0, 6, 1, note="today's lesson"))  # a lesson meanwhile
        view.undo_button.click()  # the deletion
        view.undo_button.click()  # the changed note
        assert sorted(s.note for s in reopened.sessions()) == [
            "as it was",
            "older",
            "today's lesson",
        ]
    with Journal.open(folder) as again:
        assert sorted(s.note for s in again.sessions()) == ["as it was", "older", "today's lesson"]


def test_cancelling_a_note_lets_its_draft_go(qtbot, journal: Journal) -> None:
    """Cancel is the learner letting those words go: the next dialog starts empty, on disk too."""
    offered: list[str] = []

    def type_then_cancel(_parent, _title: str, initial: str, keep) -> None:
        offered.append(initial)
        keep("words to let go")
        view.note_editing.keep_draft()  # the half second passed: the draft is on disk
        return None

    view = make_view(qtbot, journal, text_dialog=type_then_cancel)
    view.add_note_button.click()
    folder = journal.folder
    assert folder is not None
    journal.close()
    with Journal.open(folder) as again:
        assert again.drafts.keys() == []
        view.journal = again
        view.add_note_button.click()
        assert offered == ["", ""]


def test_a_dated_note_can_be_changed_and_the_change_undone(qtbot, journal: Journal) -> None:
    from lesson_engine.journal.records import Note

    journal.add_note(Note(TODAY - timedelta(days=3), "Pain started at 4 km"))
    view = make_view(qtbot, journal, text_dialog=lambda *_: "Pain started at 6 km, downhill")
    view.notes.itemActivated.emit(view.notes.item(0))  # Enter on the note
    (note,) = journal.notes()
    assert (note.text, note.day) == ("Pain started at 6 km, downhill", TODAY - timedelta(days=3))
    assert "6 km, downhill" in view.notes.item(0).text()
    assert "Undo (Ctrl+Z)" in view.status.text()
    view.undo_button.click()
    assert [n.text for n in journal.notes()] == ["Pain started at 4 km"]
    view.note_editing.text_dialog = lambda *_: "  Pain started at 5 km  "
    view.notes.itemActivated.emit(view.notes.item(0))
    folder = journal.folder
    assert folder is not None
    journal.close()
    with Journal.open(folder) as again:  # on disk, under its own number and day
        (kept,) = again.notes()
        assert (kept.text, kept.id, kept.day) == ("Pain started at 5 km", note.id, note.day)


@pytest.mark.parametrize("how", ["closed by its window", "cancelled"])
def test_a_note_dialog_closed_by_a_logout_keeps_its_words_and_cancel_lets_them_go(
    qtbot, journal: Journal, how: str
) -> None:
    """Logging out closes every window, the note dialog too: that is no Cancel, the words stay."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    view = make_view(qtbot, journal)  # the real dialog

    def type_then_leave() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(10, type_then_leave)
            return
        dialog.setTextValue("Half a sentence about the hill")  # typed, the half second not up
        dialog.close() if how == "closed by its window" else dialog.reject()

    QTimer.singleShot(0, type_then_leave)
    view.add_note_button.click()
    assert journal.notes() == []
    folder = journal.folder
    assert folder is not None
    journal.close()
    with Journal.open(folder) as again:
        kept = again.drafts.get("note:new")
        assert kept == ("Half a sentence about the hill" if how == "closed by its window" else "")
