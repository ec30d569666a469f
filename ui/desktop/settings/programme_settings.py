"""The programme's settings: the unit for distances, and the daily reminder (off by default).

A reminder is shown while Seesaw runs (a desktop notification through the tray where the desktop
has one, else the banner), once a day at the learner's time and only when something planned is
still to do; "start at login" adds Seesaw to the desktop's autostart so the reminder can come.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from ui.desktop.settings.autostart import set_autostart
from ui.desktop.settings.programme_choices import (
    CADENCE_RANGE,
    DEFAULT_TIME,
    UNITS,
    run_cadence,
    shows_streak,
    uses_miles,
)
from ui.desktop.settings.store import read_bool


class ProgrammeSettings(QWidget):
    changed = Signal(str)

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.units = QComboBox()
        self.units.setAccessibleName("Distances in")
        for value, words in UNITS:
            self.units.addItem(words, value)
        self.units.setCurrentIndex(1 if uses_miles(settings) else 0)
        self.units.currentIndexChanged.connect(
            lambda _: self._store("programme/units", self.units.currentData())
        )
        self.streak = QCheckBox("Show how many weeks in a row I did every planned session")
        self.streak.setChecked(shows_streak(settings))
        self.streak.toggled.connect(lambda on: self._store("programme/streak", on))
        self.cadence = QSpinBox()
        self.cadence.setRange(CADENCE_RANGE[0] - 1, CADENCE_RANGE[1])
        self.cadence.setSpecialValueText("no beat")
        self.cadence.setSuffix(" steps a minute")
        self.cadence.setValue(run_cadence(settings) or CADENCE_RANGE[0] - 1)
        self.cadence.setAccessibleName("A beat in today's run taken along, steps a minute")
        self.cadence.setToolTip(
            "Your own step rate plus a little (the cadence lesson measures it); no beat by default"
        )
        self.cadence.valueChanged.connect(
            lambda v: self._store("programme/cadence", v if v >= CADENCE_RANGE[0] else 0)
        )
        self.remind = QCheckBox("Remind me of today's plan")
        self.remind.setChecked(read_bool(settings, "reminders/enabled", False))
        self.remind.toggled.connect(self._remind_toggled)
        self.at = QTimeEdit(
            QTime.fromString(str(settings.value("reminders/time", DEFAULT_TIME)), "HH:mm")
        )
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName("Reminder time")
        self.at.timeChanged.connect(lambda t: self._store("reminders/time", t.toString("HH:mm")))
        self.at_login = QCheckBox("Start Seesaw when I log in, so the reminder can come")
        self.at_login.setChecked(read_bool(settings, "reminders/at-login", False))
        self.at_login.toggled.connect(self._at_login_toggled)
        self.told = QLabel("")
        self.told.setProperty("role", "muted")
        self.told.setWordWrap(True)
        self._enable()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Distances in", self.units)
        form.addRow("", self.streak)
        form.addRow("Beat in a run taken along", self.cadence)
        form.addRow("", self.remind)
        form.addRow("At", self.at)
        form.addRow("", self.at_login)
        form.addRow("", self.told)

    def _enable(self) -> None:
        self.at.setEnabled(self.remind.isChecked())
        self.at_login.setEnabled(self.remind.isChecked())

    def _remind_toggled(self, on: bool) -> None:
        self._store("reminders/enabled", on)
        self._enable()
        if not on and self.at_login.isChecked():
            self.at_login.setChecked(False)

    def _at_login_toggled(self, on: bool) -> None:
        try:
            self.told.setText(set_autostart(on))
        except OSError as exc:
            self.told.setText(f"The autostart entry could not be written ({exc.strerror or exc}).")
            return
        self._store("reminders/at-login", on)

    def _store(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)
        self.settings.sync()
        self.changed.emit(key)
