"""The microphone, through the SDL that pygame already carries: no other audio library is needed.

SDL hands captured sound to a callback on its own audio thread; the callback only appends the
bytes (under a lock) and notes the loudest sample, so the UI thread can read the level for its
meter and the take so far whenever it likes, and never waits on the audio thread. SDL converts
whatever the device records to Seesaw's own format (mono, 16-bit, 22,050 Hz) before the callback.

SDL's audio must already be started, by the app's sound output (``audio.output.mixer``): without
a sound device, there is nothing to record from either, and the author is told so. Tests record
through SDL's disk driver, which reads the "microphone" from a file (``SDL_DISKAUDIOFILEIN``).
"""

from __future__ import annotations

import os
import threading
from array import array
from typing import TYPE_CHECKING

from audio.pcm import RATE, Clip

if TYPE_CHECKING:
    from pygame._sdl2.audio import AudioDevice

CHUNK_FRAMES = 512
FULL_SCALE = 32768


class CaptureUnavailable(RuntimeError):
    """No microphone could be opened; the message says why, in words."""


class Microphone:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parts: list[bytes] = []
        self._peak = 0
        self._device: AudioDevice | None = None

    @staticmethod
    def names() -> list[str]:
        """The capture devices SDL can see; raises CaptureUnavailable when SDL audio is off."""
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        import pygame
        from pygame._sdl2 import audio as sdl_audio

        if not pygame.mixer.get_init():
            raise CaptureUnavailable("sound is off or could not start, so nothing can be recorded")
        try:
            return list(sdl_audio.get_audio_device_names(True))
        except pygame.error as exc:
            raise CaptureUnavailable(f"no microphone could be found ({exc})") from None

    def start(self, name: str | None = None) -> None:
        """Start a new take from the microphone ``name`` (the first one when None)."""
        from pygame._sdl2 import audio as sdl_audio

        names = self.names()
        if not names:
            raise CaptureUnavailable("this computer has no microphone that Seesaw can use")
        self.stop()
        with self._lock:
            self._parts, self._peak = [], 0
        try:
            self._device = sdl_audio.AudioDevice(
                devicename=name or names[0],
                iscapture=True,
                frequency=RATE,
                audioformat=sdl_audio.AUDIO_S16,
                numchannels=1,
                chunksize=CHUNK_FRAMES,
                allowed_changes=0,  # SDL converts to our format, whatever the device records
                callback=self._heard,
            )
        except Exception as exc:  # pygame raises its error or a SDL one, depending on the step
            raise CaptureUnavailable(f"the microphone could not be opened ({exc})") from None
        self._device.pause(0)

    def _heard(self, _device: object, data: memoryview) -> None:
        chunk = bytes(data)
        samples = array("h", chunk)
        loudest = max((abs(s) for s in samples), default=0)
        with self._lock:
            self._parts.append(chunk)
            self._peak = max(self._peak, loudest)

    def level(self) -> float:
        """The loudest sample since the last call, 0 to 1: what the meter shows."""
        with self._lock:
            peak, self._peak = self._peak, 0
        return peak / FULL_SCALE

    def take(self) -> Clip:
        """Everything recorded since ``start``, so far."""
        with self._lock:
            return Clip(b"".join(self._parts))

    @property
    def recording(self) -> bool:
        return self._device is not None

    def stop(self) -> Clip:
        """Stop recording; returns the take."""
        device, self._device = self._device, None
        if device is not None:
            device.pause(1)
            device.close()
        return self.take()
