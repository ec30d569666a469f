"""Today, lived through three weeks in the real window: the clock is moved a day at a time, runs
are logged through the run form, the morning question and the weekly red-flag question are
answered on the page, and each day's offer is checked against what the rules say."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import CHOICES, RED_FLAG_CHECKS, RUNS
from lesson_engine.paths import bundled_lessons_dir, catalogue_dir
from lesson_engine.programme.words import today_lines
from ui.desktop.app import SeesawApp, build
from ui.desktop.ports import SilentAudio
from ui.desktop.today.cards import MorningQuestion
from ui.desktop.today.run_dialog import RUN_DRAFT, RunDialog
from ui.desktop.today.view import TodayView

MONDAY = date(2026, 11, 2)


@dataclass
class Calendar:
    day: date = MONDAY

    def now(self) -> datetime:
        return datetime(self.day.year, self.day.month, self.day.day, 18, tzinfo=UTC)


@dataclass
class RunForm:
    """What the runner types into the run form the next time it opens."""

    pain_during: int = 0
    pain_after: int = 0
    started_min: float = 0
    minutes: float | None = None
    opened: int = 0
    last: RunDialog | None = None

    def answer(self, dialog: object) -> bool:
        assert isinstance(dialog, RunDialog)
        self.opened += 1
        self.last = dialog
        dialog.pain_during.setValue(self.pain_during)
        dialog.pain_after.setValue(self.pain_after)
        dialog.started.setValue(self.started_min)
        if self.minutes is not None:
            dialog.minutes.setValue(self.minutes)
        dialog.routes["flat"].setChecked(True)
        dialog.buttons.accepted.emit()
        return dialog.result() == RunDialog.DialogCode.Accepted


@pytest.fixture
def world(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    calendar = Calendar()
    form = RunForm()
    exercises = load_catalogue(catalogue_dir()).exercise_ids
    journal = Journal.open(tmp_path / "journal", now=calendar.now, known_exercises=exercises)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("voice/name", "captions")  # no synthesis: the track is bells and timing
    app = build(
        journal=journal,
        audio=SilentAudio(),
        settings=settings,
        folders=[("Seesaw", bundled_lessons_dir())],
        today_is=lambda: calendar.day,
        open_dialog=form.answer,
        ask_move_day=lambda _parent, days: days[0],  # the first day offered
        ask_run_path=lambda _parent, proposed: str(tmp_path / proposed.replace(".ogg", ".wav")),
    )
    qtbot.addWidget(app.window)
    yield app, calendar, form, journal
    journal.close()


def page(app: SeesawApp) -> TodayView:
    return app.today_view


def rate_morning(view: TodayView, pain: int) -> None:
    (question,) = view.findChildren(MorningQuestion)
    question.rating.setValue(pain)
    view.buttons()["Save the morning's pain"].click()


def next_day(app: SeesawApp, calendar: Calendar) -> TodayView:
    calendar.day += timedelta(days=1)
    app.today_view.refresh()
    return app.today_view


def test_today_is_the_first_page_and_offers_the_programmes_until_one_is_chosen(world) -> None:  # type: ignore[no-untyped-def]
    app, _, _, journal = world
    assert app.window.pages.currentWidget() is app.today_view
    buttons = page(app).buttons()
    assert {"Follow Strength first"} <= set(buttons)
    buttons["Follow Strength first"].click()
    assert journal.records(CHOICES)[0].programme_id == "strength-first"
    assert page(app).labels("phase") == ["Strength first, week 1: Settle the knee"]
    assert page(app).labels("item-lesson") == [  # Monday: the week's one lesson, by its title
        "Movement lesson: Self-check — the single-leg squat in the mirror"
    ]
    assert page(app).buttons()["Start"].isEnabled()


def test_three_weeks_of_runs_step_up_hold_step_back_and_welcome_back(world) -> None:  # type: ignore[no-untyped-def]
    app, calendar, form, journal = world
    view = page(app)
    (combo,) = [
        c
        for c in view.findChildren(QComboBox)
        if c.accessibleName() == "Start Strength first at phase"
    ]
    combo.setCurrentIndex(1)  # straight to Run-walk
    view.buttons()["Follow Strength first"].click()
    view = page(app)
    assert view.labels("phase") == ["Strength first, week 1: Run-walk"]
    assert view.labels("item-run") == [
        "Run: stage 1: run 1 min, walk 2 min, 5 times (15 min in all)"
    ]
    view.buttons()["None of these signs"].click()
    assert journal.records(RED_FLAG_CHECKS)[0].flags == ()
    assert "None of these signs" not in page(app).buttons()  # asked once a week, not again
    page(app).buttons()["Log the run…"].click()  # Monday, easy
    assert form.opened == 1 and journal.records(RUNS)[0].routes == ("flat",)
    assert not journal.drafts.get(RUN_DRAFT)  # saved: the draft went with it
    assert page(app).labels("item-run") == [
        "Run: stage 1: run 1 min, walk 2 min, 5 times (15 min in all)"
    ]  # done: shown with its mark, no buttons
    assert "Log the run…" not in page(app).buttons()

    view = next_day(app, calendar)  # Tuesday: the morning question, no run planned
    assert view.labels("item-run") == []
    assert not view.buttons()["Save the morning's pain"].isEnabled()  # not rated yet
    rate_morning(view, 0)
    assert journal.records(RUNS)[0].pain_next_morning == 0
    assert "Save the morning's pain" not in page(app).buttons()

    view = next_day(app, calendar)  # Wednesday: the second easy run
    view.buttons()["Log the run…"].click()
    view = next_day(app, calendar)  # Thursday: once its morning is known, it steps up
    assert "Stepping up" not in " ".join(view.labels("news"))
    rate_morning(view, 1)
    assert "Stepping up to stage 2 (run 2 min, walk 2 min, 5 times (20 min in all))" in " ".join(
        page(app).labels("news")
    )

    next_day(app, calendar)
    view = next_day(app, calendar)  # Saturday: stage 2, and it hurts at 4
    assert view.labels("item-run") == [
        "Run: stage 2: run 2 min, walk 2 min, 5 times (20 min in all)"
    ]
    (why,) = view.labels("why-run")  # the run says why it is this one
    assert why.startswith("Stepping up to stage 2")
    form.pain_during = form.pain_after = 4
    view.buttons()["Log the run…"].click()
    assert "Holding at stage 2" in " ".join(page(app).labels("news"))

    next_day(app, calendar)
    view = next_day(app, calendar)  # Monday of week 2: pain 7
    assert view.labels("phase") == ["Strength first, week 2: Run-walk"]
    form.pain_during, form.pain_after = 7, 6
    view.buttons()["Log the run…"].click()
    assert "Stepping back to stage 1: Monday 9 November's run hurt at 7 of 10" in " ".join(
        page(app).labels("news")
    )

    for _ in range(9):  # nine days away
        view = next_day(app, calendar)
    assert view.labels("welcome-back")
    assert view.shown is not None
    assert "Welcome back" in "\n".join(today_lines(view.shown))
    assert view.labels("phase") == ["Strength first, week 3: Run-walk"]
    assert view.labels("item-run") == [  # Wednesday 18th: stage 1 again, already the lowest
        "Run: stage 1: run 1 min, walk 2 min, 5 times (15 min in all)"
    ]


def test_a_run_the_journal_refuses_keeps_the_form_open_its_words_kept(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    app, _, form, journal = world
    page(app).buttons()["Follow Strength first"].click()
    form.minutes, form.started_min = 20, 99  # pain "started" after the run ended
    page(app).buttons()["Log a run…"].click()
    assert form.last is not None
    assert journal.records(RUNS) == []
    assert form.last.problem.text().startswith("Pain can only start during the run")
    qtbot.waitUntil(lambda: bool(journal.drafts.get(RUN_DRAFT)))
    again = RunDialog(None, journal.drafts, lambda _r, _answered: None, MONDAY)
    qtbot.addWidget(again)
    assert again.started.value() == 99 and again.routes["flat"].isChecked()


def test_todays_run_can_be_taken_along_as_an_audio_file(qtbot, world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app, _, _, _ = world
    view = page(app)
    (combo,) = [
        c
        for c in view.findChildren(QComboBox)
        if c.accessibleName() == "Start Strength first at phase"
    ]
    combo.setCurrentIndex(1)
    view.buttons()["Follow Strength first"].click()
    export = app.run_export
    assert export is not None
    with qtbot.waitSignal(export.finished, timeout=60_000) as told:
        page(app).buttons()["Take it with you…"].click()
    out = tmp_path / "todays-run.wav"
    assert told.args[0].startswith(f"Today's run is in {out} (25 min).")
    with wave.open(str(out)) as track:  # warm-up 5 + stage 15 + cool-down 5 minutes
        assert round(track.getnframes() / track.getframerate()) == 25 * 60


def test_the_report_for_a_clinician_is_written_as_pdf_or_markdown(
    qtbot, world, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app, _, form, _ = world
    page(app).buttons()["Follow Strength first"].click()
    form.minutes, form.pain_during, form.started_min = 12, 3, 8
    page(app).buttons()["Log a run…"].click()
    told: list[str] = []
    page(app).problem.connect(told.append)
    for name in ("report.pdf", "report.md"):
        page(app)._ask_report = lambda _parent, _proposed, n=name: str(tmp_path / n)
        page(app).buttons()["Report for a clinician…"].click()
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    text = (tmp_path / "report.md").read_text()
    assert "| Mon 02 Nov | 12 | – | flat | 3 | 8 min | 0 | – |" in text
    assert "**Phase now:** Settle the knee" in text
    assert told == [
        f"The report for your clinician is in {tmp_path / 'report.pdf'}.",
        f"The report for your clinician is in {tmp_path / 'report.md'}.",
    ]


def test_the_exercises_comparison_leads_to_the_choice_of_programme(world) -> None:  # type: ignore[no-untyped-def]
    app, _, _, journal = world
    page(app).buttons()["Follow Strength first"].click()
    assert "Follow Strength first" not in page(app).buttons()
    app.window.show_page("exercises")
    assert app.exercises_view is not None
    app.exercises_view.programme_button.click()
    assert app.window.pages.currentWidget() is app.today_view
    assert "Follow Strength first" in page(app).buttons()
    page(app).buttons()["Keep the programme I have"].click()
    assert page(app).labels("phase") == ["Strength first, week 1: Settle the knee"]
    assert len(journal.records(CHOICES)) == 1


def test_the_run_form_is_kept_while_typing_and_when_its_window_is_closed(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    drafts = Drafts(tmp_path)
    dialog = RunDialog(None, drafts, lambda _r, answered: answered("refused"), MONDAY)
    qtbot.addWidget(dialog)
    started: list[int] = []
    real_start = dialog._timer.start
    dialog._timer.start = lambda: (started.append(1), real_start())  # type: ignore[method-assign]
    for typed in ("calf", "calf tight", "calf tight at 3 km"):
        dialog.note.setText(typed)
    assert started == [1]  # steady typing does not push the draft further away
    dialog.reject()  # the window closed (Esc, the X, logging out) within the half second
    assert "calf tight at 3 km" in Drafts(tmp_path).get(RUN_DRAFT)
    again = RunDialog(None, Drafts(tmp_path), lambda _r, _answered: None, MONDAY)
    qtbot.addWidget(again)
    assert again.note.text() == "calf tight at 3 km"
    again.buttons.rejected.emit()  # Cancel: the learner lets the words go
    assert Drafts(tmp_path).get(RUN_DRAFT) == ""


def test_the_command_line_says_what_the_page_shows(qtbot, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from lesson_engine.journal.records import ProgrammeChoice, RunLog
    from lesson_engine.paths import journal_folder
    from ui.cli.commands import main

    day = date(2026, 11, 4)  # a Wednesday: a run, after Monday's
    with Journal.open(journal_folder(), now=Calendar(day).now) as journal:
        journal.add(CHOICES, ProgrammeChoice(MONDAY, "strength-first", 1))
        journal.add(RUNS, RunLog(MONDAY, 15, pain_during=1, pain_after=1))
    assert main(["today", "--date", day.isoformat()]) == 0
    printed = capsys.readouterr().out
    journal = Journal.open(journal_folder(), now=Calendar(day).now)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        app = build(
            journal=journal,
            audio=SilentAudio(),
            settings=settings,
            folders=[("Seesaw", bundled_lessons_dir())],
            today_is=lambda: day,
        )
        qtbot.addWidget(app.window)
        shown = page(app)
        lines = [*shown.labels("phase"), *shown.labels("item-run"), *shown.labels("news")]
        assert lines[:2] == [
            "Strength first, week 1: Run-walk",
            "Run: stage 1: run 1 min, walk 2 min, 5 times (15 min in all)",
        ]
        for line in lines:
            assert line.split(": ", 1)[-1] in printed
        assert "How was the knee the morning after your run on Monday 02 November?" in printed
        assert shown.findChildren(MorningQuestion)
    finally:
        journal.close()


def test_the_streak_is_off_until_the_runner_turns_it_on(world) -> None:  # type: ignore[no-untyped-def]
    app, _, _, _ = world
    page(app).buttons()["Follow Strength first"].click()
    assert page(app).labels("streak") == []
    app.settings_view.programme.streak.setChecked(True)
    page(app).refresh()
    assert page(app).labels("streak") == ["A new week: every session counts."]


def test_each_session_today_says_why_it_is_planned(world) -> None:  # type: ignore[no-untyped-def]
    app, _, _, _ = world
    page(app).buttons()["Follow Strength first"].click()
    assert page(app).labels("why-lesson") == ["1 a week in 'Settle the knee' (S4)."]


def test_a_run_moved_or_skipped_on_the_page_is_shown_so_and_kept(world) -> None:  # type: ignore[no-untyped-def]
    from lesson_engine.journal.kinds import PLAN_CHANGES

    app, calendar, _, journal = world
    view = page(app)
    (combo,) = [
        c
        for c in view.findChildren(QComboBox)
        if c.accessibleName() == "Start Strength first at phase"
    ]
    combo.setCurrentIndex(1)  # Run-walk: Monday's session is a run
    view.buttons()["Follow Strength first"].click()
    page(app).buttons()["Move… (Run)"].click()  # to the first day offered: Tuesday
    assert page(app).labels("item-run") == []
    (change,) = journal.records(PLAN_CHANGES)
    assert (change.action, change.to_day) == ("move", MONDAY + timedelta(days=1))
    view = next_day(app, calendar)  # Tuesday: the run is here, saying where it came from
    assert view.labels("item-run") == [
        "Run: stage 1: run 1 min, walk 2 min, 5 times (15 min in all) (moved from Monday)"
    ]
    assert {"Skip (Run)", "Skip (Strength)", "Skip (Cross-training)"} <= set(view.buttons())
    view.buttons()["Skip (Run)"].click()
    assert page(app).labels("item-run") == []
    assert [c.action for c in journal.records(PLAN_CHANGES)] == ["move", "skip"]
    week = {
        i.slot.day: i.slot.status.value
        for i in page(app).shown.week
        if i.slot.activity.value == "run"
    }
    assert week[MONDAY] == "skipped"
