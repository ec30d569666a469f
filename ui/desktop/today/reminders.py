"""The daily reminder while Seesaw runs: checked once a minute, shown once a day.

Shown as a desktop notification through a tray icon where the desktop has a tray, else in the
window's banner; the day it was last shown is kept in the settings, so a restart does not
remind twice. The rule itself (when, and what it says) is ``programme/reminder.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from lesson_engine.programme.reminder import reminder_due
from lesson_engine.programme.today import Today
from ui.desktop.settings.programme_choices import reminder_time
from ui.freedesktop import APP_NAME

CHECK_EVERY_MS = 60_000


class Reminders(QObject):
    shown = Signal(str)
    """The reminder's words, each time one is given (the banner shows them when there is no tray)."""

    def __init__(
        self,
        settings: QSettings,
        today: Callable[[], Today | None],
        now: Callable[[], datetime],
        icon: QIcon | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._today = today
        self._now = now
        self._icon = icon or QApplication.windowIcon()  # Seesaw's own (ui.desktop.launch)
        self._tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _last(self) -> date | None:
        try:
            return date.fromisoformat(str(self._settings.value("reminders/last", "")))
        except ValueError:
            return None

    def check(self) -> str:
        """Give the reminder if one is due; returns its words ("" when none was)."""
        at = reminder_time(self._settings)
        if at is None:
            return ""
        now = self._now()
        words = reminder_due(now, at, self._last(), self._today())
        if not words:
            return ""
        self._settings.setValue("reminders/last", now.date().isoformat())
        self._settings.sync()
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self._icon, self)
                self._tray.setToolTip(APP_NAME)
                self._tray.show()
            self._tray.showMessage(APP_NAME, words, self._icon)
        self.shown.emit(words)
        return words
