"""What the app needs from the audio layer, as one small protocol, and the silent stand-in.

``audio.lesson_audio.LessonAudio`` is the real one; ``SilentAudio`` (captions only) is what tests
and the screenshots use, so a whole lesson can be followed without a sound card. The journal needs
no such port: tests and the app alike use the real ``Journal``, on disk or ``in_memory``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Protocol

from lesson_engine.timeline import Utterance, estimate_speech_ms

if TYPE_CHECKING:  # the player is loaded when the first lesson starts (``player/loading.py``)
    from lesson_engine.playback.player import Player
    from lesson_engine.timeline import Timeline


class AudioPort(Protocol):
    @property
    def description(self) -> str:
        """Which voice and output are in use, in words, e.g. "Voice: Joe (offline)"."""
        ...

    @property
    def timing_key(self) -> str:
        """Names how speech is timed, so cached lesson lengths of one voice are not shown for another."""
        ...

    def duration_of(self, utterance: Utterance) -> int: ...
    def attach(self, player: Player) -> Callable[[], None]: ...
    def prepare(self, timeline: Timeline) -> None: ...
    def prefetch(self, timelines: Sequence[Timeline]) -> None:
        """Make the first cues of these lessons when nothing else is asked of the voice."""
        ...

    def first_ready(self, timeline: Timeline, position_ms: int = 0, wait_s: float = 0.0) -> bool:
        """Whether the first cue from there can be heard now (it is then made next)."""
        ...

    def take_new_lengths(self) -> bool: ...
    def take_problems(self) -> list[str]:
        """What went wrong with the voice since last asked (e.g. it stopped working), in words."""
        ...

    def progress(self) -> tuple[int, int]: ...
    def try_voice(self, choice: str) -> Future[str]:
        """Load the voice a setting picks now, off the window's thread (falling back if it will
        not); the future holds what to say of it."""
        ...

    def set_volumes(self, voice: float, sounds: float) -> None:
        """The voice's and the bells' and metronome's volumes, 0.0 to 1.0, heard from now on."""
        ...

    def switch_sound(self, on: bool) -> Future[str]:
        """Sound on or off from the next lesson: the device opened (or closed) off the window's
        thread; the future holds what to tell the learner, "" when the sound works."""
        ...


class SilentAudio:
    """Captions only: cues last as long as reading them takes, and nothing is played."""

    description = "Captions only (no sound)"
    timing_key = "estimate"

    def duration_of(self, utterance: Utterance) -> int:
        return estimate_speech_ms(utterance)

    def attach(self, player: Player) -> Callable[[], None]:
        return lambda: None

    def prepare(self, timeline: Timeline) -> None:
        return None

    def prefetch(self, timelines: Sequence[Timeline]) -> None:
        return None

    def first_ready(self, timeline: Timeline, position_ms: int = 0, wait_s: float = 0.0) -> bool:
        return True

    def take_new_lengths(self) -> bool:
        return False

    def take_problems(self) -> list[str]:
        return []

    def progress(self) -> tuple[int, int]:
        return (0, 0)

    def try_voice(self, choice: str) -> Future[str]:
        said: Future[str] = Future()  # nothing to load
        said.set_result("Lessons run with captions only in this window: nothing is played.")
        return said

    def set_volumes(self, voice: float, sounds: float) -> None:
        return None

    def switch_sound(self, on: bool) -> Future[str]:
        nothing: Future[str] = Future()  # no device to open: captions only, as the window says
        nothing.set_result("")
        return nothing
