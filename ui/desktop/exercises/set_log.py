"""Logging a strength set from the Exercises page, or at the end of its guided set.

The form starts from the card's dose, or, where the sources give none, from the dose the guided
set guides (``catalogue/dose.py``), so the set and its log agree. Save hands the set to the
journal's writer (``widgets/written.py``): "Logged …" is said once it is on disk. A set the journal
refuses is kept here, and the next "Log a set…" of that exercise opens with it, as entered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from lesson_engine.catalogue.dose import Dose
from lesson_engine.catalogue.model import Entry
from lesson_engine.journal.journal import Journal
from lesson_engine.journal.records import ExerciseLog
from ui.desktop.exercises.log_dialog import AskLog, dose_from_card
from ui.desktop.widgets.written import WhenWritten, refusal_in_words


class SetLog(QObject):
    logged = Signal(object)
    """The ``Entry`` whose set is on disk now."""

    def __init__(
        self,
        journal: Callable[[], Journal],
        ask: Callable[[], AskLog],
        dose_of: Callable[[str], Dose | None],
        today: Callable[[], date],
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        """``ask`` gives the form to show (asked each time: tests answer it); ``say`` puts a
        sentence where the learner reads it."""
        super().__init__(parent)
        self._page = parent
        self._journal = journal
        self._ask = ask
        self._dose_of = dose_of
        self._today = today
        self._say = say
        self._when = WhenWritten(self)
        self._not_logged: dict[str, ExerciseLog] = {}
        """Sets the journal refused, by exercise: the next "Log a set…" opens with them."""

    def log(self, entry: Entry) -> None:
        sets, reps, side = dose_from_card(entry)
        guided = self._dose_of(entry.guided_set) if entry.guided_set else None
        if reps is None and guided is not None:
            sets, reps, side = guided.sets, guided.reps, guided.side
        start = self._not_logged.pop(entry.id, None) or ExerciseLog(
            entry.id, self._today(), sets, reps=reps, side=side
        )
        log = self._ask()(self._page, entry.name, start)
        if log is None:
            return
        self._say("Saving the set…")
        count = f"{log.reps}" if log.reps is not None else f"{log.hold_s} s"

        def saved(_: ExerciseLog) -> None:
            self._say(f"Logged {log.sets} × {count} {entry.name.lower()} for today.")
            self.logged.emit(entry)

        def refused(exc: Exception) -> None:
            self._not_logged[entry.id] = log
            self._say(
                f"Not logged ({refusal_in_words(exc)}). What you entered is kept: "
                "Log a set… on the Exercises page opens with it again."
            )

        journal = self._journal()
        self._when.write_behind(journal, lambda: journal.add_exercise_log(log), saved, refused)
