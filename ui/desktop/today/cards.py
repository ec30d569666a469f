"""The parts of the Today page, each built from the engine's ``Today`` values.

Words come from ``lesson_engine/programme/words.py`` where the command line prints the same, so
``seesaw today`` and this page always say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.journal.records import RED_FLAGS
from lesson_engine.journal.trend import week_start
from lesson_engine.programme.history import History
from lesson_engine.programme.outcomes import Week, onsets
from lesson_engine.programme.today import Item, Today
from lesson_engine.programme.week import Status
from lesson_engine.programme.words import STATUS_WORDS, item_line

if TYPE_CHECKING:
    from ui.desktop.today.outcome_charts import OnsetChart, WeeksChart

MARKS = {
    Status.DONE: "✓",
    Status.TODAY: "●",
    Status.LATER: "○",
    Status.NOT_DONE: "–",
    Status.SKIPPED: "⤼",
    Status.PAUSED: "‖",
}


def card(*, role: str = "card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", role)
    box = QVBoxLayout(frame)
    box.setContentsMargins(20, 16, 20, 16)
    box.setSpacing(8)
    return frame, box


def text(words: str, role: str = "", *, name: str = "") -> QLabel:
    label = QLabel(words)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    return label


def button(
    words: str, action: Callable[[], None], *, primary: bool = False, name: str = ""
) -> QPushButton:
    push = QPushButton(words)
    if primary:
        push.setProperty("role", "primary")
    push.setAccessibleName(name or words)
    push.clicked.connect(action)
    return push


class MorningQuestion(QFrame):
    """How the knee was the morning after the last run: asked until answered. While the answer
    is being saved the question is disabled (``answer`` is given the question to disable)."""

    def __init__(self, shown: Today, answer: Callable[[int, QWidget], None]) -> None:
        super().__init__()
        self.setProperty("role", "card")
        run = shown.ask_morning
        assert run is not None
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        ask = text(f"How is the knee this morning, after your run on {run.day:%A}? (0 is no pain)")
        self.rating = QSpinBox()
        self.rating.setRange(-1, 10)
        self.rating.setValue(-1)
        self.rating.setSpecialValueText("rate it")
        self.rating.setAccessibleName("Pain the morning after the run, 0 to 10")
        ask.setBuddy(self.rating)
        save = button(
            "Save", lambda: answer(self.rating.value(), self), name="Save the morning's pain"
        )
        save.setEnabled(False)  # a rating nobody gave is not saved as "no pain"
        self.rating.valueChanged.connect(lambda value: save.setEnabled(value >= 0))
        row.addWidget(ask, 1)
        row.addWidget(self.rating)
        row.addWidget(save)


class RedFlagQuestion(QFrame):
    """Once a week: the signs that do not fit the usual IT band pattern (``answer`` is given
    the question, as the morning's is)."""

    def __init__(self, answer: Callable[[tuple[str, ...], QWidget], None]) -> None:
        super().__init__()
        self.setProperty("role", "card")
        box = QVBoxLayout(self)
        box.setContentsMargins(20, 12, 20, 12)
        box.addWidget(text("Once a week: have you had any of these?"))
        row = QHBoxLayout()
        self.boxes = {flag: QCheckBox(flag.capitalize()) for flag in RED_FLAGS}
        for flag, check in self.boxes.items():
            check.setAccessibleName(f"I have had {flag}")
            row.addWidget(check)
        row.addStretch(1)
        box.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(
            button("None of these", lambda: answer((), self), name="None of these signs")
        )
        buttons.addWidget(
            button(
                "Save what I ticked",
                lambda: answer(tuple(f for f, c in self.boxes.items() if c.isChecked()), self),
            )
        )
        buttons.addStretch(1)
        box.addLayout(buttons)


def item_row(
    item: Item, title_of: Callable[[str], str], actions: list[tuple[str, Callable[[], None]]]
) -> QWidget:
    """One of today's sessions: what it is, its state, and what can be done with it."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 4, 0, 4)
    mark = QLabel(MARKS[item.slot.status])
    mark.setAccessibleName(STATUS_WORDS[item.slot.status])
    mark.setFixedWidth(28)
    line.addWidget(mark)
    shown = item
    if item.lessons:
        titles = ", ".join(title_of(i) for i in item.lessons)
        shown = Item(item.slot, titles, item.lessons, item.run_s)
    said = QWidget()
    column = QVBoxLayout(said)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(text(item_line(shown), name=f"item-{item.slot.activity.value}"))
    if item.why and item.slot.status is Status.TODAY:
        column.addWidget(text(item.why, "muted", name=f"why-{item.slot.activity.value}"))
    line.addWidget(said, 1)
    label = item.slot.activity.label
    for words, action in actions:
        # A screen reader hears which session a Move or Skip is for: each day has several.
        name = f"{words} ({label})" if words in ("Move…", "Skip") else words
        line.addWidget(button(words, action, primary=words.startswith(("Start", "Log")), name=name))
    return row


def week_strip(shown: Today) -> QFrame:
    """Monday to Sunday, each day's sessions with a mark for what became of them."""
    frame, box = card()
    box.addWidget(text("This week", "heading"))
    grid = QGridLayout()
    grid.setHorizontalSpacing(16)
    monday = week_start(shown.day)
    for offset in range(7):
        when = monday + timedelta(days=offset)
        head = text(f"{when:%a} {when.day}", "heading" if when == shown.day else "muted")
        grid.addWidget(head, 0, offset)
        entries = [i for i in shown.week if i.slot.day == when]
        words = (
            "\n".join(f"{MARKS[i.slot.status]} {i.slot.activity.label}" for i in entries) or "rest"
        )
        cell = text(words, "" if entries else "muted")
        cell.setAccessibleName(
            f"{when:%A}: "
            + (
                "; ".join(
                    f"{i.slot.activity.label}, {STATUS_WORDS[i.slot.status]}" for i in entries
                )
                or "rest"
            )
        )
        grid.addWidget(cell, 1, offset, Qt.AlignmentFlag.AlignTop)
    box.addLayout(grid)
    legend = "  ".join(f"{MARKS[s]} {STATUS_WORDS[s]}" for s in Status)
    box.addWidget(text(legend, "muted"))
    return frame


def outcomes_card(
    shown: Today, history: History, found_weeks: list[Week]
) -> tuple[QFrame, OnsetChart, WeeksChart]:
    """How it is going: when the pain starts in a run, and each week against the plan.

    The charts' module (its painting classes) loads here: a learner who has not chosen a
    programme has no outcomes, and is not made to wait for it."""
    from ui.desktop.today.outcome_charts import OnsetChart, WeeksChart

    frame, box = card()
    box.addWidget(text("How it is going", "heading"))
    onset_chart = OnsetChart()
    onset_chart.set_data(onsets(history, shown.standing.choice.day))
    box.addWidget(text("When the pain starts in a run (higher is better)", "muted"))
    box.addWidget(onset_chart)
    weeks_chart = WeeksChart()
    weeks_chart.set_data(found_weeks)
    box.addWidget(
        text("Minutes run each week (bars) against the plan (dashes); sessions done", "muted")
    )
    box.addWidget(weeks_chart)
    return frame, onset_chart, weeks_chart
