"""The player: a state machine that moves a position along a timeline.

Where the position is, and what is read from it, is ``PlayerPlace`` (``place.py``); this adds
the commands (play, pause, rest, resume, the jumps, stop) and ``tick()``, which only turns
crossed boundaries into events; the UI calls it from a timer and audio follows the events.

Get ready (``get_ready_ms``, see ``get_ready.py``): on resume after Pause or Rest, and at the end
of a suggested rest, the anchor is set that far in the future, so the position stays where the
instruction starts until the countdown is over; only then is its sound started.

Events go out to plain callables (no Qt), in this order for one change: StateChanged, Seeked,
SectionStarted, CueStarted, EventStarted, then CheckpointDue. ``EventStarted`` is the audio
layer's single trigger: it is sent whenever sound for an event must (re)start, with the offset
into the event, including after a resume or a jump.
"""

from __future__ import annotations

from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.playback.clock import Clock
from lesson_engine.playback.events import (
    CueStarted,
    EventStarted,
    Finished,
    GettingReady,
    Paused,
    RestEnded,
    RestOver,
    RestStarted,
    Resumed,
    SectionStarted,
    Seeked,
)
from lesson_engine.playback.get_ready import spoken_count
from lesson_engine.playback.jumps import (
    back_from,
    next_from,
    next_section_from,
    previous_section_from,
)
from lesson_engine.playback.place import (
    CHECKPOINT_EVERY_MS,
    DEFAULT_REST_MS,
    Listener,
    PlayerPlace,
)
from lesson_engine.playback.retiming import only_the_future_moved
from lesson_engine.playback.state import PlayerState
from lesson_engine.timeline import EventKind, Timeline

__all__ = ["CHECKPOINT_EVERY_MS", "DEFAULT_REST_MS", "Listener", "Player"]


