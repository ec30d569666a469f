"""Runs, cross-training and the programme's other records in the real journal on disk, and the
command line that writes and reads them (`seesaw log`, `seesaw plan`, `seesaw today`)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, CROSS, RUNS
from lesson_engine.journal.records import CrossLog, ProgrammeChoice, RunLog
from lesson_engine.journal.validation import JournalInputError
from lesson_engine.paths import journal_folder
from ui.cli.commands import main

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_a_run_survives_a_restart_and_can_be_corrected_and_undone(tmp_path: Path) -> None:
    with Journal.open(tmp_path, now=lambda: NOW) as journal:
        added = journal.add(
            RUNS, RunLog(date(2026, 11, 19), 20.5, 3.2, ("flat",), 1, None, None, 1)
        )
        journal.add(CROSS, CrossLog(date(2026, 11, 18), "swimming", 30))
    with Journal.open(tmp_path, now=lambda: NOW) as journal:
        (run,) = journal.records(RUNS)
        assert run == added and run.distance_km == 3.2 and run.routes == ("flat",)
        old = journal.correct(RUNS, replace(run, pain_next_morning=2))
        assert journal.records(RUNS)[0].pain_next_morning == 2
        journal.undo(old)
    with Journal.open(tmp_path, now=lambda: NOW) as journal:
        assert journal.records(RUNS)[0].pain_next_morning is None
        assert [c.kind for c in journal.records(CROSS)] == ["swimming"]


@pytest.mark.parametrize(
    ("run", "message"),
    [
        (RunLog(date(2026, 11, 21), 20), "the date 2026-11-21 is in the future"),
        (RunLog(date(2026, 11, 19), 0), "a run lasts more than 0 and at most 600 minutes"),
        (RunLog(date(2026, 11, 19), 20, routes=("uphill",)), "unknown route 'uphill'"),
        (
            RunLog(date(2026, 11, 19), 20, pain_during=11),
            "pain during the run must be from 0 to 10",
        ),
        (RunLog(date(2026, 11, 19), 20, pain_started_min=25), "pain can only start during the run"),
    ],
)
def test_a_run_the_journal_refuses_says_why_and_writes_nothing(
    tmp_path: Path, run: RunLog, message: str
) -> None:
    with Journal.open(tmp_path, now=lambda: NOW) as journal:
        with pytest.raises(JournalInputError, match=message):
            journal.add(RUNS, run)
        assert journal.records(RUNS) == []


def test_a_damaged_run_on_disk_is_set_aside_and_the_others_load(tmp_path: Path) -> None:
    with Journal.open(tmp_path, now=lambda: NOW) as journal:
        journal.add(RUNS, RunLog(date(2026, 11, 19), 20))
        journal.add(RUNS, RunLog(date(2026, 11, 18), 25))
    year = tmp_path / "2026.json"
    data = json.loads(year.read_text())
    data["runs"]["1"]["minutes"] = "twenty"
    year.write_text(json.dumps(data))
    with Journal.open(tmp_path, now=lambda: NOW) as journal:
        assert [r.minutes for r in journal.records(RUNS)] == [25]
        assert (
            "a run in 2026.json ('minutes' is not a number: 'twenty')" in journal.report.messages[0]
        )
    assert "twenty" in (tmp_path / "set-aside.json").read_text()


def test_the_command_line_logs_runs_and_answers_as_the_rules_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", "--choose", "strength-first", "--date", "2026-11-02"]) == 0
    assert "Following Strength first from 'Settle the knee'." in capsys.readouterr().out
    assert (
        main(["log", "run", "12", "--km", "2", "--pain-during", "1", "--date", "2026-11-03"]) == 0
    )
    assert main(["log", "run", "12", "--miles", "1", "--pain-during", "12"]) == 2
    assert "pain during the run must be from 0 to 10, not 12" in capsys.readouterr().err
    assert main(["log", "morning", "1"]) == 0
    assert main(["today", "--date", "2026-11-05"]) == 0
    out = capsys.readouterr().out
    assert "Strength first, week 1: Settle the knee" in out
    assert "Strength: set-side-lying-hip-abduction, set-clamshell, set-single-leg-bridge" in out
    report = journal_folder().parent / "report.md"
    assert main(["plan", "--report", str(report), "--date", "2026-11-05"]) == 0
    assert "| Tue 03 Nov | 12 | 2.0 | – | 1 | no | – | 1 |" in report.read_text()
    with Journal.open(journal_folder()) as journal:
        (run,) = journal.records(RUNS)
        assert (run.distance_km, run.pain_next_morning) == (2.0, 1)
        assert journal.records(CHOICES) == [
            ProgrammeChoice(date(2026, 11, 2), "strength-first", 0, None, "2026-1")
        ]


def test_check_reads_programmes_beside_lessons_and_points_at_a_missing_lesson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    (tmp_path / "mine.programme").write_text(
        "id: mine\ntitle: Mine\n---\n# One\nlesson 2 a week: weight-shift-1, my-lesson (S1)\n",
        encoding="utf-8",
    )
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'mine.programme'}:5:34: error: no lesson 'my-lesson'" in out
    (tmp_path / "my-lesson.lesson").write_text("id: my-lesson\ntitle: Mine\n---\nHello.\n")
    assert main(["check", str(tmp_path)]) == 0
    assert "2 files checked: 0 error(s), 0 warning(s)" in capsys.readouterr().out
    assert main(["check", str(repo / "lessons")]) == 0
