"""Where sound goes: the AudioOutput protocol, and the output for machines without sound.

Every call comes from one thread (the UI's). ``play`` replaces whatever is playing: a lesson has
one voice at a time, and a jump or a resume simply starts the right clip at the right frame.
``mark`` sounds a bell or chime beside it (``sounds.mark_for``), and ``stop`` silences both.
Each takes its own volume: the voice and the bells and metronome are set apart (``Volumes``), so
a learner can hear the count over a quiet voice, or the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from audio.pcm import Clip

SOUND_OFF = "Sound is turned off in Settings: lessons run with captions only."
"""What Seesaw says about sound while the learner has it turned off: at start (``open_output``),
and as they turn it off in Settings."""


@dataclass(frozen=True)
class Volumes:
    """How loud, from 0.0 (silent) to 1.0 (as made): the voice, and bells, chimes, metronome."""

    voice: float = 1.0
    sounds: float = 1.0


class AudioOutput(Protocol):
    description: str

    def play(self, clip: Clip, from_ms: int = 0, volume: float = 1.0) -> None: ...
    def mark(self, clip: Clip, volume: float = 1.0) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


@dataclass
class NullOutput:
    """Plays nothing, remembers what it was asked: for captions-only mode and for tests."""

    description: str = "no sound output"
    calls: list[tuple[str, int, int]] = field(default_factory=list)
    """("play", clip length in ms, offset in ms), ("mark", clip length in ms, 0) or
    ("stop", 0, 0), in order."""
    volumes: list[float] = field(default_factory=list)
    """The volume of each "play" and "mark" call, in the same order."""
    _playing: bool = False

    def play(self, clip: Clip, from_ms: int = 0, volume: float = 1.0) -> None:
        self.calls.append(("play", clip.duration_ms, from_ms))
        self.volumes.append(volume)
        self._playing = True

    def mark(self, clip: Clip, volume: float = 1.0) -> None:
        self.calls.append(("mark", clip.duration_ms, 0))
        self.volumes.append(volume)
        self._playing = True

    def stop(self) -> None:
        if self._playing:
            self.calls.append(("stop", 0, 0))
        self._playing = False

    def close(self) -> None:
        self._playing = False
