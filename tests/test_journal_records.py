"""The journal keeps each kind of record, validates input at the door, and exports it."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.lock import JournalLocked
from lesson_engine.journal.migrations import JournalTooNew, migrate
from lesson_engine.journal.records import ExerciseLog, Note, Soreness
from lesson_engine.journal.trend import soreness_series
from lesson_engine.journal.validation import JournalInputError
from tests.journal_fixtures import NOW, clock, day, session


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "journal"


def test_sessions_survive_closing_and_reopening(folder: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        saved = journal.add_session(session(1, note="stairs felt easier"))
        assert saved.id
    with Journal.open(folder, now=clock()) as journal:
        (again,) = journal.sessions()
    assert again == saved
    assert again.after == Soreness(3, ("outside-knee",), "right")


def test_exercise_logs_and_notes_are_kept(folder: Path) -> None:
    with Journal.open(folder, now=clock(), known_exercises={"clamshell"}) as journal:
        journal.add_exercise_log(
            ExerciseLog("clamshell", day(0), sets=3, reps=15, load="green band", soreness=2)
        )
        journal.add_note(Note(day(2), "Pain started at 7 km today."))
    with Journal.open(folder, now=clock()) as journal:
        (log,) = journal.exercise_logs()
        (note,) = journal.notes()
    assert (log.exercise_id, log.sets, log.reps, log.load) == ("clamshell", 3, 15, "green band")
    assert (note.day, note.text) == (day(2), "Pain started at 7 km today.")


def test_records_from_different_years_are_all_read(folder: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(400))
        journal.add_session(session(1))
    assert sorted(p.name for p in folder.glob("20??.json")) == ["2025.json", "2026.json"]
    with Journal.open(folder, now=clock()) as journal:
        assert [s.started_at.year for s in journal.sessions()] == [2025, 2026]


def test_session_note_can_be_edited(folder: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        saved = journal.add_session(session(1, note="first"))
        journal.update_session_note(saved.id, "first, and the hip felt freer")
        assert journal.sessions()[0].note == "first, and the hip felt freer"
        with pytest.raises(JournalInputError, match="no session"):
            journal.update_session_note("2026-99", "x")


def test_the_soreness_trend_has_one_point_a_day_oldest_first(folder: Path) -> None:
    from dataclasses import replace
    from datetime import timedelta

    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(1, 4, 2))
        journal.add_session(session(5, 6, None))
        journal.add_session(session(3, None, None))
        morning = session(2, 5, 4)
        journal.add_session(morning)
        evening = morning.started_at + timedelta(hours=3)
        journal.add_session(
            replace(
                morning,
                started_at=evening,
                ended_at=evening,
                before=morning.after,
                after=Soreness(1),
            )
        )
        series = soreness_series(journal.sessions())
    assert [(p.day, p.before, p.after) for p in series] == [
        (day(5), 6, None),
        (day(3), None, None),
        (day(2), 5, 1),  # two sessions: how the day began (5) and how it ended (1)
        (day(1), 4, 2),
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda j: j.add_session(session(before=11)),
            "soreness before must be from 0 to 10, not 11",
        ),
        (lambda j: j.add_session(session(after=-1)), "soreness after must be from 0 to 10, not -1"),
        (lambda j: j.add_session(session(days_ago=-3)), "is in the future"),
        (lambda j: j.add_session(session(note="x" * 5_001)), "keep it under 5000"),
        (lambda j: j.add_note(Note(day(-1), "tomorrow")), "is in the future"),
        (lambda j: j.add_note(Note(day(0), "   ")), "the note is empty"),
        (
            lambda j: j.add_exercise_log(ExerciseLog("clamshel", day(0), 3, 15)),
            "unknown exercise 'clamshel'",
        ),
        (
            lambda j: j.add_exercise_log(ExerciseLog("clamshell", day(0), 0, 15)),
            "sets must be from 1 to 20",
        ),
        (
            lambda j: j.add_exercise_log(ExerciseLog("clamshell", day(0), 3)),
            "give the repetitions or the hold time",
        ),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_written(
    folder: Path, make, message: str
) -> None:
    with Journal.open(folder, now=clock(), known_exercises={"clamshell"}) as journal:
        before = {p.name: p.read_bytes() for p in folder.glob("*.json")}
        with pytest.raises(JournalInputError, match=message):
            make(journal)
        assert {p.name: p.read_bytes() for p in folder.glob("*.json")} == before
        assert journal.sessions() == [] and journal.notes() == [] and journal.exercise_logs() == []


def test_a_second_copy_is_told_the_journal_is_in_use(folder: Path) -> None:
    with (
        Journal.open(folder, now=clock()),
        pytest.raises(JournalLocked, match=rf"another copy of Seesaw \(process {os.getpid()}\)"),
    ):
        Journal.open(folder, now=clock())
    Journal.open(folder, now=clock()).close()  # free again once closed


def test_files_are_readable_by_their_owner_only(folder: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(1))
        journal.save_checkpoint({"lesson_id": "weight-shift-1", "position_ms": 1})
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    for path in folder.glob("*.json"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_checkpoint_is_saved_loaded_and_cleared(folder: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        assert journal.load_checkpoint() is None
        journal.save_checkpoint(
            {"lesson_id": "weight-shift-1", "cue_id": "x/1", "position_ms": 1200}
        )
    with Journal.open(folder, now=clock()) as journal:
        saved = journal.load_checkpoint()
        assert (
            saved is not None and saved["cue_id"] == "x/1" and saved["saved_at"] == NOW.isoformat()
        )
        journal.clear_checkpoint()
        assert journal.load_checkpoint() is None


def test_a_newer_journal_is_refused_untouched(folder: Path) -> None:
    folder.mkdir()
    meta = folder / "meta.json"
    meta.write_text('{"_default": {"1": {"schema": 9}}}')
    with pytest.raises(JournalTooNew, match="newer Seesaw"):
        Journal.open(folder, now=clock())
    assert meta.read_text() == '{"_default": {"1": {"schema": 9}}}'


def test_migrations_run_in_order_from_an_older_version() -> None:
    steps = {
        -1: lambda years: {y: {**d, "trail": {"1": {"step": 1}}} for y, d in years.items()},
        0: lambda years: {
            y: {**d, "trail": {**d["trail"], "2": {"step": 2}}} for y, d in years.items()
        },
    }
    migrated = migrate(-1, {2026: {"sessions": {}}}, steps)
    assert migrated[2026]["trail"] == {"1": {"step": 1}, "2": {"step": 2}}
    with pytest.raises(RuntimeError, match="no migration from journal schema -2"):
        migrate(-2, {}, steps)


def test_csv_has_a_row_per_session_and_per_exercise_log(folder: Path, tmp_path: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(2, 5, 3, note="felt, then eased"))
        journal.add_exercise_log(ExerciseLog("clamshell", day(1), 3, 15, soreness=2, side="left"))
        out = tmp_path / "out.csv"
        journal.export_csv(out)
    rows = out.read_text().splitlines()
    assert rows[0].startswith(
        "kind,date,what,heard,finished,skipped sections,soreness before,soreness after,where"
    )
    assert (
        rows[1]
        == 'session,2026-11-18,Weight shift 1,100%,yes,,5,3,outside knee (right),1,1.0,,,,,"felt, then eased"'
    )
    assert rows[2] == "exercise,2026-11-19,clamshell,,,,,2,left,,,3,15,,,"


def test_markdown_report_for_a_physiotherapist(folder: Path, tmp_path: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(8, 6, 5))
        journal.add_session(session(1, 3, 2, note="hip felt freer"))
        journal.add_note(Note(day(3), "Pain started at 7 km."))
        out = tmp_path / "report.md"
        journal.export_markdown(out)
    text = out.read_text()
    assert "- 2 sessions from 12 Nov 2026 to 19 Nov 2026; 2 finished." in text
    assert "| 09 Nov 2026 | 1 |" in text and "| 16 Nov 2026 | 1 |" in text
    assert (
        "| 19 Nov 2026 | Weight shift 1 | 3 | 2 | outside knee (right) | hip felt freer |" in text
    )
    assert "- **17 Nov 2026**: Pain started at 7 km." in text


def test_write_time_is_recorded_from_the_injected_clock(folder: Path) -> None:
    later = NOW + timedelta(days=1)
    with Journal.open(folder, now=clock(later)) as journal:
        journal.add_session(session(-1))  # tomorrow for NOW, today for the journal's clock
        assert len(journal.sessions()) == 1


def test_a_report_of_one_session_says_one_session(folder: Path, tmp_path: Path) -> None:
    with Journal.open(folder, now=clock()) as journal:
        journal.add_session(session(8, 6, 5))
        out = tmp_path / "report.md"
        journal.export_markdown(out)
    assert "- 1 session from 12 Nov 2026 to 12 Nov 2026; 1 finished." in out.read_text()


def test_a_corrected_rating_is_stored_and_undo_puts_the_record_back_exactly(folder: Path) -> None:
    from dataclasses import replace

    with Journal.open(folder, now=clock()) as journal:
        saved = journal.add_session(session(1, before=5, after=3, note="knee fine"))
        earlier = journal.correct_session(replace(saved, after=replace(saved.after, level=7)))
        assert [(s.before.level, s.after.level) for s in journal.sessions()] == [(5, 7)]
        noted = journal.update_session_note(saved.id, "it was a 7, not a 3")
    with Journal.open(folder, now=clock()) as journal:  # durable, both changes
        (stored,) = journal.sessions()
        assert (stored.after.level, stored.note) == (7, "it was a 7, not a 3")
        assert stored.after.places == ("outside-knee",)  # where it hurt is kept
        journal.undo(noted)  # newest first, as the Journal page's Undo does
        assert journal.sessions()[0].note == "knee fine"
        journal.undo(earlier)
        assert journal.sessions()[0] == saved
    with Journal.open(folder, now=clock()) as journal:
        assert journal.sessions()[0] == saved
        with pytest.raises(JournalInputError, match="soreness after"):
            journal.correct_session(replace(saved, after=Soreness(11)))
        assert journal.sessions()[0] == saved


def test_undoing_a_correction_of_a_record_deleted_since_brings_it_back(folder: Path) -> None:
    from dataclasses import replace

    with Journal.open(folder, now=clock()) as journal:
        saved = journal.add_session(session(1))
        earlier = journal.correct_session(replace(saved, before=Soreness(9)))
        journal.remove("sessions", saved.id)
        journal.undo(earlier)
        assert journal.sessions() == [saved]


def test_a_number_deleted_while_open_is_not_given_to_a_new_run(tmp_path: Path) -> None:
    """The programme's records are numbered as sessions are: Undo finds the run it changed."""
    from dataclasses import replace
    from datetime import UTC, date, datetime

    from lesson_engine.journal.kinds import RUNS
    from lesson_engine.journal.records import RunLog

    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    with Journal.open(tmp_path, now=lambda: now) as journal:
        journal.add(RUNS, RunLog(date(2026, 11, 18), 20, 3.0))
        journal.add(RUNS, RunLog(date(2026, 11, 19), 25, 4.0))
    with Journal.open(tmp_path, now=lambda: now) as journal:  # another day
        newest = journal.records(RUNS)[-1]
        corrected = journal.correct(RUNS, replace(newest, distance_km=4.5))
        deleted = journal.remove(RUNS.table, newest.id)
        today = journal.add(RUNS, RunLog(date(2026, 11, 20), 30, 5.0))
        assert today.id != newest.id
        journal.undo(deleted)
        journal.undo(corrected)
        assert sorted(r.distance_km for r in journal.records(RUNS)) == [3.0, 4.0, 5.0]
