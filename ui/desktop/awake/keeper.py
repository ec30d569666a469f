"""Holds the computer awake while a lesson plays, by the engine's rule and the system's inhibitor.

The rule (``lesson_engine.playback.keep_awake``) says when; this class follows the player's state
changes, asks the rule again when its wait after a pause runs out (a single-shot timer aimed at
that moment), and turns each change of answer into ``hold`` or ``release``. Detaching from a
lesson (stop, the end, closing the window) releases at once.

When the computer cannot be asked, the reason is logged and, once per run, ``problem`` says so in
words for the banner: a learner with eyes closed should know the screen may sleep. A preview on the
Author page is held awake the same way, but a failure then is not told: the author is at the
keyboard, listening to a few cues, and a notice about lessons would only come between them and
their script. It is told, once, when the next lesson starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from lesson_engine.playback.clock import Clock
from lesson_engine.playback.events import PlayerEvent, StateChanged
from lesson_engine.playback.keep_awake import HOLD_AFTER_PAUSE_MS, KeepAwake
from ui.desktop.awake.inhibitors import Inhibitor
from ui.desktop.player.controller import SessionController

log = logging.getLogger(__name__)


def cannot_keep_awake(why: str) -> str:
    return (
        f"Seesaw could not ask this computer to stay awake during lessons ({why}). If the screen "
        "goes dark or the computer sleeps, the sound stops: for long lessons, turn off automatic "
        "sleep in the system settings."
    )


class AwakeKeeper(QObject):
    problem = Signal(str)  # once per run, for the banner

    def __init__(
        self,
        inhibitor: Inhibitor,
        clock: Clock,
        *,
        hold_after_pause_ms: int = HOLD_AFTER_PAUSE_MS,
        quiet: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        """``quiet`` says whether what plays now is a preview (see the module's docstring)."""
        super().__init__(parent)
        self._inhibitor = inhibitor
        self._rule = KeepAwake(clock, hold_after_pause_ms)
        self._quiet = quiet
        self._holding = False
        self._untold = ""
        """Why the computer could not be asked, not yet said (found during a preview)."""
        self._told = False
        self.timer = QTimer(self)
        """Fires when the wait after a pause is over (tests call ``check`` instead of waiting)."""
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    @property
    def holding(self) -> bool:
        """Whether this keeper has asked to stay awake (the answer may still be on its way)."""
        return self._holding

    @property
    def held(self) -> bool:
        """Whether the system has confirmed it (over D-Bus the answer comes a moment later)."""
        return self._inhibitor.held

    def attach(self, controller: SessionController) -> Callable[[], None]:
        """Follow this lesson's player until the returned function is called."""
        player = controller.player
        self._rule.follow(player.state)
        unsubscribe = player.subscribe(self._heard)
        self.check()
        self._tell()  # a reason found during a preview, now that a lesson plays

        def detach() -> None:
            unsubscribe()
            self._rule.finish()
            self.check()

        return detach

    def check(self) -> None:
        """Hold or release as the rule now says, and look again when its answer will change."""
        wanted = self._rule.wanted
        if wanted and not self._holding:
            self._holding = True
            self._inhibitor.hold(self._unavailable)
        elif not wanted and self._holding:
            self._holding = False
            self._inhibitor.release()
        wait = self._rule.ms_until_change()
        if wait is None:
            self.timer.stop()
        else:
            self.timer.start(wait)

    def _heard(self, event: PlayerEvent) -> None:
        if isinstance(event, StateChanged):
            self._rule.follow(event.new)
            self.check()

    def _unavailable(self, why: str) -> None:
        log.warning("Cannot keep the computer awake during lessons: %s", why)
        self._untold = self._untold or cannot_keep_awake(why)
        self._tell()

    def _tell(self) -> None:
        """Say why once per run, and never over a preview."""
        if self._untold and not self._told and not self._quiet():
            self._told = True
            self.problem.emit(self._untold)
