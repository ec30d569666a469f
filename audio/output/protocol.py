"""Where sound goes: the AudioOutput protocol, and the output for machines without sound.

Every call comes from one thread (the UI's). ``play`` replaces whatever is playing: a lesson has
one voice at a time, and a jump or a resume simply starts the right clip at the right frame.
``mark`` sounds a bell or chime beside it (``sounds.mark_for``), and ``stop`` silences both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from audio.pcm import Clip


class AudioOutput(Protocol):
    description: str

    def play(self, clip: Clip, from_ms: int = 0) -> None: ...
    def mark(self, clip: Clip) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


@dataclass
class NullOutput:
    """Plays nothing, remembers what it was asked: for captions-only mode and for tests."""

    description: str = "no sound output"
    calls: list[tuple[str, int, int]] = field(default_factory=list)
    """("play", clip length in ms, offset in ms), ("mark", clip length in ms, 0) or
    ("stop", 0, 0), in order."""
    _playing: bool = False

    def play(self, clip: Clip, from_ms: int = 0) -> None:
        self.calls.append(("play", clip.duration_ms, from_ms))
        self._playing = True

    def mark(self, clip: Clip) -> None:
        self.calls.append(("mark", clip.duration_ms, 0))
        self._playing = True

    def stop(self) -> None:
        if self._playing:
            self.calls.append(("stop", 0, 0))
        self._playing = False

    def close(self) -> None:
        self._playing = False
