"""Playback through pygame's mixer, started lazily with a small buffer so Pause is heard at once.

Each cue becomes a ``pygame.mixer.Sound`` built from its PCM, sliced at the offset the player asks
for; one channel carries the lesson, so starting a clip stops the previous one, and a second one
the marks (bells, chimes), so a bell rings on under the next instruction. The mixer's own clock
is never consulted: the player's clock decides when every clip starts.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from audio.pcm import RATE, Clip

if TYPE_CHECKING:  # pygame loads slowly: only when the mixer starts
    import pygame

BUFFER_FRAMES = 512


class MixerUnavailable(RuntimeError):
    pass


class PygameOutput:
    def __init__(self) -> None:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        # SDL would otherwise catch SIGINT and SIGTERM and turn them into quit events nobody reads,
        # so Seesaw could no longer be stopped by the system or from a terminal.
        os.environ["SDL_NO_SIGNAL_HANDLERS"] = "1"
        import pygame

        self._pygame = pygame
        try:
            pygame.mixer.pre_init(frequency=RATE, size=-16, channels=1, buffer=BUFFER_FRAMES)
            pygame.mixer.init()
        except pygame.error as exc:
            raise MixerUnavailable(f"no sound device could be opened ({exc})") from None
        frequency, _size, channels = pygame.mixer.get_init()
        if (frequency, channels) != (RATE, 1):
            pygame.mixer.quit()
            raise MixerUnavailable(f"the sound device would not run at {RATE} Hz mono")
        self._channel = pygame.mixer.Channel(0)
        self._marks = pygame.mixer.Channel(1)
        self.description = f"sound through {pygame.mixer.get_driver() if hasattr(pygame.mixer, 'get_driver') else 'SDL'}"

    def play(self, clip: Clip, from_ms: int = 0, volume: float = 1.0) -> None:
        data = clip.from_ms(from_ms)
        if not data:
            self.stop()
            return
        self._channel.play(self._sound(data, volume))

    def mark(self, clip: Clip, volume: float = 1.0) -> None:
        self._marks.play(self._sound(clip.pcm, volume))

    def _sound(self, pcm: bytes, volume: float) -> pygame.mixer.Sound:
        """The clip at ``volume``: the mixer scales it as it mixes, so nothing is copied."""
        sound = self._pygame.mixer.Sound(buffer=pcm)
        sound.set_volume(min(max(volume, 0.0), 1.0))
        return sound

    def stop(self) -> None:
        self._channel.stop()
        self._marks.stop()

    def close(self) -> None:
        self.stop()
        self._pygame.mixer.quit()


def open_output(enabled: bool = True) -> tuple[PygameOutput | None, str]:
    """The mixer, or None with the reason in words when sound is off or cannot start."""
    if not enabled:
        return None, "Sound is turned off in Settings: lessons run with captions only."
    try:
        return PygameOutput(), ""
    except (MixerUnavailable, ImportError) as exc:
        return None, f"Sound could not start ({exc}): lessons run with captions only."
