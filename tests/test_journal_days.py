"""The learner's calendar day, everywhere: checks, chart, exports, results, in any time zone.

The journal stores moments in UTC, but a runner in Kiritimati (UTC+14) or on Baker Island
(UTC−12) lives by their own day. Each row is a moment at one end of the learner's day, where the
UTC date differs from theirs: a note for their today must be accepted, one for their tomorrow
refused, and a session at that moment must appear on their day in every summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from lesson_engine.catalogue.personal import daily_soreness
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import ExerciseLog, Note, SessionEntry, Soreness
from lesson_engine.journal.trend import sessions_per_week, soreness_series
from lesson_engine.journal.validation import JournalInputError

ROWS = [
    # zone, the moment in UTC, the learner's date at that moment
    ("Pacific/Kiritimati", datetime(2026, 11, 20, 10, 1, tzinfo=UTC), date(2026, 11, 21)),
    ("Pacific/Kiritimati", datetime(2026, 11, 20, 9, 59, tzinfo=UTC), date(2026, 11, 20)),
    ("Etc/GMT+12", datetime(2026, 11, 20, 11, 59, tzinfo=UTC), date(2026, 11, 19)),
    ("Etc/GMT+12", datetime(2026, 11, 20, 12, 1, tzinfo=UTC), date(2026, 11, 20)),
]


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Switch this process's time zone, as the learner's computer would be set."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


def session_at(moment: datetime) -> SessionEntry:
    return SessionEntry(
        lesson_id="weight-shift-1",
        lesson_title="Weight shift 1",
        started_at=moment - timedelta(minutes=1),
        ended_at=moment,
        completed=True,
        completed_fraction=1.0,
        before=Soreness(4),
        after=Soreness(2),
    )


@pytest.mark.parametrize(("name", "now", "today"), ROWS)
def test_the_learners_today_is_accepted_and_their_tomorrow_refused(
    tmp_path: Path, zone, name: str, now: datetime, today: date
) -> None:
    zone(name)
    with Journal.open(tmp_path / "journal", now=lambda: now, known_exercises={"clamshell"}) as j:
        j.add_note(Note(today, "knee quiet on the stairs"))
        j.add_exercise_log(ExerciseLog("clamshell", today, 2, reps=10))
        tomorrow = today + timedelta(days=1)
        with pytest.raises(JournalInputError, match=f"the date {tomorrow} is in the future"):
            j.add_note(Note(tomorrow, "not yet"))
        with pytest.raises(JournalInputError, match="in the future"):
            j.add_exercise_log(ExerciseLog("clamshell", tomorrow, 2, reps=10))
        assert [n.day for n in j.notes()] == [today]


@pytest.mark.parametrize(("name", "now", "today"), ROWS)
def test_a_session_is_on_the_learners_day_in_the_chart_exports_and_results(
    tmp_path: Path, zone, name: str, now: datetime, today: date
) -> None:
    zone(name)
    with Journal.open(tmp_path / "journal", now=lambda: now) as journal:
        journal.add_session(session_at(now))
        (stored,) = journal.sessions()
        assert stored.day == today
        assert [p.day for p in soreness_series(journal.sessions())] == [today]
        assert sessions_per_week([s.day for s in journal.sessions()], 1, today)[0][1] == 1
        assert daily_soreness(journal.sessions(), []) == {today: 2}
        journal.export_csv(tmp_path / "journal.csv")
        journal.export_markdown(tmp_path / "journal.md")
    assert f"session,{today.isoformat()}," in (tmp_path / "journal.csv").read_text()
    markdown = (tmp_path / "journal.md").read_text()
    assert f"| {today:%d %b %Y} | Weight shift 1 |" in markdown
    assert f"Exported {today:%d %B %Y}" in markdown


def test_a_session_stays_on_the_day_it_happened_after_the_learner_flies_home(
    tmp_path: Path, zone
) -> None:
    """Saturday 07:00 in Auckland is Friday 18:00 in London: read again in London, the session
    is still Saturday's, in the journal, its chart and its export."""
    from zoneinfo import ZoneInfo

    saturday_morning = datetime(2026, 11, 21, 7, 0, tzinfo=ZoneInfo("Pacific/Auckland"))
    zone("Pacific/Auckland")
    with Journal.open(tmp_path / "journal", now=lambda: saturday_morning) as journal:
        journal.add_session(session_at(saturday_morning))
    zone("Europe/London")
    with Journal.open(tmp_path / "journal") as journal:
        (stored,) = journal.sessions()
        assert stored.day == date(2026, 11, 21)
        assert [p.day for p in soreness_series(journal.sessions())] == [date(2026, 11, 21)]
        journal.export_csv(tmp_path / "journal.csv")
    assert "session,2026-11-21," in (tmp_path / "journal.csv").read_text()


def test_the_app_records_a_session_with_the_learners_own_offset(
    qtbot, tmp_path: Path, zone, lessons: Path
) -> None:
    """What keeps the day above: the app's own clock (not a test's) stamps where the learner is."""
    from PySide6.QtCore import QSettings

    from lesson_engine.playback.clock import ManualClock
    from tests.test_ui_lesson_flow import current, open_app

    zone("Pacific/Auckland")  # UTC+13 in November (daylight saving)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    with Journal.open(tmp_path / "journal") as journal:
        app = open_app(qtbot, settings, journal, lessons, ManualClock())
        app.flow.start("weight-shift-1")
        current(app).rate(4)
        current(app).go.click()
        app.flow.view.stop_confirmed.emit()
        current(app).go.click()
        (stored,) = journal.sessions()
    assert stored.started_at.utcoffset() == timedelta(hours=13)


@pytest.mark.parametrize(
    ("name", "moment", "year"),
    [
        ("Etc/GMT+12", "0001-01-01T00:10:00+00:00", 1),
        ("Pacific/Kiritimati", "9999-12-31T23:10:00+00:00", 9999),
    ],
)
def test_a_session_at_the_calendars_edge_does_not_stop_the_journal_page(
    qtbot, zone, tmp_path: Path, name: str, moment: str, year: int
) -> None:
    """A year file edited by hand to the first or last hour there is: no day this zone can name."""
    import json

    from ui.desktop.journal.view import JournalView

    zone(name)
    folder = tmp_path / "journal"
    with Journal.open(folder) as journal:
        journal.add_session(session_at(datetime(2026, 11, 20, 10, tzinfo=UTC)))
    edge = {"lesson_id": "weight-shift-1", "started_at": moment, "ended_at": moment}
    (folder / f"{year:04d}.json").write_text(json.dumps({"sessions": {"1": edge}}))
    with Journal.open(folder) as journal:
        view = JournalView(journal)
        qtbot.addWidget(view)
        view.refresh()
        assert view.sessions.count() == 2
        journal.export_csv(tmp_path / "out.csv")
        journal.export_markdown(tmp_path / "out.md")
        assert "Weight shift 1" in (tmp_path / "out.csv").read_text()
