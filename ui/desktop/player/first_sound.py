"""Starting a lesson the moment its first cue can be heard, without freezing the window.

The voice worker makes the first cues while the learner checks in (``AudioPort.prepare``). When
Start comes before the first one is made (an empty clip cache and a short check-in: the voice
model alone takes most of a second to load), the window must not wait on it, and nothing may be
synthesised here: the worker may be making that very cue, and making it again on the UI thread
once froze the window for 2.5 s. So the worker is asked to make it next, a tenth of a second is
waited (a warm voice is done by then, and the lesson simply starts), and otherwise the cue is
looked for on a timer and the lesson starts the moment it is made. A voice that never finishes
does not hold the lesson: after ``GIVE_UP_MS`` it starts anyway, its first cue shown as a caption.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ui.desktop.player.controller import SessionController
from ui.desktop.ports import AudioPort

FIRST_WAIT_S = 0.1
POLL_MS = 10
GIVE_UP_MS = 15_000


class FirstSound(QObject):
    """Plays a lesson's controller once its first cue is made; one lesson at a time."""

    def __init__(self, audio: Callable[[], AudioPort], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._audio = audio
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._look)
        self._waiting: tuple[SessionController, int, Callable[[], None]] | None = None
        self._waited_ms = 0

    def play_when_ready(
        self, controller: SessionController, position_ms: int, before: Callable[[], None]
    ) -> None:
        """Play ``controller`` once the cue from ``position_ms`` is made; ``before`` runs first
        (the flow re-times the lesson by the lengths just made)."""
        self.cancel()
        timeline = controller.player.timeline
        if self._audio().first_ready(timeline, position_ms, FIRST_WAIT_S):
            before()
            controller.toggle()
            return
        self._waiting, self._waited_ms = (controller, position_ms, before), 0
        self._timer.start()

    def cancel(self) -> None:
        """The lesson was left before it began: nothing plays."""
        self._timer.stop()
        self._waiting = None

    @property
    def waiting(self) -> bool:
        return self._waiting is not None

    def _look(self) -> None:
        if self._waiting is None:
            self._timer.stop()
            return
        controller, position_ms, before = self._waiting
        self._waited_ms += POLL_MS
        ready = self._audio().first_ready(controller.player.timeline, position_ms)
        if ready or self._waited_ms >= GIVE_UP_MS:
            self.cancel()
            before()
            controller.toggle()