class Player(PlayerPlace):
    # -- commands ------------------------------------------------------------------------

    def play(self) -> bool:
        if self._state is PlayerState.PLAYING:
            return False
        if self._state in (PlayerState.PAUSED, PlayerState.RESTING):
            return self.resume()
        if self._state is PlayerState.FINISHED:
            self._pos = 0
            self._rest.forget()
            self.furthest_ms = 0
        self._start_playing(announce_all=True)
        return True

    def pause(self) -> bool:
        if self._state is not PlayerState.PLAYING:
            return False
        self._settle_heard()
        self._pos = self.position_ms
        self._ready_until = None
        self._set_state(PlayerState.PAUSED)
        self._emit(Paused(self._pos))
        self._checkpoint_now()
        return True

    def resume(self, *, get_ready: bool = True) -> bool:
        """Go on after Pause or Rest; ``get_ready=False`` skips the countdown, for a pause the
        learner did not choose (the Stop question they declined)."""
        ready_ms = self.get_ready_ms if get_ready else 0
        if self._state is PlayerState.READY:
            return self.play()
        if self._state is PlayerState.RESTING:
            rested = self._rest.end()
            self._pos = self._rest.resume_ms
            self._emit(RestEnded(rested))
            self._start_playing(announce_all=True, resumed=True, ready_ms=ready_ms)
            return True
        if self._state is not PlayerState.PAUSED:
            return False
        if ready_ms:  # after the countdown, the instruction from its start
            self._pos = self.timeline.cue_at(self._pos).start_ms
            self._start_playing(announce_all=True, resumed=True, ready_ms=ready_ms)
        else:
            self._start_playing(announce_all=False, resumed=True)
        return True

    def toggle(self) -> bool:
        """Space: pause while playing, otherwise play, resume, or end a rest."""
        return self.pause() if self._state is PlayerState.PLAYING else self.play()

    def rest(self) -> bool:
        if self._state not in (PlayerState.PLAYING, PlayerState.PAUSED, PlayerState.READY):
            return False
        self._settle_heard()
        self._pos = self.position_ms
        self._ready_until = None
        self._event_index = self.timeline.event_index_at(self._pos)
        event, cue = self.current_event, self.current_cue
        if event.kind is EventKind.REST:
            # A rest taken during a suggested rest replaces what was left of it.
            self._rest.begin(cue.id, event.duration_ms, min(event.end_ms, self.timeline.total_ms))
        else:
            self._rest.begin(cue.id, self._default_rest_ms, cue.start_ms)
        self._set_state(PlayerState.RESTING)
        self._emit(RestStarted(self._rest.suggested_ms, cue))
        self._checkpoint_now()
        return True

    def back(self) -> bool:
        """Start of the current cue, or the previous one when pressed in its first two seconds."""
        return self._jump(back_from(self.timeline, self.position_ms))

    def next(self) -> bool:
        return self._jump(next_from(self.timeline, self.position_ms))

    def next_section(self) -> bool:
        return self._jump(next_section_from(self.timeline, self.position_ms))

    def previous_section(self) -> bool:
        return self._jump(previous_section_from(self.timeline, self.position_ms))

    def seek(self, position_ms: int) -> bool:
        return self._jump(self._clamp(position_ms))

    def stop(self) -> bool:
        """End the session early; the journal records it as partial."""
        if self._state is PlayerState.FINISHED:
            return False
        if self._state is PlayerState.RESTING:
            self._rest.end()
        self._settle_heard()
        self._pos = self.position_ms
        self._finish(completed=False)
        return True

    def tick(self) -> None:
        """Announce what the position has crossed since the last call; cheap when nothing has."""
        if self._state is PlayerState.RESTING:
            if self._rest.over_now():
                self._emit(RestOver(chosen=True))  # the timer counts up from here
            return
        if self._state is not PlayerState.PLAYING:
            return
        if self._ready_until is not None:
            if self._clock.now_ms() < self._ready_until:
                return
            self._ready_until = None
            event = self.current_event
            self._emit(EventStarted(event, self.position_ms - event.start_ms))
        position = self.position_ms
        self.furthest_ms = max(self.furthest_ms, position)
        if position >= self.timeline.total_ms:
            self._settle_heard()
            self._pos = self.timeline.total_ms
            self._finish(completed=True)
            return
        index = self.timeline.event_index_at(position)
        if index != self._event_index:
            if self._ends_suggested_rest(index):
                return
            cue_changed = self._announce(index, position)
            if cue_changed:
                self._checkpoint_now()
                return
        if self._clock.now_ms() - self._last_checkpoint_clock >= self._checkpoint_every_ms:
            self._checkpoint_now()

    def swap_timeline(self, timeline: Timeline) -> bool:
        """Take a re-timed version of the same lesson, as a voice finishes synthesising cues.

        Accepted only when nothing already heard moves: same lesson, same events, and every
        event up to the current one unchanged. Then the position stays where it is and only the
        future is re-timed. Returns False (and keeps the old timeline) otherwise.
        """
        if not only_the_future_moved(self.timeline, timeline, self._event_index):
            return False
        self.timeline = timeline
        return True

    @classmethod
    def restore(
        cls, timeline: Timeline, checkpoint: Checkpoint, clock: Clock, **options: int
    ) -> Player:
        """A ready player at the saved place (``Checkpoint.place_in``), with the rests and the
        share heard before it."""
        start = checkpoint.place_in(timeline)
        player = cls(timeline, clock, start_ms=start, **options)
        player._rest.earlier = (checkpoint.rests_taken, checkpoint.rested_ms)
        player._heard.earlier_ms = checkpoint.heard_ms
        player.furthest_ms = min(max(checkpoint.furthest_ms, start), timeline.total_ms)
        return player

    # -- internals -----------------------------------------------------------------------

    def _start_playing(
        self, *, announce_all: bool, resumed: bool = False, ready_ms: int = 0
    ) -> None:
        if self._pos >= self.timeline.total_ms:
            self._finish(completed=True)
            return
        self._anchor_clock = self._clock.now_ms() + ready_ms
        self._ready_until = self._anchor_clock if ready_ms else None
        self._set_state(PlayerState.PLAYING)
        if resumed:
            self._emit(Resumed(self._pos))
        index = self.timeline.event_index_at(self._pos)
        if announce_all:
            self._event_index = -1
        self._announce(index, self._pos, force_sound=True, sound=not ready_ms)
        if ready_ms:
            self._emit(self._getting_ready(ready_ms, after_rest=False))
        self._checkpoint_now()

    def _getting_ready(self, ms: int, *, after_rest: bool) -> GettingReady:
        spoken = spoken_count(ms) if self.speak_count else ()
        return GettingReady(ms, after_rest=after_rest, spoken=spoken)

    def _ends_suggested_rest(self, index: int) -> bool:
        """Leaving a suggested rest of the script: its bell, and the countdown into what follows
        when there is one (returns True then: the position waits at the rest's end)."""
        rest = self.current_event
        if rest.kind is not EventKind.REST or index < self._event_index:
            return False
        self._emit(RestOver(chosen=False))
        if not self.get_ready_ms:
            return False
        crossed_at = self._anchor_clock + rest.end_ms - self._pos  # however late this tick is
        self._heard.add(self._pos, rest.end_ms)
        self._pos = rest.end_ms
        self._anchor_clock = self._ready_until = crossed_at + self.get_ready_ms
        self._announce(self.timeline.event_index_at(self._pos), self._pos, sound=False)
        self._emit(self._getting_ready(self.get_ready_ms, after_rest=True))
        self._checkpoint_now()
        return True

    def _announce(
        self, index: int, position: int, *, force_sound: bool = False, sound: bool = True
    ) -> bool:
        """Emit what changed on arriving at event ``index``; returns whether the cue changed."""
        previous = self.timeline.events[self._event_index] if self._event_index >= 0 else None
        event = self.timeline.events[index]
        self._event_index = index
        if previous is None or previous.section != event.section:
            self._emit(SectionStarted(self.timeline.sections[event.section]))
        cue_changed = previous is None or previous.cue != event.cue
        if cue_changed:
            self._emit(CueStarted(self.timeline.cues[event.cue]))
        if (
            sound
            and self._state is PlayerState.PLAYING
            and (force_sound or previous is None or previous.index != index)
        ):
            self._emit(EventStarted(event, position - event.start_ms))
        return cue_changed

    def _jump(self, position_ms: int) -> bool:
        if self._state is PlayerState.FINISHED:
            return False
        self._settle_heard()
        if position_ms >= self.timeline.total_ms and self._state is not PlayerState.RESTING:
            self._pos = self.timeline.total_ms
            self.furthest_ms = self._pos
            self._finish(completed=True)
            return True
        position_ms = self._clamp(position_ms)
        self._pos = position_ms
        self._anchor_clock = self._clock.now_ms()
        self._ready_until = None  # a jump is heard at once
        if self._state is PlayerState.RESTING:
            self._rest.resume_ms = position_ms
        self._emit(Seeked(position_ms))
        self._announce(self.timeline.event_index_at(position_ms), position_ms, force_sound=True)
        self._checkpoint_now()
        return True

    def _finish(self, *, completed: bool) -> None:
        self._ready_until = None
        self.furthest_ms = max(self.furthest_ms, self._pos)
        self._set_state(PlayerState.FINISHED)
        self._emit(Finished(completed, self._pos))
        self._checkpoint_now()
