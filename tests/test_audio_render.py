"""A rendered lesson is exactly as long as its timeline, with every sound where it belongs."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from audio.pcm import SAMPLE_BYTES, ms_to_frames
from audio.render.encode import EncodingUnavailable, write_track
from audio.render.track import render, render_to_file
from audio.tones import beat_frames
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import EventKind
from tests.audio_fixtures import ToneVoice

LESSON = (
    "id: r\ntitle: R\n---\nLie down now.\n[pause 2s]\n[bell]\n[metronome 120 for 3s]\nStand up.\n"
)


def samples(track: bytes | bytearray) -> memoryview:
    return memoryview(bytes(track)).cast("h")


def first_sound(track: memoryview, start: int = 0) -> int:
    return next(i for i in range(start, len(track)) if track[i] != 0)


@pytest.fixture
def rendered(tmp_path: Path):
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path))
    lesson = parse_lesson_text(LESSON)
    timeline = timed_by_voice(lesson, chain)
    return timeline, chain, samples(render(timeline, chain))


def test_track_length_equals_the_timeline_to_the_frame(rendered) -> None:
    timeline, _, track = rendered
    assert len(track) == ms_to_frames(timeline.total_ms)


def test_speech_pause_bell_and_clicks_sit_where_the_timeline_places_them(rendered) -> None:
    timeline, _, track = rendered
    speech, pause, bell, metronome, last = timeline.events
    assert (speech.duration_ms, pause.kind, bell.kind) == (300, EventKind.PAUSE, EventKind.BELL)
    assert first_sound(track) == 1  # the tone starts at frame 0 with a zero crossing
    pause_frames = track[ms_to_frames(pause.start_ms) : ms_to_frames(pause.end_ms)]
    assert not any(pause_frames)
    assert first_sound(track, ms_to_frames(pause.start_ms)) == ms_to_frames(bell.start_ms) + 1
    start = ms_to_frames(metronome.start_ms)
    clicks = [start + f for f in beat_frames(120, 3_000)]
    assert len(clicks) == 6
    for click in clicks:
        assert any(track[click : click + 50])
    for click in clicks[1:]:  # before the first one the bell is still fading
        assert not any(track[click - 200 : click])
    assert first_sound(track, ms_to_frames(metronome.end_ms)) <= ms_to_frames(last.start_ms) + 1


def test_wav_export_holds_the_same_frames(rendered, tmp_path: Path) -> None:
    timeline, chain, track = rendered
    out = tmp_path / "lesson.wav"
    render_to_file(timeline, chain, out)
    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (22_050, 1, len(track))
        assert wav.readframes(wav.getnframes()) == bytes(track.cast("B"))


def test_ogg_and_mp3_export_through_the_bundled_ffmpeg(rendered, tmp_path: Path) -> None:
    timeline, chain, _ = rendered
    for suffix, magic in ((".ogg", b"OggS"), (".mp3", b"ID3")):
        out = tmp_path / f"lesson{suffix}"
        render_to_file(timeline, chain, out)
        assert out.read_bytes().startswith(magic)


def test_unknown_format_and_missing_encoder_are_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match=r"use \.wav, \.ogg or \.mp3"):
        write_track(bytes(SAMPLE_BYTES), tmp_path / "x.flac")
    import audio.render.encode as encode

    monkeypatch.setattr(encode, "ffmpeg_path", lambda: None)
    with pytest.raises(EncodingUnavailable, match=r"write a \.wav instead"):
        write_track(bytes(SAMPLE_BYTES), tmp_path / "x.ogg")


def test_render_to_mp3_without_a_working_ffmpeg_says_so_before_any_synthesis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    from audio.ffmpeg import ffmpeg_path
    from ui.cli import audio as cli_audio
    from ui.cli.commands import main

    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "no-such-ffmpeg"))
    ffmpeg_path.cache_clear()
    monkeypatch.setattr(cli_audio, "render_lesson", lambda *_: pytest.fail("synthesised first"))
    try:
        code = main(
            ["render", str(repo / "tests/data/sample.lesson"), "-o", str(tmp_path / "x.mp3")]
        )
    finally:
        ffmpeg_path.cache_clear()
    err = capsys.readouterr().err
    assert code == 1
    assert "MP3 needs ffmpeg" in err and "write a .wav instead" in err
    assert not (tmp_path / "x.mp3").exists()


def test_a_cancelled_render_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    from audio.render.track import RenderCancelled, render_lesson

    lesson = parse_lesson_text(
        "id: c\ntitle: C\n---\n# One\nLie down.\n[pause 2s]\nStand up.\n", Path("c.lesson")
    )
    out = tmp_path / "out" / "c.wav"
    out.parent.mkdir()
    out.write_bytes(b"the export from yesterday")
    seen: list[tuple[str, int, int]] = []

    def cancelled() -> bool:
        return any(stage == "encode" for stage, _, _ in seen)  # the file is being written

    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
    with pytest.raises(RenderCancelled):
        render_lesson(lesson, chain, out, lambda *step: seen.append(step), cancelled)
    assert out.read_bytes() == b"the export from yesterday"
    assert sorted(p.name for p in out.parent.iterdir()) == ["c.wav"]
    timeline = render_lesson(lesson, chain, out, lambda *step: seen.append(step))
    with wave.open(str(out)) as track:
        assert track.getnframes() == ms_to_frames(timeline.total_ms)
    assert seen[-1] == ("encode", 1, 1) and sorted(p.name for p in out.parent.iterdir()) == [
        "c.wav"
    ]
