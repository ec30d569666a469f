"""The exercise comparison: what each source says, side by side, and the runner's own results.

Every mark in the table carries its reason and its source's title (hover, or select the cell), so
no claim is shown without where it comes from. The runner's own numbers sit beside the sources,
plainly labelled as their record rather than evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.catalogue.comparison import disputed, filter_entries, side_by_side
from lesson_engine.catalogue.dose import Dose
from lesson_engine.catalogue.model import Catalogue, Entry, School
from lesson_engine.catalogue.personal import my_results
from lesson_engine.journal.journal import Journal
from ui.desktop.exercises.cards import attribution, entry_card, mark, my_results_text
from ui.desktop.exercises.columns import (
    heading_height,
    keep_rows_fitted,
    size_columns,
    source_heading,
)
from ui.desktop.exercises.comparison_table import show_comparison
from ui.desktop.exercises.log_dialog import AskLog
from ui.desktop.exercises.log_dialog import ask_log as default_ask_log
from ui.desktop.exercises.set_log import SetLog
from ui.desktop.player.view import MEDICAL_NOTE
from ui.desktop.widgets.written import StatusLine

SIDE_PX = (340, 460)  # the detail panel's narrowest and widest, beside the table
SIDE_BY_SIDE_FROM_PX = 1400
"""Narrower than this, the table needs the whole width: the detail panel goes below it."""


class ExercisesView(QWidget):
    do_set_requested = Signal(str)  # lesson id of the guided set
    programme_requested = Signal()  # the learner wants a programme that follows a school
    logged = Signal()  # a set is on disk: Today's plan may count it
    told = Signal(str)
    """What became of a set logged while this page is not on screen (the end of a guided set
    started from Today or the lessons): said where the learner is, in the banner."""

    def __init__(
        self,
        catalogue: Catalogue,
        illustrations: Path,
        journal: Journal,
        *,
        has_lesson: Callable[[str], bool] = lambda _id: False,
        dose_of: Callable[[str], Dose | None] = lambda _id: None,
        today: Callable[[], date] = date.today,
        ask_log: AskLog = default_ask_log,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ask_log: AskLog = (
            (lambda parent, name, log: ask_log(parent, name, log, journal.drafts))
            if ask_log is default_ask_log
            else ask_log
        )
        self.catalogue = catalogue
        self.illustrations = illustrations
        self.journal = journal
        self.has_lesson = has_lesson
        self._dose_of = dose_of
        self.set_log = SetLog(
            lambda: self.journal, lambda: self._ask_log, dose_of, today, self._say, self
        )
        self.set_log.logged.connect(self._set_logged)
        self.setAccessibleName("Exercise comparison")
        heading = QLabel("What the sources say")
        heading.setProperty("role", "title")
        note = QLabel(MEDICAL_NOTE)
        note.setWordWrap(True)
        note.setProperty("role", "medical")
        legend = QLabel(
            "✔ recommended   ✔ if… with a condition   – neutral   ✖ counterproductive   "
            "note: not named, but read why   (blank) not mentioned"
        )
        legend.setProperty("role", "muted")
        legend.setWordWrap(True)
        self.sources_line = QLabel(
            "   ".join(f"<b>{s.key}</b> “{s.title}”, {s.publisher}" for s in catalogue.sources)
        )
        self.sources_line.setWordWrap(True)
        self.sources_line.setProperty("role", "muted")

        self.school = QComboBox()
        self.school.setAccessibleName("Filter by school")
        self.school.addItem("All schools", None)
        for school in School:
            self.school.addItem(school.label, school)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Filter by kind")
        for text, value in (
            ("Exercises", "exercise"),
            ("Other treatments", "treatment"),
            ("Everything", ""),
        ):
            self.kind.addItem(text, value)
        self.position = QLineEdit()
        self.position.setPlaceholderText("Position, e.g. lying")
        self.position.setAccessibleName("Filter by position")
        self.equipment = QLineEdit()
        self.equipment.setPlaceholderText("Equipment, e.g. band")
        self.equipment.setAccessibleName("Filter by equipment")
        for widget in (self.school, self.kind):
            widget.currentIndexChanged.connect(self.refresh)
        for edit in (self.position, self.equipment):
            edit.textChanged.connect(self.refresh)
        self.compare_button = QPushButton("Compare side by side")
        self.compare_button.setToolTip(
            "Select two or three rows (Ctrl+click), then compare every attribute"
        )
        self.compare_button.clicked.connect(self.compare_selected)
        filters = QHBoxLayout()
        for combo in (self.school, self.kind):  # room shared with the two boxes beside them
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(11)
        for control in (self.school, self.kind, self.position, self.equipment):
            filters.addWidget(control, 1)
        filters.addStretch(1)
        filters.addWidget(self.compare_button)
        self.programme_button = QPushButton("Choose a programme…")
        self.programme_button.setToolTip(
            "Follow one school's way back to running, or both, week by week (on Today)"
        )
        self.programme_button.clicked.connect(self.programme_requested)
        # By the heading: beside the four filters and Compare, it would not fit 800 px.
        heading_row = QHBoxLayout()
        heading_row.addWidget(heading, 1)
        heading_row.addWidget(self.programme_button)

        self.table = QTableWidget()
        self.table.setAccessibleName("Exercises and what each source says")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(lambda row, column, *_: self._show_cell(row, column))
        self.comparison = QTableWidget()
        self.comparison.setAccessibleName("Side-by-side comparison")
        self.comparison.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comparison.hide()

        self.picture = QSvgWidget()
        self.picture.setFixedSize(200, 140)
        # The drawings are dark lines: keep them on a light card in either theme.
        self.picture.setStyleSheet("background: #f6f4ef; border-radius: 8px;")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.mine = QLabel()
        self.mine.setWordWrap(True)
        self.log_button = QPushButton("Log today's set")
        self.log_button.clicked.connect(self.log_set)
        self.do_set_button = QPushButton("Do a set now")
        self.do_set_button.setProperty("role", "primary")
        self.do_set_button.clicked.connect(self._do_set)
        self.status = StatusLine(role="")
        self._side = side = QWidget()
        side_layout = QVBoxLayout(side)
        # What a selected source says, and what can be done, come first: the panel scrolls.
        side_layout.addWidget(self.status)
        side_layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.do_set_button)
        buttons.addWidget(self.log_button)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.mine)

        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        tables = QWidget()
        tables_layout = QVBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(self.table, 2)
        tables_layout.addWidget(self.comparison, 2)
        split.addWidget(tables)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 18, 28, 12)
        layout.addLayout(heading_row)
        layout.addWidget(note)
        layout.addLayout(filters)
        layout.addWidget(legend)
        layout.addWidget(split, 1)
        layout.addWidget(self.sources_line)
        keep_rows_fitted(self.table)
        keep_rows_fitted(self.comparison)
        self._side_by_side(True)
        self.entries: list[Entry] = []
        self.refresh()

    # -- room ------------------------------------------------------------------------------

    def _side_by_side(self, beside: bool) -> None:
        """The detail panel beside the table when both have their room, else below it."""
        self.split.setOrientation(Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
        self._side.setMinimumWidth(SIDE_PX[0] if beside else 0)
        self._side.setMaximumWidth(SIDE_PX[1] if beside else 16_777_215)
        if not beside:  # the table first: two thirds of the height
            height = max(self.split.height(), 300)
            self.split.setSizes([height * 2 // 3, height // 3])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        beside = event.size().width() >= SIDE_BY_SIDE_FROM_PX
        if beside != (self.split.orientation() is Qt.Orientation.Horizontal):
            self._side_by_side(beside)

    # -- the table -------------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.school.currentData()  # Qt hands a StrEnum back as a plain string
        self.entries = filter_entries(
            self.catalogue,
            school=School(chosen) if chosen else None,
            position=self.position.text().strip(),
            equipment=self.equipment.text().strip(),
            kind=self.kind.currentData() or "",
        )
        sources = self.catalogue.sources
        self.table.clear()
        self.table.setRowCount(len(self.entries))
        self.table.setColumnCount(1 + len(sources))
        metrics = self.table.horizontalHeader().fontMetrics()
        headers = ["Exercise or treatment"] + [source_heading(s, metrics) for s in sources]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setMinimumHeight(heading_height(self.table))
        for column, source in enumerate(sources, start=1):
            label = self.table.horizontalHeaderItem(column)
            if label is not None:
                label.setToolTip(f"{source.title} — {source.publisher} ({source.school.label})")
        for row, entry in enumerate(self.entries):
            name = QTableWidgetItem(entry.name + ("  ⚖" if disputed(entry) else ""))
            name.setToolTip(
                "The sources disagree about this one" if disputed(entry) else entry.name
            )
            self.table.setItem(row, 0, name)
            for column, source in enumerate(sources, start=1):
                claim = entry.claim(source.key)
                mark_text, color = mark(claim)
                item = QTableWidgetItem(mark_text)
                item.setForeground(QBrush(QColor(color)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                tip = f"{claim.stance.label}. {claim.reason}".strip()
                where = attribution(claim, source.title)
                item.setToolTip(f"{tip}\n{where}")
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{source.key}: {tip} {where}")
                self.table.setItem(row, column, item)
        size_columns(self.table, len(sources))
        if self.entries:
            self.table.setCurrentCell(0, 0)
        else:
            self.detail.setText("Nothing matches these filters.")

    def _show_cell(self, row: int, column: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        self._show_entry(entry)
        if column >= 1:
            source = self.catalogue.sources[column - 1]
            claim = entry.claim(source.key)
            self.status.say(
                f"{source.key} — {claim.stance.label}: {claim.reason or 'says nothing about it.'}\n"
                f"{attribution(claim, source.title)}"
            )
        else:
            self.status.say("Select a mark to read what that source says, and why.")

    def _show_entry(self, entry: Entry) -> None:
        if entry.illustration:
            self.picture.load(str(self.illustrations / entry.illustration))
            self.picture.show()
        else:
            self.picture.hide()
        guided = self._dose_of(entry.guided_set) if entry.guided_set else None
        self.detail.setText(entry_card(entry, guided))
        is_exercise = entry.kind == "exercise"
        self.log_button.setVisible(is_exercise)
        self.do_set_button.setVisible(is_exercise)
        if is_exercise:
            self.log_button.setText("Log a set…")
            self.log_button.setToolTip(
                f"Note today's set: the card's dose ({entry.dose})"
                if entry.dose
                else "Note today's set: what you did"
            )
            ready = bool(entry.guided_set) and self.has_lesson(entry.guided_set)
            self.do_set_button.setEnabled(ready)
            self.do_set_button.setToolTip(
                "Follow a guided set in the player"
                if ready
                else "This guided set is not written yet"
            )
        self._show_mine(entry)

    def _show_mine(self, entry: Entry) -> None:
        if entry.kind != "exercise":
            self.mine.setText("")
            return
        (result,) = my_results([entry.id], self.journal.sessions(), self.journal.exercise_logs())

        self.mine.setText(my_results_text(result))

    # -- actions -----------------------------------------------------------------------------

    def current_entry(self) -> Entry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def log_set(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.kind == "exercise":
            self.set_log.log(entry)

    def log_guided_set(self, lesson_id: str) -> bool:
        """A guided set was just finished: offer its log, with the dose it guided (the card's),
        for the learner to correct or cancel. False when ``lesson_id`` is no guided set."""
        entry = next((e for e in self.catalogue.entries if e.guided_set == lesson_id), None)
        if entry is None:
            return False
        self.set_log.log(entry)
        return True

    def _set_logged(self, entry: Entry) -> None:
        self._show_mine(entry)
        self.logged.emit()

    def _say(self, words: str) -> None:
        """On this page's status line, and, when the page is not on screen, in the banner (but
        not "Saving…", which is over before it could be read there)."""
        self.status.say(words)
        if not self.isVisible() and not words.endswith("…"):
            self.told.emit(words)

    def _do_set(self) -> None:
        entry = self.current_entry()
        if entry and entry.guided_set:
            self.do_set_requested.emit(entry.guided_set)

    def compare_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})[:3]
        if len(rows) < 2:
            self.status.say("Select two or three rows to compare them (Ctrl+click).")
            self.comparison.hide()
            return
        chosen = [self.entries[r] for r in rows]
        table = side_by_side(self.catalogue, chosen)
        show_comparison(self.comparison, [e.name for e in chosen], table)
        differing = sum(1 for r in table if r.differs)
        self.status.say(f"{differing} of {len(table)} rows differ; they are highlighted.")
