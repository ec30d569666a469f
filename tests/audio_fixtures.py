"""A voice that makes a tone of known length, and a clock read from the mixed output itself.

Both let audio tests know exactly what to expect: the tone says what each cue sounds like and for
how long, the clock says where in the output stream each moment of the lesson falls.
"""

from __future__ import annotations

import math
import threading
import time
from array import array
from pathlib import Path
from typing import Any

from audio.output import stream_count
from audio.pcm import RATE, Clip, frames_to_ms
from lesson_engine.playback.player import Player
from lesson_engine.playback.state import PlayerState
from tests.child_python import python_json


class ToneVoice:
    """Speaks every text as a 440 Hz tone, 100 ms per word; counts how often it is asked."""

    name = "tone"
    label = "Test tone"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def load(self) -> None:
        return None

    def synthesize(self, text: str, speed: float) -> Clip:
        self.calls.append(text)
        return tone(100 * len(text.split()))


class HeldTone(ToneVoice):
    """A tone voice that holds its first cue until ``gate`` opens."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.holding = threading.Event()

    def synthesize(self, text: str, speed: float) -> Clip:
        if not self.calls:
            self.holding.set()
            self.gate.wait(timeout=20)  # opened by the test; only a broken build waits it out
        return super().synthesize(text, speed)


def tone(ms: int, hz: float = 440.0) -> Clip:
    frames = RATE * ms // 1000
    return Clip(
        array(
            "h", (int(8000 * math.sin(2 * math.pi * hz * n / RATE)) for n in range(frames))
        ).tobytes()
    )


class MixedFramesClock:
    """The player's clock read from the output stream: how much sound the mixer has produced.

    Why not the wall clock: SDL's disk driver sleeps about one buffer between writes and oversleeps
    on a busy machine, so its stream falls behind real time (60 ms in 1.2 s was measured). A player
    on the wall clock then places cues later and later in the stream, and a test comparing the two
    measures the scheduler, not Seesaw. On this clock "where the timeline places a cue" and "where
    its sound is in the stream" are in the same time, as they are with a sound card's own clock.

    Why not the size of the file the disk driver writes: SDL writes it through stdio, so it grows
    4 KiB (four buffers, 93 ms) at a time. Instead it reads the count the output itself keeps of
    each buffer the moment it is mixed (``audio.output.stream_count``), so the next clip started
    lands exactly at ``frames`` in the stream. Open pygame's mixer (``PygameOutput``) first.
    """

    def __init__(self) -> None:
        counter = stream_count.install()
        if counter is None:
            raise RuntimeError("could not count the mixer's frames")
        self._counter = counter
        self._start = counter.frames

    @property
    def frames(self) -> int:
        """Frames mixed since this clock started; final once the mixer is closed."""
        return self._counter.frames - self._start

    def now_ms(self) -> int:
        return frames_to_ms(self.frames)


def play_through(player: Player) -> None:
    """Play ``player`` to its end, ticking as the app's timer does: at each boundary, else every
    5 ms, on whatever clock the player was given (in a child process, the mixed stream's)."""
    player.play()
    while player.state is not PlayerState.FINISHED:
        wait = player.ms_until_next_boundary()
        time.sleep(min(wait or 5, 5) / 1000)
        player.tick()


def mixed_in_child(
    repo: Path, child: str, raw: Path, *args: str, timeout: int = 60
) -> tuple[dict[str, Any], array[int], int]:
    """Run ``child`` (Python code) in a process whose SDL writes what pygame's mixer plays to
    ``raw`` (SDL reads its driver once, so a test cannot switch it in its own process).

    Returns what the child printed last, as JSON; the samples SDL wrote; and how many of those
    came before the child's ``MixedFramesClock`` began counting (silence while the device was
    still paused), so that frame ``f`` of the file is ``f - uncounted`` on the stream's clock.
    """
    result = python_json(
        repo, child, *args, timeout=timeout, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw)
    )
    samples = array("h", raw.read_bytes())
    return result, samples, len(samples) - int(result.get("mixed", len(samples)))
