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

The count is only true while no buffer is being mixed: SDL mixes a buffer without the GIL and
counts it afterwards, under the GIL, so a count read while the output holds the GIL can be one
buffer behind (a fade then starts a buffer back, a click; a loaded machine showed it). So the
output reads it inside ``steady()``, which holds SDL's audio device lock: the mixing and its
count both run under that lock, and ctypes lets go of the GIL while it waits for it.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Iterator
from pathlib import Path

from audio.pcm import SAMPLE_BYTES

_POST_MIX = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


class MixedFrames:
    """The count of frames mixed since the hook was set; one per process, as the mixer is."""

    def __init__(self, library: ctypes.CDLL, sdl: ctypes.CDLL | None = None) -> None:
        self.frames = 0
        self._sdl = sdl
        # Kept on the instance: ctypes would free the C trampoline while SDL still calls it.
        self._hook = _POST_MIX(self._count)
        library.Mix_SetPostMix(self._hook, None)

    @contextlib.contextmanager
    def steady(self) -> Iterator[None]:
        """No buffer is mixed (nor counted) meanwhile; keep it short, a buffer is 23 ms."""
        device = self._playing_device()
        if device is None:
            yield
            return
        assert self._sdl is not None
        self._sdl.SDL_LockAudioDevice(device)
        try:
            yield
        finally:
            self._sdl.SDL_UnlockAudioDevice(device)

    def _playing_device(self) -> int | None:
        """SDL_mixer's device: the open one (SDL numbers opened devices from 2; 1 is legacy)."""
        if self._sdl is None:
            return None
        return next((d for d in range(1, 9) if self._sdl.SDL_GetAudioDeviceStatus(d) != 0), None)

    def _count(self, _udata: int | None, _stream: int | None, length: int) -> None:
        self.frames += length // SAMPLE_BYTES  # the mixer is mono


_installed: MixedFrames | None = None


def install() -> MixedFrames | None:
    """The count for the open mixer (set once, kept across reopening), or None if it cannot be
    set. Open pygame's mixer first."""
    global _installed
    if _installed is None:
        try:
            library = _loaded("SDL2_mixer")
        except (OSError, RuntimeError, AttributeError):
            return None
        try:
            sdl: ctypes.CDLL | None = _loaded("SDL2-2")
        except (OSError, RuntimeError):
            sdl = None
        _installed = MixedFrames(library, sdl)
    return _installed


def _loaded(name: str) -> ctypes.CDLL:
    """The copy of an SDL library that pygame already loaded (``SDL2_mixer``, ``SDL2-2``), so a
    hook set or a lock taken here is the one pygame's mixer uses."""
    import pygame

    maps = Path("/proc/self/maps")
    loaded = maps.read_text().splitlines() if maps.exists() else []
    paths = [line.split(maxsplit=5)[-1] for line in loaded if name in line]
    if not paths:  # no /proc (not Linux): the copy bundled beside pygame
        package = Path(pygame.__file__).parent
        pattern = "*SDL2_mixer*" if name == "SDL2_mixer" else "*SDL2[-.]*"
        paths = [
            str(p)
            for folder in (package, package.parent / "pygame.libs", package / ".dylibs")
            for p in sorted(folder.glob(pattern))
            if "mixer" in p.name or name == "SDL2_mixer"
        ]
    if not paths:
        raise RuntimeError(f"could not find the {name} library pygame uses")
    return ctypes.CDLL(paths[0])
