"""A voice that makes a tone of known length, and a clock read from the mixed output itself.

Both let audio tests know exactly what to expect: the tone says what each cue sounds like and for
how long, the clock says where in the output stream each moment of the lesson falls.
"""

from __future__ import annotations

import ctypes
import math
from array import array
from pathlib import Path

from audio.pcm import RATE, SAMPLE_BYTES, Clip, frames_to_ms


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


def tone(ms: int, hz: float = 440.0) -> Clip:
    frames = RATE * ms // 1000
    return Clip(
        array(
            "h", (int(8000 * math.sin(2 * math.pi * hz * n / RATE)) for n in range(frames))
        ).tobytes()
    )


_POST_MIX = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


class MixedFramesClock:
    """The player's clock read from the output stream: how much sound the mixer has produced.

    Why not the wall clock: SDL's disk driver sleeps about one buffer between writes and oversleeps
    on a busy machine, so its stream falls behind real time (60 ms in 1.2 s was measured). A player
    on the wall clock then places cues later and later in the stream, and a test comparing the two
    measures the scheduler, not Seesaw. On this clock "where the timeline places a cue" and "where
    its sound is in the stream" are in the same time, as they are with a sound card's own clock.

    Why not the size of the file the disk driver writes: SDL writes it through stdio, so it grows
    4 KiB (four buffers, 93 ms) at a time. Instead SDL_mixer's post-mix hook counts each buffer
    the moment it is mixed, before the driver writes it; so the next clip started lands exactly at
    ``frames`` in the stream. Open pygame's mixer first. The hook takes the GIL on SDL's audio
    thread, as pygame's own end-of-sound callback does; that is safe because pygame releases the
    GIL around the calls Seesaw makes that wait for that thread (play, stop, freeing a sound, quit).
    """

    def __init__(self) -> None:
        self._frames = 0
        # Kept on the instance: ctypes would free the C trampoline while SDL still calls it.
        self._hook = _POST_MIX(self._count)
        _loaded_sdl_mixer().Mix_SetPostMix(self._hook, None)

    def _count(self, _udata: int | None, _stream: int | None, length: int) -> None:
        self._frames += length // SAMPLE_BYTES  # the mixer is mono

    @property
    def frames(self) -> int:
        """Frames mixed since this clock started; final once the mixer is closed."""
        return self._frames

    def now_ms(self) -> int:
        return frames_to_ms(self._frames)


def _loaded_sdl_mixer() -> ctypes.CDLL:
    """The copy of SDL_mixer that pygame already loaded, so a hook set here reaches its mixer."""
    import pygame

    maps = Path("/proc/self/maps")
    loaded = maps.read_text().splitlines() if maps.exists() else []
    paths = [line.split(maxsplit=5)[-1] for line in loaded if "SDL2_mixer" in line]
    if not paths:  # no /proc (not Linux): the copy bundled beside pygame
        package = Path(pygame.__file__).parent
        paths = [
            str(p)
            for folder in (package, package.parent / "pygame.libs", package / ".dylibs")
            for p in sorted(folder.glob("*SDL2_mixer*"))
        ]
    if not paths:
        raise RuntimeError("could not find the SDL_mixer library pygame uses")
    return ctypes.CDLL(paths[0])
