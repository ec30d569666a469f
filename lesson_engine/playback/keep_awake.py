"""When Seesaw asks the computer to stay awake: the rule, apart from how it is asked.

A learner on the floor, eyes closed, touches no key for twenty minutes. If the screen blanks or
the laptop suspends, the lesson's sound stops with it. So the computer is kept awake while a
lesson plays (a suggested rest in the script is playing too). After Pause or Rest it is kept
awake a while longer, ``HOLD_AFTER_PAUSE_MS``, because the learner is usually back within a
minute and a dark screen would hide the rest timer; after that it is let go, so a lesson left
paused does not keep a laptop up all night. Stop, the end of the lesson and closing Seesaw let go
at once (``finish``), and nothing is held before the first Play.

The rule reads time only through the player's ``Clock``, so tests move a manual clock; the
desktop asks ``ms_until_change`` to know when to look again.
"""

from __future__ import annotations

from lesson_engine.playback.clock import Clock
from lesson_engine.playback.state import PlayerState

HOLD_AFTER_PAUSE_MS = 5 * 60_000
"""How long a paused or resting lesson still keeps the computer awake."""

_STILL = (PlayerState.PAUSED, PlayerState.RESTING)


class KeepAwake:
    """Follows one lesson's player state and says whether the computer should stay awake."""

    def __init__(self, clock: Clock, hold_after_pause_ms: int = HOLD_AFTER_PAUSE_MS) -> None:
        self._clock = clock
        self._hold_after_pause_ms = hold_after_pause_ms
        self._state: PlayerState | None = None
        self._still_since = 0

    def follow(self, state: PlayerState) -> None:
        """The player is now in ``state``; pausing during a rest does not restart the wait."""
        if state in _STILL and self._state not in _STILL:
            self._still_since = self._clock.now_ms()
        self._state = state

    def finish(self) -> None:
        """The lesson is over, stopped, or Seesaw is closing: let go now."""
        self._state = None

    @property
    def wanted(self) -> bool:
        if self._state is PlayerState.PLAYING:
            return True
        if self._state in _STILL:
            return self._clock.now_ms() - self._still_since < self._hold_after_pause_ms
        return False

    def ms_until_change(self) -> int | None:
        """How long until ``wanted`` turns False with no command given; None if it never will."""
        if self._state in _STILL and self.wanted:
            return self._hold_after_pause_ms - (self._clock.now_ms() - self._still_since)
        return None
