"""The next lesson's voice, as settings changed since the last lesson take effect: the last
lesson's voice worker is let go without being waited for, nothing it makes late reaches the
next lesson, and a new speed reads with the voice already loaded.

The real audio layer (``LessonAudio``), its worker and clip cache in a temporary folder; the
voices are tone stand-ins that hold a synthesis or a load until the test lets them go on.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.pcm import Clip
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import Timeline, Utterance, compile_timeline
from tests.audio_fixtures import ToneVoice, tone

CUE = "Lift the top knee a little."


def lesson_saying(cue: str) -> Timeline:
    return compile_timeline(parse_lesson_text(f"id: a\ntitle: A\n---\n{cue}\n"))


class Pitched(ToneVoice):
    """A tone voice at its own pitch, so a test hears which voice made a clip; ``load`` waits
    for ``loading`` (set from the start unless the test holds it), noting each load's thread."""

    def __init__(self, hz: float) -> None:
        super().__init__()
        self.hz = hz
        self.loading = threading.Event()
        self.loading.set()
        self.loads: list[str] = []

    def load(self) -> None:
        """Loads once, as the natural voice's model does; loaded, it answers at once."""
        if self.loads:
            return
        self.loads.append(threading.current_thread().name)
        self.loading.wait(timeout=20)  # opened by the test; only a broken build waits it out

    def synthesize(self, text: str, speed: float) -> Clip:
        self.calls.append(text)
        return tone(100 * len(text.split()), self.hz)


class HeldUntilReturned(Pitched):
    """Holds its first clip until the test says the next lesson's start has returned, and
    notes whether it waited that out: only a start that waits for this worker makes it."""

    def __init__(self, hz: float) -> None:
        super().__init__(hz)
        self.holding = threading.Event()
        self.returned = threading.Event()
        self.waited_out = False

    def synthesize(self, text: str, speed: float) -> Clip:
        if not self.calls:
            self.holding.set()
            self.waited_out = not self.returned.wait(timeout=3)
        return super().synthesize(text, speed)


@pytest.fixture
def cache(tmp_path: Path) -> ClipCache:
    return ClipCache(tmp_path / "cache")


def test_the_next_lesson_starts_without_waiting_for_the_last_ones_voice_nor_takes_its_late_clip(
    cache: ClipCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = HeldUntilReturned(440)
    audio = LessonAudio(VoiceChain(last, cache, fallbacks=()), NullOutput(), [])
    try:
        audio.prepare(lesson_saying(CUE))  # the last lesson: its worker makes the cue
        assert last.holding.wait(timeout=10)
        finishing = audio.worker
        following = Pitched(660)  # the voice the changed settings pick, of the same name
        following.loading.clear()  # it loads only once the last worker's clip is done
        monkeypatch.setattr("audio.lesson_audio.pick_voice", lambda *_: following)
        audio.reconfigure("espeak", 1.0, True)
        audio.prepare(lesson_saying(CUE))  # the next lesson, which says the same cue
        last.returned.set()
        assert not last.waited_out  # the start returned while the last clip was in hand
        assert finishing.wait_idle(timeout=10)  # that clip is made now, behind
        assert last.calls == [CUE]
        following.loading.set()
        assert audio.worker.wait_idle(timeout=10)
        assert following.calls[0] == CUE  # made again, first, by the next lesson's voice
        assert audio.chain.cached_clip(Utterance(CUE)) == tone(600, 660)  # what plays: its own
    finally:
        last.returned.set()
        audio.close()


def test_a_new_speed_reads_with_the_voice_loaded_already_and_the_lesson_playing_keeps_its_own(
    cache: ClipCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speed slider moved during a lesson: that lesson goes on as it was timed, and the
    next reads at the new speed with the very voice loaded for the last: no second load."""
    monkeypatch.setattr("audio.voices.choice.piper_installed", lambda: True)
    natural = Pitched(440)
    natural.name = "piper-joe"  # the natural voice, as this computer has it
    made: list[object] = []
    monkeypatch.setattr("audio.lesson_audio.pick_voice", lambda *_: made.append(1))
    audio = LessonAudio(VoiceChain(natural, cache, fallbacks=()), NullOutput(), [])
    try:
        playing = lesson_saying(CUE)
        audio.prepare(playing)
        assert audio.worker.wait_idle(timeout=10)
        heard = audio.duration_of(Utterance(CUE))
        audio.reconfigure("piper", 1.2, True)  # moved while that lesson plays
        assert audio.chain.speed == 1.0 and audio.duration_of(Utterance(CUE)) == heard
        audio.prepare(lesson_saying(CUE))  # the next lesson
        assert audio.worker.wait_idle(timeout=10)
        assert audio.chain.voice is natural and audio.chain.speed == 1.2
        assert natural.loads == ["seesaw-voice"]  # loaded once, off the window's thread
        assert made == []  # no fresh voice, so no fresh model
        assert audio.chain.cached_clip(Utterance(CUE)) is not None  # made at 1.2 now
        assert natural.calls.count(CUE) == 2  # once at each speed
    finally:
        audio.close()
