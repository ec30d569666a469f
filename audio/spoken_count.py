"""The get-ready count said aloud ("Ready, 3", "2", "1") as one clip, each word at its second.

One clip, placed by the mixer's clock, rather than a word sent at each UI tick: a late tick
would make a word late, and the count must keep time with what the screen shows. It plays as
the voice, in the quiet the countdown holds before the instruction.
"""

from __future__ import annotations

from audio.pcm import SAMPLE_BYTES, Clip, ms_to_frames
from audio.sounds import Speech
from lesson_engine.playback.get_ready import CountWord
from lesson_engine.timeline import Utterance


def count_clip(words: tuple[CountWord, ...], speech: Speech) -> Clip | None:
    """The spoken count as one clip, each word at its moment (cut short if it would run into the
    next); None when a word is not made yet: the count is then shown only, never late."""
    clips = [speech(Utterance(word.text)) for word in words]
    if not words or any(clip is None for clip in clips):
        return None
    pcm = bytearray()
    ends = [word.at_ms for word in words[1:]] + [None]
    for word, clip, end in zip(words, clips, ends, strict=True):
        assert clip is not None
        pcm.extend(bytes(ms_to_frames(word.at_ms) * SAMPLE_BYTES - len(pcm)))
        room = None if end is None else ms_to_frames(end - word.at_ms) * SAMPLE_BYTES
        pcm.extend(clip.pcm[:room])
    return Clip(bytes(pcm))
