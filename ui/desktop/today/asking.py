"""The questions Today asks in a window of their own: which day a session moves to, where the
report for a clinician goes, and running a form. Each is a parameter of the page, so tests answer
it without showing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QInputDialog, QWidget

AskDay = Callable[[QWidget, list[date]], "date | None"]
"""Which day to move a session to (the rest of its week); None when cancelled."""
OpenDialog = Callable[[Any], bool]
"""Runs a dialog (``exec``); tests answer it without showing it."""


def ask_day(parent: QWidget, days: list[date]) -> date | None:
    names = [f"{d:%A %d %B}" for d in days]
    chosen, ok = QInputDialog.getItem(parent, "Move to", "Move it to:", names, 0, False)
    return days[names.index(chosen)] if ok and chosen in names else None


def ask_report_path(parent: QWidget, suggested: str) -> str:
    """Where to write the clinician's report (its module, and the PDF writer, load on first use)."""
    from ui.desktop.today import report_file

    return report_file.ask_report_path(parent, suggested)


def run_dialog(dialog: Any) -> bool:
    return bool(dialog.exec())
