"""Drives one lesson in the app: turns key presses into player commands and time into ticks.

The player owns every rule (what Rest does, where Back goes); this class only decides *when*
``tick()`` runs and re-broadcasts the player's events as Qt signals for the widgets. Two timers:
a precise single-shot timer aimed at the next event boundary, so sound starts on time, and a
coarse one that refreshes clocks on screen. Audio and the journal subscribe to the player
directly, so they hear every event in order, before any widget does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from lesson_engine.playback.events import (
    CueStarted,
    EventStarted,
    Finished,
    PlayerEvent,
    RestEnded,
    RestStarted,
    SectionStarted,
    StateChanged,
)
from lesson_engine.playback.player import Player
from lesson_engine.playback.state import PlayerState
from lesson_engine.timeline import Timeline

DISPLAY_REFRESH_MS = 200


class SessionController(QObject):
    state_changed = Signal(object)  # PlayerState
    cue_started = Signal(object)  # Cue
    section_started = Signal(object)  # SectionSpan
    event_started = Signal(object)  # Event
    clock_changed = Signal()  # time to refresh elapsed, remaining and rest timers
    rest_started = Signal(int)  # suggested ms
    rest_ended = Signal(int)  # rested ms
    finished = Signal(bool)  # completed
    timeline_changed = Signal()  # cue lengths became known; positions ahead moved

    def __init__(self, player: Player, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._boundary = QTimer(self)
        self._boundary.setSingleShot(True)
        self._boundary.setTimerType(Qt.TimerType.PreciseTimer)
        self._boundary.timeout.connect(self.tick)
        self._display = QTimer(self)
        self._display.setInterval(DISPLAY_REFRESH_MS)
        self._display.timeout.connect(self.tick)
        self._unsubscribe = player.subscribe(self._relay)

    # Commands, one per control. Each returns whether the player did something.
    def toggle(self) -> bool:
        return self._command(self.player.toggle)

    def resume_at_once(self) -> bool:
        """Back from a pause the learner did not choose, with no countdown."""
        return self._command(lambda: self.player.resume(get_ready=False))

    def rest(self) -> bool:
        return self._command(self.player.rest)

    def back(self) -> bool:
        return self._command(self.player.back)

    def next(self) -> bool:
        return self._command(self.player.next)

    def next_section(self) -> bool:
        return self._command(self.player.next_section)

    def previous_section(self) -> bool:
        return self._command(self.player.previous_section)

    def seek(self, position_ms: int) -> bool:
        return self._command(lambda: self.player.seek(position_ms))

    def stop(self) -> bool:
        return self._command(self.player.stop)

    def swap_timeline(self, timeline: Timeline) -> bool:
        if not self.player.swap_timeline(timeline):
            return False
        self.timeline_changed.emit()
        self._schedule()
        return True

    def tick(self) -> None:
        self.player.tick()
        self.clock_changed.emit()
        self._schedule()

    def shutdown(self) -> None:
        """Stop the timers and let go of the player; safe to call twice."""
        self._boundary.stop()
        self._display.stop()
        self._unsubscribe()

    def _command(self, action: Callable[[], object]) -> bool:
        done = bool(action())
        self.clock_changed.emit()
        self._schedule()
        return done

    def _schedule(self) -> None:
        state = self.player.state
        wait = self.player.ms_until_next_boundary()
        if wait is None:
            self._boundary.stop()
        else:
            self._boundary.start(max(wait, 0))
        if state in (PlayerState.PLAYING, PlayerState.RESTING):
            if not self._display.isActive():
                self._display.start()
        else:
            self._display.stop()

    def _relay(self, event: PlayerEvent) -> None:
        if isinstance(event, StateChanged):
            self.state_changed.emit(event.new)
        elif isinstance(event, SectionStarted):
            self.section_started.emit(event.section)
        elif isinstance(event, CueStarted):
            self.cue_started.emit(event.cue)
        elif isinstance(event, EventStarted):
            self.event_started.emit(event.event)
        elif isinstance(event, RestStarted):
            self.rest_started.emit(event.suggested_ms)
        elif isinstance(event, RestEnded):
            self.rest_ended.emit(event.rested_ms)
        elif isinstance(event, Finished):
            self.finished.emit(event.completed)
