"""Sound as Seesaw handles it inside: mono, signed 16-bit, 22,050 frames a second.

One format everywhere (the neural voice's own) means no resampling on the hot path, and
positions convert between milliseconds and frames with one rule, ``ms_to_frames``, so a rendered
track and the timeline agree to the frame.
"""

from __future__ import annotations

from dataclasses import dataclass

RATE = 22_050
SAMPLE_BYTES = 2


def ms_to_frames(ms: int) -> int:
    return ms * RATE // 1000


def frames_to_ms(frames: int) -> int:
    return frames * 1000 // RATE


@dataclass(frozen=True)
class Clip:
    pcm: bytes

    @property
    def frames(self) -> int:
        return len(self.pcm) // SAMPLE_BYTES

    @property
    def duration_ms(self) -> int:
        return frames_to_ms(self.frames)

    def from_ms(self, offset_ms: int) -> bytes:
        """The clip from ``offset_ms`` on: how a resumed or late cue starts mid-way."""
        start = min(ms_to_frames(max(offset_ms, 0)), self.frames) * SAMPLE_BYTES
        return self.pcm[start:]

    def without_trailing_silence(self) -> Clip:
        """The clip up to its last sample that is not zero: a voice's breath taken off, so a pause
        of one second between two pieces of a cue is one second and not that plus a breath."""
        kept = len(self.pcm.rstrip(b"\x00"))
        return Clip(self.pcm[: -(-kept // SAMPLE_BYTES) * SAMPLE_BYTES])


def silence(ms: int) -> Clip:
    return Clip(bytes(ms_to_frames(ms) * SAMPLE_BYTES))
