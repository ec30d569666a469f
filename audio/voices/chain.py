"""Per cue, the first source that can speak it: recording, neural voice, espeak-ng, captions.

Lengths come from what is already known (a decoded recording, a cached clip) and otherwise from
the captions estimate; the synthesis worker fills the cache and the lesson is re-timed as real
lengths arrive. ``cached_clip`` never synthesises, so playback on the UI thread never waits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from audio.pcm import Clip, silence
from audio.voices.cache import ClipCache, clip_key
from audio.voices.choice import clamp_speed, timing_key
from audio.voices.recordings import RECORDINGS, RecordingStore
from audio.voices.synthesis import (
    RecordingUndecodable,
    Voice,
    VoiceUnavailable,
    fallbacks_for,
    synthesize_with_pauses,
)
from lesson_engine.model.recordings import Span
from lesson_engine.timeline import Utterance, estimate_speech_ms


class VoiceChain:
    """The voice for a lesson, and the voices to fall back on, in order, if it stops working.

    ``fallbacks`` defaults to what this computer offers after ``voice`` (the neural voice falls
    back on espeak-ng when it is installed); after the last one, captions only.
    """

    def __init__(
        self,
        voice: Voice | None,
        cache: ClipCache,
        speed: float = 1.0,
        fallbacks: Sequence[Voice] | None = None,
        recordings: RecordingStore = RECORDINGS,
    ) -> None:
        self.voice = voice
        self._fallbacks = list(fallbacks_for(voice) if fallbacks is None else fallbacks)
        self.cache = cache
        self.speed = clamp_speed(speed)
        self._store = recordings
        self._recordings: dict[tuple[Path, Span | None], Clip | None] = {}
        self.problems: list[str] = []
        """What went wrong, in words, oldest first; only ever appended to (from the worker too)."""
        self._problems_told = 0

    @property
    def description(self) -> str:
        return f"Voice: {self.voice.label}" if self.voice else "Captions only (no voice available)"

    @property
    def voices(self) -> tuple[Voice, ...]:
        """The voice that reads now and those it would hand over to, in order."""
        return tuple([self.voice, *self._fallbacks] if self.voice else self._fallbacks)

    @property
    def timing_key(self) -> str:
        return timing_key(self.voice.name if self.voice else None, self.speed)

    def _key(self, text: str) -> str:
        assert self.voice is not None
        return clip_key(text, self.voice.name, self.speed)

    def _recording(self, utterance: Utterance) -> Clip | None:
        path = utterance.audio
        if path is None:
            return None
        key = (path, utterance.span)
        if key not in self._recordings:
            try:
                self._recordings[key] = self._store.clip(path, utterance.span)
            except RecordingUndecodable as exc:
                self._recordings[key] = None
                self.problems.append(f"{exc.about(path.name)}; the voice reads the cue instead.")
            except (OSError, ValueError) as exc:
                self._recordings[key] = None
                self.problems.append(
                    f"The recording {path.name} could not be played ({exc}); the voice reads the cue instead."
                )
        return self._recordings[key]

    def known_duration(self, utterance: Utterance) -> int | None:
        recording = self._recording(utterance)
        if recording is not None and utterance.audio is not None and utterance.span is not None:
            # To the millisecond the script names, not the slice's length rounded down: spans
            # of one recording follow one another, and a rounding a cue would add up over a
            # lesson, moving every pause the instructor made.
            whole_ms = self._store.whole(utterance.audio).duration_ms
            return utterance.span.length_ms(whole_ms)
        if recording is not None:
            return recording.duration_ms
        if self.voice is None:
            return estimate_speech_ms(utterance)
        return self.cache.duration_ms(self._key(utterance.text))

    def duration_of(self, utterance: Utterance) -> int:
        known = self.known_duration(utterance)
        return known if known is not None else estimate_speech_ms(utterance)

    def cached_clip(self, utterance: Utterance) -> Clip | None:
        recording = self._recording(utterance)
        if recording is not None:
            return recording
        if self.voice is None:
            return None
        return self.cache.get(self._key(utterance.text))

    def take_problems(self) -> list[str]:
        """The problems not yet taken, each once, so the app can tell the learner as they happen."""
        new = self.problems[self._problems_told :]
        self._problems_told += len(new)
        return new

    def clip_for(self, utterance: Utterance, keep: Callable[[], bool] = lambda: True) -> Clip:
        """The clip, synthesising and caching it if needed; silence when nothing can speak. A
        clip made is cached only if ``keep()`` still says so once it is made (a lesson's worker
        let go meanwhile does not leave its late clips for the next lesson)."""
        clip = self.cached_clip(utterance)
        if clip is not None:
            return clip
        while self.voice is not None:
            try:
                clip = synthesize_with_pauses(self.voice, utterance.text, self.speed)
            except VoiceUnavailable as exc:
                self._fall_back(str(exc))
            else:
                if keep():
                    self.cache.put(self._key(utterance.text), clip)
                return clip
        return silence(estimate_speech_ms(utterance))

    def _fall_back(self, reason: str) -> None:
        """The next voice along the chain takes over, and the learner is told which."""
        assert self.voice is not None
        failed = self.voice.label
        self.voice = self._fallbacks.pop(0) if self._fallbacks else None
        then = (
            f"{self.voice.label} reads from now on" if self.voice else "captions only from now on"
        )
        self.problems.append(f"{failed} stopped working ({reason}); {then}.")
