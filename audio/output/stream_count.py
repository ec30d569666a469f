"""How many frames SDL_mixer has mixed: where, to the frame, a playing clip is in its sound.

A pause that fades needs it. SDL_mixer starts a clip at the next buffer it mixes and stops one the
same way, so a cut at a pause drops the wave from wherever it is to zero in one sample (a click,
up to -11.5 dBFS was measured). To fade instead, the output replaces the clip with its own next
few milliseconds, ramped down; that is only seamless if those are exactly the samples the mixer
would have mixed next, so the output must know how far into the clip the mixer is. SDL_mixer does
not say, and its own fades step the volume once a buffer (23 ms), which clicks as well.

So a post-mix hook counts each buffer the moment it is mixed, before the driver writes it: the
next clip started lands exactly at ``frames``. The hook takes the GIL on SDL's audio thread for an
integer addition, as pygame's own end-of-sound callback does; that is safe because pygame releases
the GIL around the calls that wait for that thread (play, stop, freeing a sound, quit). The mixing
itself stays in SDL's C code. Where the library cannot be found, there is no count and the output
cuts as before (``install`` returns None).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

from audio.pcm import SAMPLE_BYTES

_POST_MIX = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


class MixedFrames:
    """The count of frames mixed since the hook was set; one per process, as the mixer is."""

    def __init__(self, library: ctypes.CDLL) -> None:
        self.frames = 0
        # Kept on the instance: ctypes would free the C trampoline while SDL still calls it.
        self._hook = _POST_MIX(self._count)
        library.Mix_SetPostMix(self._hook, None)

    def _count(self, _udata: int | None, _stream: int | None, length: int) -> None:
        self.frames += length // SAMPLE_BYTES  # the mixer is mono


_installed: MixedFrames | None = None


def install() -> MixedFrames | None:
    """The count for the open mixer (set once, kept across reopening), or None if it cannot be
    set. Open pygame's mixer first."""
    global _installed
    if _installed is None:
        try:
            library = _loaded_sdl_mixer()
        except (OSError, RuntimeError, AttributeError):
            return None
        _installed = MixedFrames(library)
    return _installed


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
