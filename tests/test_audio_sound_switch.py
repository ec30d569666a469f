"""The sound switch in the audio layer: the device a lesson plays through is never closed under
it, and every opening and closing after the start happens on the sound switch's own thread.

A stand-in device that notes the thread that closed it; ``tests/test_ui_sound_start.py`` turns
the real one on through SDL's dummy driver and a driver that does not exist.
"""

from __future__ import annotations

import threading
from pathlib import Path

from audio.lesson_audio import LessonAudio
from audio.output.protocol import NullOutput
from audio.pcm import Clip
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import compile_timeline
from tests.audio_fixtures import ToneVoice

LESSON = compile_timeline(parse_lesson_text("id: a\ntitle: A\n---\nLie down.\n"))


class Device:
    """An open sound device, as far as the lesson is concerned."""

    description = "a stand-in device"

    def __init__(self) -> None:
        self.closed_on: list[str] = []

    def play(self, clip: Clip, from_ms: int = 0, volume: float = 1.0) -> None: ...
    def mark(self, clip: Clip, volume: float = 1.0) -> None: ...
    def stop(self) -> None: ...

    def close(self) -> None:
        self.closed_on.append(threading.current_thread().name)


def audio_on(device: Device, tmp_path: Path) -> LessonAudio:
    return LessonAudio(VoiceChain(ToneVoice(), ClipCache(tmp_path)), device, [])


def test_sound_turned_off_closes_the_device_behind_as_the_next_lesson_is_prepared(
    tmp_path: Path,
) -> None:
    device = Device()
    audio = audio_on(device, tmp_path)
    try:
        assert audio.switch_sound(False).result() == ""
        assert audio.output is device and device.closed_on == []  # a lesson playing keeps it
        audio.prepare(LESSON)
        assert isinstance(audio.output, NullOutput)
        assert audio.description == "Captions only (no sound)"
    finally:
        audio.close()
    assert device.closed_on == ["seesaw-sound-switch_0"]  # not the thread that prepared


def test_sound_turned_off_and_on_again_before_a_lesson_keeps_the_device_open(
    tmp_path: Path,
) -> None:
    device = Device()
    audio = audio_on(device, tmp_path)
    try:
        audio.switch_sound(False)
        assert audio.switch_sound(True).result() == ""
        audio.prepare(LESSON)
        assert audio.output is device and device.closed_on == []
    finally:
        audio.close()
    assert device.closed_on == ["seesaw-sound-switch_0"]  # closed once, at the end, in order
