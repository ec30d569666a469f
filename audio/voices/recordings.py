"""Instructors' recordings, each converted to Seesaw's format once, and the spans cues play.

A recorded lesson brought in whole (``seesaw import-recording``) is one long file whose every cue
plays a span of it. Decoding it per span would run ffmpeg over the whole file once a cue, so the
file is converted once (any rate and channel count: 48 kHz stereo becomes 22,050 Hz mono) and
kept, keyed by its path, size and modification time (an edited file is converted again), and a
span is a slice of that. One store is shared by the whole process: the player, the Author page's
preview and an export all read the same conversion.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from audio.pcm import SAMPLE_BYTES, Clip, ms_to_frames
from audio.voices.synthesis import decode_recording
from lesson_engine.model.recordings import Span
from lesson_engine.script.durations import format_time

KEPT_BYTES = 512 * 1024 * 1024
"""About three hours of converted sound; the least recently used recordings go past it."""


END_SLACK_MS = 50
"""How far a span's end may pass the end of its recording and still play (to the end): a WAV's
header and an MP3's ``Duration:`` say the length to the millisecond, while the conversion to
22,050 Hz may come out a frame or two shorter, and an MP3 decoder may drop part of one frame."""


class SpanOutside(ValueError):
    """A span that starts at or after the end of its recording, or ends past it.

    Neither is played: a span ending past the end would otherwise play to the end of the file,
    the later cues' words with it, and every later cue would play them again. The voice reads
    the cue instead, as for any recording that cannot be played (docs/lesson-format.md).
    """


class RecordingStore:
    def __init__(
        self, decode: Callable[[Path], Clip] = decode_recording, kept_bytes: int = KEPT_BYTES
    ) -> None:
        self._decode = decode
        self._kept_bytes = kept_bytes
        self._clips: OrderedDict[tuple[Path, int, int], Clip] = OrderedDict()
        self._lock = threading.Lock()  # the synthesis worker and the UI thread both ask

    def whole(self, path: Path) -> Clip:
        """The whole recording, converted; raises OSError or ValueError as ``decode_recording``."""
        stat = path.stat()
        key = (path.resolve(), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            clip = self._clips.get(key)
            if clip is not None:
                self._clips.move_to_end(key)
                return clip
            clip = self._decode(path)
            self._clips[key] = clip
            kept = sum(len(c.pcm) for c in self._clips.values())
            while kept > self._kept_bytes and len(self._clips) > 1:
                kept -= len(self._clips.popitem(last=False)[1].pcm)
            return clip

    def clip(self, path: Path, span: Span | None = None) -> Clip:
        """The part of the recording a cue plays; raises SpanOutside for a span that starts or
        ends past its end."""
        whole = self.whole(path)
        if span is None:
            return whole
        if span.start_ms >= whole.duration_ms:
            raise SpanOutside(
                f"the span from {format_time(span.start_ms)} starts past its end "
                f"({format_time(whole.duration_ms)})"
            )
        if span.end_ms is not None and span.end_ms > whole.duration_ms + END_SLACK_MS:
            raise SpanOutside(
                f"the span to {format_time(span.end_ms)} ends past its end "
                f"({format_time(whole.duration_ms)})"
            )
        start = ms_to_frames(span.start_ms) * SAMPLE_BYTES
        end = len(whole.pcm) if span.end_ms is None else ms_to_frames(span.end_ms) * SAMPLE_BYTES
        return Clip(whole.pcm[start:end])


RECORDINGS = RecordingStore()
"""The store every voice chain uses unless given its own."""
