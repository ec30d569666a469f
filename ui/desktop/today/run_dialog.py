"""Logging a run or a cross-training session: what was done and how the knee answered.

The form is kept as a draft half a second after each change (``journal.drafts``), so a crash or a
closed lid never takes what was typed. Save hands the record to the journal's writer and waits,
the form still open and its Save disabled; it closes only once the record is on disk, and a record
the journal refuses keeps the form open with the reason beside it (and its fields in the draft).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lesson_engine.journal.drafts import Drafts
from lesson_engine.journal.records import CROSS_KINDS, ROUTES, CrossLog, RunLog
from lesson_engine.journal.validation import MAX_SORENESS

KM_PER_MILE = 1.609344
RUN_DRAFT = "run:new"
CROSS_DRAFT = "cross:new"
DRAFT_AFTER_MS = 500
Answered = Callable[[str], None]
Save = Callable[[object, Answered], None]
"""Stores the record, then answers on the window's thread: "" once it is on disk, else the
reason it was refused (at once when nothing writes behind)."""


def _rating(name: str, value: int | None = None) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1, MAX_SORENESS)
    spin.setSpecialValueText("not rated")
    spin.setValue(-1 if value is None else value)
    spin.setAccessibleName(name)
    return spin


def _rated(spin: QSpinBox) -> int | None:
    return None if spin.value() < 0 else spin.value()


class _Drafted(QDialog):
    """A dialog whose fields are kept in ``drafts`` under ``key`` as they change."""

    def __init__(self, parent: QWidget | None, drafts: Drafts, key: str, save: Save) -> None:
        super().__init__(parent)
        self._drafts, self._key, self._save = drafts, key, save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_AFTER_MS)
        self._timer.timeout.connect(self.keep_draft)
        self.problem = QLabel("")
        self.problem.setProperty("role", "caution")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_save)
        self.buttons.rejected.connect(self._cancel)

    def fields(self) -> dict[str, object]:
        raise NotImplementedError

    def fill(self, fields: dict[str, object]) -> None:
        raise NotImplementedError

    def record(self) -> object:
        raise NotImplementedError

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            for signal in (
                "valueChanged",
                "textChanged",
                "toggled",
                "currentIndexChanged",
                "dateChanged",
            ):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(lambda *_: self._draft_due())
                    break
        kept = self._drafts.get(self._key)
        if kept:
            try:
                loaded = json.loads(kept)
            except ValueError:
                loaded = None
            if isinstance(loaded, dict):
                self.fill(loaded)

    def _draft_due(self) -> None:
        """Kept half a second after the first change not yet on disk, not after the last one:
        steady typing is on disk every half second too."""
        if not self._timer.isActive():
            self._timer.start()

    def done(self, result: int) -> None:
        """Closed by Esc or the window (or the desktop closing every window): the words stay a
        draft, the last half second's included. Only Cancel lets them go (``_cancel``)."""
        if self._timer.isActive():
            self._timer.stop()
            self.keep_draft()
        super().done(result)

    def keep_draft(self) -> None:
        with contextlib.suppress(OSError):  # only the safety net is lost: the form keeps them
            self._drafts.keep(self._key, json.dumps(self.fields()))

    def _try_save(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(False)  # one record for one Save, however often it is pressed
        self.problem.setText("Saving…")
        self._save(self.record(), self._answered)

    def _answered(self, problem: str) -> None:
        """The journal's answer. It may come after the form was closed by Esc or the window:
        the record is kept all the same, or, refused, its fields stay in the draft."""
        if not shiboken6.isValid(self):
            return
        if problem:
            self.keep_draft()
            self.problem.setText(problem)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
            return
        self._timer.stop()
        self._drop()
        self.accept()

    def _cancel(self) -> None:
        self._timer.stop()
        self._drop()
        self.reject()

    def _drop(self) -> None:
        with contextlib.suppress(OSError):
            self._drafts.drop(self._key)


class RunDialog(_Drafted):
    def __init__(
        self,
        parent: QWidget | None,
        drafts: Drafts,
        save: Save,
        day: date,
        miles: bool = False,
        planned_minutes: float | None = None,
    ) -> None:
        super().__init__(parent, drafts, RUN_DRAFT, save)
        self.setWindowTitle("Log a run")
        self._miles = miles
        unit = "miles" if miles else "km"
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.day.setMaximumDate(QDate(day.year, day.month, day.day))
        self.day.setAccessibleName("Day of the run")
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setDecimals(0)
        self.minutes.setValue(planned_minutes or 0)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes, running and walking")
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0, 200)
        self.distance.setDecimals(2)
        self.distance.setSpecialValueText("not measured")
        self.distance.setSuffix(f" {unit}")
        self.distance.setAccessibleName(f"Distance in {unit}")
        self.routes = {name: QCheckBox(name) for name in ROUTES}
        route_grid = QGridLayout()
        for i, box in enumerate(self.routes.values()):
            box.setAccessibleName(f"Route: {box.text()}")
            route_grid.addWidget(box, i // 4, i % 4)
        self.walk_breaks = QCheckBox("with walk breaks")
        self.pain_during = _rating("Pain during the run, 0 to 10")
        self.started = QDoubleSpinBox()
        self.started.setRange(0, 600)
        self.started.setDecimals(1)
        self.started.setSpecialValueText("it did not")
        self.started.setAccessibleName("When pain started")
        self.started_unit = QComboBox()
        self.started_unit.addItems(["minutes in", f"{unit} in"])
        self.started_unit.setAccessibleName("Pain started after minutes or distance")
        self.pain_after = _rating("Pain after the run, 0 to 10")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("how it felt, what you noticed (optional)")
        form = QFormLayout()
        form.addRow("Day", self.day)
        form.addRow("How long", self.minutes)
        form.addRow("Distance", self.distance)
        form.addRow("Route", route_grid)
        form.addRow("", self.walk_breaks)
        form.addRow("Pain during", self.pain_during)
        onset = QGridLayout()
        onset.addWidget(self.started, 0, 0)
        onset.addWidget(self.started_unit, 0, 1)
        form.addRow("Pain started", onset)
        form.addRow("Pain after", self.pain_after)
        form.addRow("Note", self.note)
        hint = QLabel("Tomorrow morning Seesaw will ask how the knee feels.")
        hint.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.watch(
            self.day,
            self.minutes,
            self.distance,
            self.walk_breaks,
            self.pain_during,
            self.started,
            self.started_unit,
            self.pain_after,
            self.note,
            *self.routes.values(),
        )

    def fields(self) -> dict[str, object]:
        return {
            "day": self.day.date().toString("yyyy-MM-dd"),
            "minutes": self.minutes.value(),
            "distance": self.distance.value(),
            "routes": [k for k, box in self.routes.items() if box.isChecked()],
            "walk_breaks": self.walk_breaks.isChecked(),
            "pain_during": self.pain_during.value(),
            "started": self.started.value(),
            "started_unit": self.started_unit.currentIndex(),
            "pain_after": self.pain_after.value(),
            "note": self.note.text(),
        }

    def fill(self, fields: dict[str, object]) -> None:
        def number(key: str) -> float:
            value = fields.get(key)
            return float(value) if isinstance(value, int | float) else 0.0

        day = QDate.fromString(str(fields.get("day", "")), "yyyy-MM-dd")
        if day.isValid():
            self.day.setDate(day)
        self.minutes.setValue(number("minutes"))
        self.distance.setValue(number("distance"))
        routes = fields.get("routes")
        for key, box in self.routes.items():
            box.setChecked(isinstance(routes, list) and key in routes)
        self.walk_breaks.setChecked(fields.get("walk_breaks") is True)
        self.pain_during.setValue(int(number("pain_during")) if "pain_during" in fields else -1)
        self.started.setValue(number("started"))
        self.started_unit.setCurrentIndex(int(number("started_unit")) % 2)
        self.pain_after.setValue(int(number("pain_after")) if "pain_after" in fields else -1)
        self.note.setText(str(fields.get("note", "")))

    def record(self) -> RunLog:
        to_km = KM_PER_MILE if self._miles else 1.0
        distance = self.distance.value() * to_km or None
        started = self.started.value() or None
        by_minutes = self.started_unit.currentIndex() == 0
        return RunLog(
            day=self.day.date().toPython(),  # type: ignore[arg-type]
            minutes=self.minutes.value(),
            distance_km=round(distance, 3) if distance else None,
            routes=tuple(k for k, box in self.routes.items() if box.isChecked()),
            pain_during=_rated(self.pain_during),
            pain_started_min=started if by_minutes else None,
            pain_started_km=round(started * to_km, 3) if started and not by_minutes else None,
            pain_after=_rated(self.pain_after),
            walk_breaks=self.walk_breaks.isChecked(),
            note=self.note.text().strip(),
        )


class CrossDialog(_Drafted):
    def __init__(
        self, parent: QWidget | None, drafts: Drafts, save: Save, day: date, minutes: int = 30
    ) -> None:
        super().__init__(parent, drafts, CROSS_DRAFT, save)
        self.setWindowTitle("Log cross-training")
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setMaximumDate(QDate(day.year, day.month, day.day))
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.day.setAccessibleName("Day")
        self.kind = QComboBox()
        self.kind.addItems(list(CROSS_KINDS))
        self.kind.setAccessibleName("Kind of cross-training")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 600)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        form = QFormLayout()
        form.addRow("Day", self.day)
        form.addRow("Kind", self.kind)
        form.addRow("How long", self.minutes)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.watch(self.day, self.kind, self.minutes, self.note)

    def fields(self) -> dict[str, object]:
        return {
            "day": self.day.date().toString("yyyy-MM-dd"),
            "kind": self.kind.currentText(),
            "minutes": self.minutes.value(),
            "note": self.note.text(),
        }

    def fill(self, fields: dict[str, object]) -> None:
        day = QDate.fromString(str(fields.get("day", "")), "yyyy-MM-dd")
        if day.isValid():
            self.day.setDate(day)
        index = self.kind.findText(str(fields.get("kind", "")))
        if index >= 0:
            self.kind.setCurrentIndex(index)
        minutes = fields.get("minutes")
        if isinstance(minutes, int):
            self.minutes.setValue(minutes)
        self.note.setText(str(fields.get("note", "")))

    def record(self) -> CrossLog:
        return CrossLog(
            self.day.date().toPython(),  # type: ignore[arg-type]
            self.kind.currentText(),
            self.minutes.value(),
            self.note.text().strip(),
        )
