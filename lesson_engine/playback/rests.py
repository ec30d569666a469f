"""The rests of one session: the one under way, the ones taken, and those from before a restore.

A rest keeps its own time, apart from the lesson's position: it runs on the clock from the
moment Rest was pressed, for as long as the learner wants; it knows where the lesson goes on (the
start of the instruction, or the end of a suggested rest it replaced); and the moment its
suggested time is over is announced once, for the bell. The player decides when a rest begins
and ends; this keeps the count.
"""

from __future__ import annotations

from dataclasses import dataclass

from lesson_engine.playback.clock import Clock


@dataclass(frozen=True)
class RestRecord:
    cue_id: str
    rested_ms: int


class Rests:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._taken: list[RestRecord] = []
        self.earlier = (0, 0)
        """(rests, ms rested) before this player was restored from a checkpoint."""
        self._started_clock = 0
        self.suggested_ms = 0
        self.resume_ms = 0
        """Where the lesson goes on when this rest ends; a jump while resting moves it."""
        self._cue_id = ""
        self._over_told = False

    def begin(self, cue_id: str, suggested_ms: int, resume_ms: int) -> None:
        self._cue_id, self.suggested_ms, self.resume_ms = cue_id, suggested_ms, resume_ms
        self._started_clock = self._clock.now_ms()
        self._over_told = False

    def elapsed_ms(self) -> int:
        return self._clock.now_ms() - self._started_clock

    def end(self) -> int:
        """The rest under way is over: count it, and return how long it lasted."""
        rested = self.elapsed_ms()
        self._taken.append(RestRecord(self._cue_id, rested))
        return rested

    def over_now(self) -> bool:
        """True once: the first time it is asked after the suggested time is up."""
        if self._over_told or self.elapsed_ms() < self.suggested_ms:
            return False
        self._over_told = True
        return True

    def ms_until_over(self) -> int | None:
        """How long until ``over_now`` turns True; None once it has."""
        return None if self._over_told else max(0, self.suggested_ms - self.elapsed_ms())

    def forget(self) -> None:
        """Played again from the start: a new session, with no rests yet."""
        self._taken.clear()
        self.earlier = (0, 0)

    @property
    def records(self) -> tuple[RestRecord, ...]:
        return tuple(self._taken)

    @property
    def taken(self) -> int:
        return self.earlier[0] + len(self._taken)

    @property
    def rested_ms(self) -> int:
        return self.earlier[1] + sum(r.rested_ms for r in self._taken)
