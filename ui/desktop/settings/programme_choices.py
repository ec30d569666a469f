"""The programme's settings as the app reads them: the unit for distances, the beat of a run
taken along, the streak, the daily reminder's time.

Apart from the page that changes them (``programme_settings.py``): Today and its reminder read
them from the start, and the page's widgets are built only when Settings is first visited.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QSettings, QTime

from ui.desktop.settings.store import read_bool, read_choice, read_int

UNITS = (("km", "Kilometres"), ("miles", "Miles"))
DEFAULT_TIME = "18:00"


def uses_miles(settings: QSettings) -> bool:
    return read_choice(settings, "programme/units", UNITS) == "miles"


CADENCE_RANGE = (140, 210)
"""Steps a minute a runner may set for the beat: wide around the 170–180 most settle on (S3)."""


def run_cadence(settings: QSettings) -> int | None:
    """The beat for today's run taken along, or None for no beat (the default)."""
    value = read_int(settings, "programme/cadence", 0, (0, CADENCE_RANGE[1]))
    return value if value >= CADENCE_RANGE[0] else None


def shows_streak(settings: QSettings) -> bool:
    return read_bool(settings, "programme/streak", False)


def reminder_time(settings: QSettings) -> time | None:
    """The reminder's time of day, or None when reminders are off."""
    if not read_bool(settings, "reminders/enabled", False):
        return None
    parsed = QTime.fromString(str(settings.value("reminders/time", DEFAULT_TIME)), "HH:mm")
    if not parsed.isValid():
        parsed = QTime.fromString(DEFAULT_TIME, "HH:mm")
    return time(parsed.hour(), parsed.minute())
