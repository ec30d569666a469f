"""The check-out form after a lesson, kept on disk as it is filled in.

Every change on the form is in the saved place within ``DRAFT_AFTER_MS``: the timer runs from the
first change not yet kept, so steady typing is kept every half second too, and a crash on this
form loses nothing typed (the next start offers the form back, ``LessonFlow.check_out_again``).
Submitting stops the timer: the session record, written then, supersedes the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.session.record import CheckIn, SessionDraft
from lesson_engine.session.saved_place import SavedPlace
from ui.desktop.player.checkin import CheckInView
from ui.desktop.player.saving import JournalSaving

DRAFT_AFTER_MS = 500
"""A change on the check-out form is on disk this long after it was made, at most."""


class CheckOutForm(QObject):
    """Shows the check-out and keeps its draft; one form at a time."""

    def __init__(
        self, saving: JournalSaving, present: Callable[[QWidget], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._saving = saving
        self._present = present
        self._keep: Callable[[], None] = lambda: None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DRAFT_AFTER_MS)
        self.timer.timeout.connect(lambda: self._keep())

    def show(
        self,
        title: str,
        checkpoint: Checkpoint,
        draft: SessionDraft,
        save: Callable[[CheckIn], None],
    ) -> CheckInView:
        """The form for the lesson ``checkpoint`` ended at; ``save`` gets what was filled in."""
        view = CheckInView(title, after=True, before=draft.before)

        def keep() -> None:
            after = view.current()
            self._saving.save_place(SavedPlace(checkpoint, replace(draft, after=after)).to_dict())

        def submitted(after: CheckIn) -> None:
            self.timer.stop()
            self._keep = lambda: None
            save(after)

        self._keep = keep
        view.changed.connect(self._due)
        view.submitted.connect(submitted)
        self._present(view)
        return view

    def keep_now(self) -> None:
        """The window is closing: a change made in the last half second is kept now."""
        if self.timer.isActive():
            self.timer.stop()
            self._keep()

    def _due(self) -> None:
        """A change on the form: kept within ``DRAFT_AFTER_MS`` (not restarted by the next)."""
        if not self.timer.isActive():
            self.timer.start()
