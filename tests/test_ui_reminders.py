"""The daily reminder (off by default, once a day, only when something is still to do), starting
at login through the XDG autostart folder, and distances in the learner's unit."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.records import ProgrammeChoice
from lesson_engine.programme.history import History
from lesson_engine.programme.parser import parse_programme_text
from lesson_engine.programme.progress import stand
from lesson_engine.programme.reminder import reminder_due
from lesson_engine.programme.today import Today, today
from ui.desktop.settings.autostart import set_autostart
from ui.desktop.settings.programme_settings import ProgrammeSettings
from ui.desktop.today.reminders import Reminders
from ui.desktop.today.run_dialog import RunDialog

MONDAY = date(2026, 11, 2)
PROGRAMME = parse_programme_text(
    "id: p\ntitle: P\n---\n# One\nrun 3 a week: (S3)\n    run 1m, walk 2m, 5 times (S3)\n"
    "cross 1 a week: 30m swimming (S3)\n"
)


def shown_on(day: date) -> Today:
    choice = ProgrammeChoice(MONDAY, "p", id="2026-1")
    history = History(choices=(choice,))
    return today(stand(PROGRAMME, choice, history, day), history)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_the_reminder_is_due_once_a_day_after_its_time_when_something_is_still_to_do() -> None:
    monday, sunday = shown_on(MONDAY), shown_on(MONDAY + timedelta(days=6))
    assert reminder_due(at(MONDAY, 17), time(18), None, monday) == ""
    assert reminder_due(at(MONDAY, 19), time(18), None, monday) == (
        "Today's plan: run. Whenever suits you; rest days count too."
    )
    assert reminder_due(at(MONDAY, 19), time(18), MONDAY, monday) == ""
    assert reminder_due(at(MONDAY, 19), time(18), None, None) == ""
    assert shown_on(MONDAY + timedelta(days=1)).items  # Tuesday: the swim
    assert reminder_due(at(MONDAY + timedelta(days=6), 19), time(18), None, sunday) == ""


def test_reminders_are_off_until_turned_on_and_come_once_a_day(qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    clock = {"now": at(MONDAY, 19)}
    reminders = Reminders(settings, lambda: shown_on(clock["now"].date()), lambda: clock["now"])
    assert reminders.check() == ""  # off by default
    page = ProgrammeSettings(settings)
    qtbot.addWidget(page)
    assert not page.at.isEnabled()
    page.remind.setChecked(True)
    with qtbot.waitSignal(reminders.shown) as shown:
        assert reminders.check().startswith("Today's plan: run.")
    assert shown.args[0].startswith("Today's plan: run.")
    assert reminders.check() == ""  # once a day, even after a restart:
    again = Reminders(settings, lambda: shown_on(clock["now"].date()), lambda: clock["now"])
    assert again.check() == ""
    clock["now"] += timedelta(days=1)
    assert again.check() == "Today's plan: cross-training. Whenever suits you; rest days count too."


def test_start_at_login_writes_and_removes_the_autostart_entry(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "seesaw.desktop"
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = ProgrammeSettings(settings)
    qtbot.addWidget(page)
    page.remind.setChecked(True)
    page.at_login.setChecked(True)
    text = entry.read_text()
    assert "[Desktop Entry]" in text and "\nExec=" in text and "Name=Seesaw" in text
    assert page.told.text() == f"Seesaw will start when you log in ({entry})."
    page.remind.setChecked(False)  # no reminders: no reason to start at login
    assert not entry.exists() and not page.at_login.isChecked()
    assert set_autostart(False) == "Seesaw will no longer start at login."


def test_distances_in_miles_are_kept_in_kilometres(qtbot, tmp_path: Path) -> None:
    dialog = RunDialog(None, Drafts(None), lambda _r, _answered: None, MONDAY, miles=True)
    qtbot.addWidget(dialog)
    assert dialog.distance.suffix() == " miles"
    dialog.minutes.setValue(20)
    dialog.distance.setValue(2)
    assert dialog.record().distance_km == 3.219


def test_a_beat_for_the_run_taken_along_is_off_until_set(qtbot, tmp_path: Path) -> None:
    from ui.desktop.settings.programme_choices import run_cadence

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = ProgrammeSettings(settings)
    qtbot.addWidget(page)
    assert run_cadence(settings) is None and page.cadence.text() == "no beat"
    page.cadence.setValue(168)
    assert run_cadence(settings) == 168
    page.cadence.setValue(page.cadence.minimum())
    assert run_cadence(settings) is None
