"""The few milliseconds of ramp that keep a pause, a resume or a jump from clicking.

A wave cut off mid-swing drops to zero in one sample, which is heard as a click; started mid-way
it jumps up from zero the same way. Ramped over ``FADE_MS`` instead, the largest sample-to-sample
step at the cut stays below -40 dBFS even for a full-scale sound (32767 / 88 frames is about
-39 dBFS; speech peaks well below full scale), and a pause is silent only that much later.
"""

from __future__ import annotations

from array import array

from audio.pcm import ms_to_frames

FADE_MS = 4
FADE_FRAMES = ms_to_frames(FADE_MS)


def faded_in(pcm: bytes) -> bytes:
    """``pcm`` rising from silence over its first ``FADE_MS``: a clip started mid-way."""
    head = array("h", pcm[: FADE_FRAMES * 2])
    for n in range(len(head)):
        head[n] = head[n] * n // FADE_FRAMES
    return head.tobytes() + pcm[len(head) * 2 :]


def faded_out(pcm: bytes) -> bytes:
    """The first ``FADE_MS`` of ``pcm`` falling to silence: what sounds after a cut."""
    tail = array("h", pcm[: FADE_FRAMES * 2])
    for n in range(len(tail)):
        tail[n] = tail[n] * (FADE_FRAMES - 1 - n) // FADE_FRAMES
    return tail.tobytes()
