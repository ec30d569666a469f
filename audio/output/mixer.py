"""Playback through pygame's mixer, started lazily with a small buffer so Pause is heard at once.

Each cue becomes a ``pygame.mixer.Sound`` built from its PCM, sliced at the offset the player asks
for; one channel carries the lesson, so starting a clip stops the previous one, and a second one
the marks (bells, chimes), so a bell rings on under the next instruction. The player's clock
decides when every clip starts.

A clip started mid-way fades in, and a stop fades out (``fades``): the channel is given the few
ms the mixer would have mixed next, ramped down. Which ms those are comes from the count of
frames mixed (``stream_count``): a clip starts at the frame count of the moment it was handed
over, so the count now, less that, is how far into it the mixer is. Without the count, a stop cuts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audio.output import stream_count
from audio.output.fades import FADE_FRAMES, faded_in, faded_out
from audio.output.protocol import SOUND_OFF
from audio.pcm import RATE, SAMPLE_BYTES, Clip

if TYPE_CHECKING:  # pygame loads slowly: only when the mixer starts
    import pygame

BUFFER_FRAMES = 512


class MixerUnavailable(RuntimeError):
    pass


@dataclass
class _Playing:
    """What a channel was last given, and the mixed-frame count at that moment."""

    pcm: bytes
    started: int
    volume: float


def _import_pygame() -> None:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    # SDL would otherwise catch SIGINT and SIGTERM and turn them into quit events nobody reads,
    # so Seesaw could no longer be stopped by the system or from a terminal.
    os.environ["SDL_NO_SIGNAL_HANDLERS"] = "1"
    import pygame  # noqa: F401


class PygameOutput:
    def __init__(self) -> None:
        _import_pygame()
        import pygame

        self._pygame = pygame
        try:
            pygame.mixer.pre_init(frequency=RATE, size=-16, channels=1, buffer=BUFFER_FRAMES)
            pygame.mixer.init()
        except pygame.error as exc:
            raise MixerUnavailable(f"no sound device could be opened (SDL said: {exc})") from None
        frequency, _size, channels = pygame.mixer.get_init()
        if (frequency, channels) != (RATE, 1):
            pygame.mixer.quit()
            raise MixerUnavailable(f"the sound device would not run at {RATE} Hz mono")
        self._channel = pygame.mixer.Channel(0)
        self._marks = pygame.mixer.Channel(1)
        self._mixed = stream_count.install()
        self._playing: dict[int, _Playing] = {}
        self.description = f"sound through {pygame.mixer.get_driver() if hasattr(pygame.mixer, 'get_driver') else 'SDL'}"

    def play(self, clip: Clip, from_ms: int = 0, volume: float = 1.0) -> None:
        data = clip.from_ms(from_ms)
        if not data:
            self.stop()
            return
        self._start(self._channel, faded_in(data) if from_ms > 0 else data, volume)

    def mark(self, clip: Clip, volume: float = 1.0) -> None:
        self._start(self._marks, clip.pcm, volume)

    def _start(self, channel: pygame.mixer.Channel, pcm: bytes, volume: float) -> None:
        sound = self._sound(pcm, volume)
        if self._mixed is None:
            channel.play(sound)
            return
        with self._mixed.steady():  # it starts at the next buffer: the one this count names
            self._playing[id(channel)] = _Playing(pcm, self._mixed.frames, volume)
            channel.play(sound)

    def _fade_out(self, channel: pygame.mixer.Channel) -> None:
        """Replace what ``channel`` plays with its next few ms, ramped down; cut if unknown."""
        playing = self._playing.pop(id(channel), None)
        if playing is None or self._mixed is None or not channel.get_busy():
            channel.stop()
            return
        with self._mixed.steady():  # no buffer mixed between the count and the tail's start
            counted = self._mixed.frames
            at = (counted - playing.started) * SAMPLE_BYTES
            tail = faded_out(playing.pcm[at : at + FADE_FRAMES * SAMPLE_BYTES])
            if not tail:
                channel.stop()
                return
            # kept as playing, so a second stop within the fade ramps on rather than cuts
            self._playing[id(channel)] = _Playing(tail, counted, playing.volume)
            channel.play(self._sound(tail, playing.volume))

    def _sound(self, pcm: bytes, volume: float) -> pygame.mixer.Sound:
        """The clip at ``volume``: the mixer scales it as it mixes, so nothing is copied."""
        sound = self._pygame.mixer.Sound(buffer=pcm)
        sound.set_volume(min(max(volume, 0.0), 1.0))
        return sound

    def stop(self) -> None:
        self._fade_out(self._channel)
        self._fade_out(self._marks)

    def close(self) -> None:
        self._channel.stop()
        self._marks.stop()
        self._playing.clear()
        self._pygame.mixer.quit()


def open_output(enabled: bool = True) -> tuple[PygameOutput | None, str]:
    """The mixer, or None with the reason in words when sound is off or cannot start."""
    if not enabled:
        return None, SOUND_OFF
    try:
        return PygameOutput(), ""
    except (MixerUnavailable, ImportError) as exc:
        return None, f"Sound could not start: {exc}. Lessons run with captions only."
