"""Where a player is in its timeline, and what it reports of it: the reading side of the player.

Position is never accumulated tick by tick. While playing it is computed from an anchor
(``position at the last resume`` + ``clock now - clock at that resume``), so late or missed ticks
never add drift and a 45-minute lesson ends exactly on time. During a get-ready countdown the
anchor lies ahead, so the position waits where the instruction starts.

``Player`` (``player.py``) adds the commands that move it; this holds the state they move, what
the screen and the journal read from it (the event, cue and section at the position, the rests,
how much was heard, the checkpoint), and the one way its events go out.
"""

from __future__ import annotations

from collections.abc import Callable

from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.playback.clock import Clock
from lesson_engine.playback.events import CheckpointDue, PlayerEvent, StateChanged
from lesson_engine.playback.heard import Heard
from lesson_engine.playback.rests import RestRecord, Rests
from lesson_engine.playback.state import PlayerState
from lesson_engine.timeline import Cue, Event, SectionSpan, Timeline

Listener = Callable[[PlayerEvent], None]
DEFAULT_REST_MS = 60_000
CHECKPOINT_EVERY_MS = 5_000


class PlayerPlace:
    """A player's state and everything read from it; ``Player`` moves it."""

    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        *,
        start_ms: int = 0,
        default_rest_ms: int = DEFAULT_REST_MS,
        checkpoint_every_ms: int = CHECKPOINT_EVERY_MS,
        get_ready_ms: int = 0,
    ) -> None:
        if not timeline.events:
            raise ValueError("a timeline with no events cannot be played")
        self.timeline = timeline
        self._clock = clock
        self._default_rest_ms = default_rest_ms
        self._checkpoint_every_ms = checkpoint_every_ms
        self._listeners: list[Listener] = []
        self._state = PlayerState.READY
        self._pos = self._clamp(start_ms)
        self._anchor_clock = clock.now_ms()
        self._event_index = timeline.event_index_at(self._pos)
        self._rest = Rests(clock)
        self.furthest_ms = self._pos
        self._last_checkpoint_clock = self._anchor_clock
        self._heard = Heard(self._pos)
        self.get_ready_ms = get_ready_ms
        """The countdown before an instruction is heard again; 0 is off. May change mid-lesson."""
        self.speak_count = False
        """Whether the countdown is said aloud as well as shown. May change mid-lesson."""
        self._ready_until: int | None = None

    # -- reading -------------------------------------------------------------------------

    @property
    def state(self) -> PlayerState:
        return self._state

    @property
    def position_ms(self) -> int:
        if self._state is PlayerState.PLAYING:
            # During a countdown the anchor lies ahead: the position waits at its start.
            return self._clamp(self._pos + max(0, self._clock.now_ms() - self._anchor_clock))
        return self._pos

    @property
    def ready_remaining_ms(self) -> int:
        """What is left of the countdown before the instruction; 0 when there is none."""
        if self._state is not PlayerState.PLAYING or self._ready_until is None:
            return 0
        return max(0, self._ready_until - self._clock.now_ms())

    @property
    def current_event(self) -> Event:
        return self.timeline.events[self._event_index]

    @property
    def current_cue(self) -> Cue:
        return self.timeline.cues[self.current_event.cue]

    @property
    def current_section(self) -> SectionSpan:
        return self.timeline.sections[self.current_event.section]

    @property
    def rest_elapsed_ms(self) -> int:
        return self._rest.elapsed_ms() if self._state is PlayerState.RESTING else 0

    @property
    def rest_suggested_ms(self) -> int:
        return self._rest.suggested_ms

    @property
    def rest_remaining_ms(self) -> int:
        """Counts the suggested rest down, then below zero: resting longer is always allowed."""
        return self._rest.suggested_ms - self.rest_elapsed_ms

    @property
    def rests(self) -> tuple[RestRecord, ...]:
        return self._rest.records

    @property
    def rests_taken(self) -> int:
        return self._rest.taken

    @property
    def rested_ms(self) -> int:
        return self._rest.rested_ms

    def ms_until_next_boundary(self) -> int | None:
        """How long until ``tick()`` has something to announce; None when nothing is moving."""
        if self._state is PlayerState.RESTING:
            return self._rest.ms_until_over()
        if self._state is not PlayerState.PLAYING:
            return None
        if self._ready_until is not None:
            return self.ready_remaining_ms
        return max(0, self.current_event.end_ms - self.position_ms)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    @property
    def heard_ms(self) -> int:
        """How much of the lesson was heard, each part once (skips and replays not counted),
        including what was heard before a restore."""
        live = self.position_ms - self._pos if self._state is PlayerState.PLAYING else 0
        return self._heard.total_ms(self._pos, self._pos + live)

    def skipped_sections(self) -> tuple[str, ...]:
        """Titles of the sections, from where this player started, of which less than half was
        heard (the whole lesson when it started at the beginning)."""
        self._settle_heard()
        return self._heard.skipped(self.timeline.sections)

    # -- checkpoints ---------------------------------------------------------------------

    def checkpoint(self) -> Checkpoint:
        position = self.position_ms
        event = self.timeline.event_at(position)
        cue = self.timeline.cues[event.cue]
        section = self.timeline.sections[event.section]
        return Checkpoint(
            lesson_id=self.timeline.lesson_id,
            digest=self.timeline.digest,
            position_ms=position,
            cue_id=cue.id,
            cue_index=cue.index,
            section_index=section.index,
            section_title=section.title,
            state=self._state.value,
            rests_taken=self.rests_taken,
            rested_ms=self.rested_ms,
            furthest_ms=max(self.furthest_ms, position),
            heard_ms=min(self.heard_ms, self.timeline.total_ms),
        )

    # -- internals -----------------------------------------------------------------------

    def _settle_heard(self) -> None:
        """Add what has been heard since playing last started here, before the position moves."""
        if self._state is PlayerState.PLAYING:
            position = self.position_ms
            self._heard.add(self._pos, position)
            self._pos = position
            self._anchor_clock = max(self._clock.now_ms(), self._anchor_clock)

    def _clamp(self, position_ms: int) -> int:
        return max(0, min(position_ms, self.timeline.total_ms))

    def _emit(self, event: PlayerEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _set_state(self, state: PlayerState) -> None:
        if state is not self._state:
            old, self._state = self._state, state
            self._emit(StateChanged(old, state))

    def _checkpoint_now(self) -> None:
        self._last_checkpoint_clock = self._clock.now_ms()
        self._emit(CheckpointDue(self.checkpoint()))
