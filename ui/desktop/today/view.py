"""Today: the first page. What to do today and why, this week, and the questions that matter.

Everything shown is worked out again from the journal on each refresh (``programme/progress``):
the page keeps no state of its own apart from which programme cards are open, so a run logged on
the command line, a set logged on the Exercises page or a session undone on the Journal page is
reflected the next time Today is shown. Every write goes to the journal's writer through
``today/saving.py``, which says "saved" only once it is on disk; one the journal refuses is
reported in words and loses nothing (dialogs stay open with their fields, answers stay given).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.journal.journal import Journal
from lesson_engine.journal.kinds import (
    CHOICES,
    CROSS,
    PLAN_CHANGES,
    RED_FLAG_CHECKS,
    RUNS,
    Kind,
)
from lesson_engine.journal.records import PlanChange, ProgrammeChoice, RedFlagCheck
from lesson_engine.programme.describe import day_name
from lesson_engine.programme.history import History, from_journal
from lesson_engine.programme.model import Activity, Programme
from lesson_engine.programme.outcomes import streak, weeks
from lesson_engine.programme.progress import current_choice, stand
from lesson_engine.programme.report import report_markdown
from lesson_engine.programme.run_lesson import todays_run
from lesson_engine.programme.today import Item, Today, today
from lesson_engine.programme.week import Status
from lesson_engine.programme.words import SHOWN_TODAY
from ui.desktop.today.asking import AskDay, OpenDialog, ask_day, ask_report_path, run_dialog
from ui.desktop.today.cards import (
    MorningQuestion,
    RedFlagQuestion,
    button,
    card,
    item_row,
    outcomes_card,
    text,
    week_strip,
)
from ui.desktop.today.chooser import ProgrammeChooser
from ui.desktop.today.saving import Answered, TodaySaving
from ui.desktop.widgets.scroll_page import scrolling_page

__all__ = ["AskDay", "OpenDialog", "TodayView", "ask_day", "run_dialog"]


class TodayView(QWidget):
    start_requested = Signal(str)
    """A lesson or guided set to start (its id)."""
    take_run_requested = Signal(object)
    """Today's run (a ``RunStage``) to write as an audio file."""
    changed = Signal()
    """Something this page wrote is on disk now: the pages that show the journal may redraw."""
    problem = Signal(str)
    """Something to say beyond this page (the report's place), for the banner."""

    def __init__(
        self,
        journal: Journal,
        programmes: Sequence[Programme],
        *,
        guided_sets: dict[str, str],
        title_of: Callable[[str], str],
        today_is: Callable[[], date],
        miles: Callable[[], bool] = lambda: False,
        streak: Callable[[], bool] = lambda: False,
        ask_day: AskDay = ask_day,
        open_dialog: OpenDialog = run_dialog,
        ask_report: Callable[[QWidget, str], str] = ask_report_path,
    ) -> None:
        super().__init__()
        self.journal = journal
        self.programmes = list(programmes)
        self._guided = guided_sets
        self._title_of = title_of
        self._today_is = today_is
        self._miles = miles
        self._streak = streak
        self._ask_day = ask_day
        self._open_dialog = open_dialog
        self._ask_report = ask_report
        self._choosing = False
        self.shown: Today | None = None
        self._scroll = scrolling_page(self)
        self.saving = TodaySaving(lambda: self.journal, self.refresh, self)
        self.saving.changed.connect(self.changed)
        page = self.layout()
        assert isinstance(page, QVBoxLayout)
        page.addWidget(self.saving.status)  # under the scrolling part: a redraw keeps it
        self._column = QVBoxLayout()
        self.refresh()

    # -- what is shown ---------------------------------------------------------------------

    def history(self) -> History:
        return from_journal(self.journal, self._guided)

    def refresh(self) -> None:
        """Build the page again from the journal (the scroll area deletes the old page at once)."""
        holder = QWidget()
        self._column = QVBoxLayout(holder)
        self._column.setContentsMargins(32, 20, 32, 24)
        self._column.setSpacing(14)
        self._fill()
        self._scroll.setWidget(holder)

    def _fill(self) -> None:
        day = self._today_is()
        # Read once a refresh: every part of the page below works from these same records.
        self._history = history = self.history()
        choice = current_choice(history, day)
        programme = self._programme(choice.programme_id) if choice else None
        if choice is None or programme is None or self._choosing:
            self.shown = None
            self._show_chooser(choice.programme_id if choice and programme else None)
            return
        self.shown = today(stand(programme, choice, history, day), history)
        self._weeks = weeks(programme, history, day)  # the chart and the streak share them
        self._show_today(self.shown)

    def _programme(self, programme_id: str) -> Programme | None:
        return next((p for p in self.programmes if p.id == programme_id), None)

    def _show_chooser(self, current: str | None) -> None:
        chooser = ProgrammeChooser(self.programmes, current)
        chooser.chosen.connect(self.choose)
        chooser.cancelled.connect(self._stop_choosing)
        self._column.addWidget(chooser)

    def _stop_choosing(self) -> None:
        self._choosing = False
        self.refresh()

    def show_chooser(self) -> None:
        self._choosing = True
        self.refresh()

    def _show_today(self, shown: Today) -> None:
        s = shown.standing
        head = QHBoxLayout()
        title = text(day_name(shown.day), "title")
        head.addWidget(title, 1)
        head.addWidget(button("Report for a clinician…", self.save_report))
        head.addWidget(button("Change programme…", self.show_chooser))
        header = QWidget()
        header.setLayout(head)
        self._column.addWidget(header)
        self._column.addWidget(
            text(
                f"{s.programme.title}, week {shown.week_number}: {s.phase.title}",
                "heading",
                name="phase",
            )
        )
        if self._streak():
            run = streak(self._weeks, shown.day)
            said = f"{run} week{'s' if run != 1 else ''} in a row with every planned session done"
            self._column.addWidget(
                text(said if run else "A new week: every session counts.", "muted", name="streak")
            )
        if shown.clinician:
            frame, box = card(role="banner")
            box.addWidget(text(shown.clinician, "caution", name="clinician"))
            self._column.addWidget(frame)
        if shown.welcome_back:
            self._column.addWidget(
                text(
                    "Welcome back. Nothing is owed for the days away; today's plan starts from "
                    "where the knee is now.",
                    name="welcome-back",
                )
            )
        if shown.ask_morning is not None:
            self._column.addWidget(MorningQuestion(shown, self.answer_morning))
        if shown.ask_red_flags:
            self._column.addWidget(RedFlagQuestion(self.answer_red_flags))
        self._column.addWidget(self._today_card(shown))
        if shown.news:
            frame, box = card()
            box.addWidget(text("What changed", "heading"))
            for decision in shown.news:
                box.addWidget(text(f"{decision.day:%a %d %b}: {decision.reason}", name="news"))
            self._column.addWidget(frame)
        if shown.still_to_come or shown.advice or shown.over_time:
            frame, box = card()
            if shown.still_to_come:
                box.addWidget(text(f"Before '{s.phase.title}' is done", "heading"))
                still = "; ".join(shown.still_to_come)
                box.addWidget(text(still[:1].upper() + still[1:] + ".", name="still-to-come"))
            if shown.over_time:
                box.addWidget(text(shown.over_time, name="over-time"))
            if shown.advice:
                box.addWidget(text("Keep in mind", "heading"))
                for advice in shown.advice:
                    cited = f" ({', '.join(advice.sources)})" if advice.sources else ""
                    box.addWidget(text(f"• {advice.text}{cited}"))
            self._column.addWidget(frame)
        self._column.addWidget(week_strip(shown))
        self._column.addWidget(self._outcomes(shown))
        note = text(
            "Seesaw is education, not a diagnosis. See a clinician if the pain does not improve "
            "within 4–6 weeks, or for swelling, locking, night pain or pain at rest.",
            "medical",
        )
        self._column.addWidget(note)
        self._column.addStretch(1)

    def _outcomes(self, shown: Today) -> QWidget:
        frame, self.onset_chart, self.weeks_chart = outcomes_card(shown, self._history, self._weeks)
        return frame

    def _today_card(self, shown: Today) -> QWidget:
        frame, box = card()
        box.addWidget(text("Today", "heading"))
        items = [i for i in shown.items if i.slot.status in SHOWN_TODAY]
        for item in items:
            box.addWidget(item_row(item, self._title_of, self._actions(item)))
        if not items:
            box.addWidget(text("A rest day. Rest is part of the plan.", name="rest-day"))
        extra = QHBoxLayout()
        extra.addWidget(button("Log a run…", self.log_run))
        extra.addWidget(button("Log cross-training…", self.log_cross))
        extra.addStretch(1)
        holder = QWidget()
        holder.setLayout(extra)
        box.addWidget(holder)
        return frame

    def _actions(self, item: Item) -> list[tuple[str, Callable[[], None]]]:
        if item.slot.status in (Status.DONE, Status.PAUSED):
            return []
        activity = item.slot.activity
        first: tuple[str, Callable[[], None]]
        if activity is Activity.RUN:
            first = ("Log the run…", self.log_run)
            stage = todays_run(self.shown) if self.shown is not None else None
            if stage is not None:
                take = ("Take it with you…", lambda: self.take_run_requested.emit(stage))
                return [
                    take,
                    first,
                    ("Move…", lambda: self.move_session(item)),
                    ("Skip", lambda: self.skip_session(item)),
                ]
        elif activity is Activity.CROSS:
            first = ("Log it…", self.log_cross)
        else:
            lesson = self._next_not_done_today(item)
            first = ("Start", lambda: self.start_requested.emit(lesson))
        return [
            first,
            ("Move…", lambda: self.move_session(item)),
            ("Skip", lambda: self.skip_session(item)),
        ]

    def _next_not_done_today(self, item: Item) -> str:
        """The first of the session's lessons not heard today (a strength session goes set by set)."""
        done = self._history.lesson_days  # days per lesson, checked one by one
        for lesson in item.lessons:
            if item.slot.day not in done([lesson]):
                return lesson
        return item.lessons[0]

    # -- what the learner does ---------------------------------------------------------------

    def choose(self, programme_id: str, phase: int, usual: int) -> None:
        choice = ProgrammeChoice(self._today_is(), programme_id, phase, usual or None)

        def chosen() -> None:
            self._choosing = False
            self.refresh()

        self.saving.store(
            CHOICES, choice, "Your programme is saved.", busy=self._scroll.widget(), then=chosen
        )

    def answer_morning(self, pain: int, busy: QWidget | None = None) -> None:
        assert self.shown is not None and self.shown.ask_morning is not None
        run = replace(self.shown.ask_morning, pain_next_morning=pain)
        said = f"The morning after {run.day:%A}'s run is saved: pain {pain} of 10."
        self.saving.store(RUNS, run, said, correct=True, busy=busy)

    def answer_red_flags(self, flags: tuple[str, ...], busy: QWidget | None = None) -> None:
        said = "This week's answer about the warning signs is saved."
        self.saving.store(RED_FLAG_CHECKS, RedFlagCheck(self._today_is(), flags), said, busy=busy)

    def log_run(self) -> None:
        from ui.desktop.today.run_dialog import RunDialog  # the log forms load when first opened

        planned = None
        if self.shown is not None and self.shown.standing.planned_run_s():
            planned = (self.shown.standing.planned_run_s() or 0) / 60
        dialog = RunDialog(
            self,
            self.journal.drafts,
            self._logged(RUNS, "Your run"),
            self._today_is(),
            self._miles(),
            planned,
        )
        self._open_dialog(dialog)  # the page is drawn again once the run is on disk

    def log_cross(self) -> None:
        from ui.desktop.today.run_dialog import CrossDialog

        minutes = 30
        if self.shown is not None and (weekly := self.shown.standing.phase.of(Activity.CROSS)):
            minutes = weekly.minutes or 30
        dialog = CrossDialog(
            self,
            self.journal.drafts,
            self._logged(CROSS, "Your cross-training"),
            self._today_is(),
            minutes,
        )
        self._open_dialog(dialog)

    def _logged(self, kind: Kind[Any], what: str) -> Callable[[Any, Answered], None]:
        """What a log form's Save does: store the record, and tell the form how it went."""
        return lambda record, answered: self.saving.store(
            kind, record, f"{what} of {day_name(kind.day(record))} is saved.", answered=answered
        )

    def skip_session(self, item: Item) -> None:
        day = item.slot.moved_from or item.slot.day
        change = PlanChange(day, item.slot.activity.value, "skip")
        said = f"{day:%A}'s {item.slot.activity.label.lower()} is skipped, and that is saved."
        self.saving.store(PLAN_CHANGES, change, said, busy=self._scroll.widget())

    def move_session(self, item: Item) -> None:
        today_ = self._today_is()
        sunday = today_ + timedelta(days=6 - today_.weekday())
        days = [today_ + timedelta(days=n) for n in range((sunday - today_).days + 1)]
        days = [d for d in days if d != item.slot.day] or [today_]
        chosen = self._ask_day(self, days)
        if chosen is None:
            return
        change = PlanChange(
            item.slot.moved_from or item.slot.day, item.slot.activity.value, "move", chosen
        )
        said = f"The {item.slot.activity.label.lower()} is moved to {chosen:%A}, and that is saved."
        self.saving.store(PLAN_CHANGES, change, said, busy=self._scroll.widget())

    def save_report(self) -> None:
        if self.shown is None:
            return
        day = self._today_is()
        path = self._ask_report(self, f"seesaw-report-{day.isoformat()}.pdf")
        if not path:
            return
        from ui.desktop.today.report_file import report_bytes

        text = report_markdown(self.shown, self.history(), day)
        data = report_bytes(text, pdf=path.lower().endswith(".pdf"))
        self.saving.write_file(
            Path(path),
            data,
            lambda: self.problem.emit(f"The report for your clinician is in {path}."),
        )

    def buttons(self) -> dict[str, QPushButton]:
        """Every button on the page by its accessible name (for tests and the accessibility walk)."""
        return {b.accessibleName(): b for b in self.findChildren(QPushButton)}

    def labels(self, name: str) -> list[str]:
        return [
            label.text()
            for label in self.findChildren(QLabel, name, Qt.FindChildOption.FindChildrenRecursively)
        ]
