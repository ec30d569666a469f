"""Cues that play a span of one long recording: ``[audio lesson.wav from 0:01.5 to 0:03]``.

Judged as an instructor and a learner notice it: the exact message for a bad span, the sound of
each cue being its own stretch of the file (a 48 kHz stereo file, converted once), Rest and Back
replaying that stretch from its start, a resumed lesson landing on it, and a pack keeping the
file once.
"""

from __future__ import annotations

import subprocess
import wave
import zipfile
from pathlib import Path

import pytest

from audio.ffmpeg import ffmpeg_path
from audio.output.session import SessionAudio
from audio.pcm import SAMPLE_BYTES, Clip, ms_to_frames
from audio.render.track import render_lesson
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.recordings import RecordingStore
from audio.voices.synthesis import decode_recording
from audio.voices.timed import timed_by_voice
from lesson_engine.library.packs import create_pack
from lesson_engine.model.lesson import Speak
from lesson_engine.model.recordings import Span
from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import check_lesson_bytes, parse_lesson_text
from tests.audio_fixtures import ToneVoice
from tests.recording_fixtures import HeardOutput, dominant_hz, stereo_48k_tones

HEADER = "id: spans\ntitle: Spans\n---\n"
TONES = (300.0, 600.0, 1200.0)
"""The recording: one second of each, so every span can be told apart by its pitch."""


def messages(body: str, folder: Path | None = None) -> list[str]:
    """The first line of each message, with the folder taken out of the file's name."""
    path = folder / "t.lesson" if folder else Path("t.lesson")
    result = check_lesson_bytes((HEADER + body + "\n").encode(), path)
    return [str(d).splitlines()[0].removeprefix(f"{folder}/") for d in result.diagnostics]


def test_a_span_is_read_in_minutes_and_seconds_or_in_seconds() -> None:
    lesson = parse_lesson_text(
        HEADER
        + "[audio lesson.mp3 from 1:23.4 to 1:31.0] Lift.\n\n"
        + "[audio my lesson.mp3 from 83.4] Lower.\n\n"
        + "[audio lesson.mp3 to 2] Breathe.\n"
    )
    assert [s for s in lesson.sections[0].steps if isinstance(s, Speak)] == [
        Speak("Lift.", 4, Path("lesson.mp3"), Span(83_400, 91_000)),
        Speak("Lower.", 6, Path("my lesson.mp3"), Span(83_400, None)),
        Speak("Breathe.", 8, Path("lesson.mp3"), Span(0, 2_000)),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "[audio a.mp3 from 1:31 to 1:23.4] Hi.",
            "t.lesson:4:27: error: the span ends (1:23.4) before it starts (1:31.0)",
        ),
        (
            "[audio a.mp3 from 1:23.4 to 83.4] Hi.",
            "t.lesson:4:29: error: the span ends where it starts (1:23.4): it holds no sound",
        ),
        (
            "[audio a.mp3 from 1:75 to 2:00] Hi.",
            "t.lesson:4:19: error: bad time: '1:75' has 75 seconds: after ':' write 0 to 59.9",
        ),
        (
            "[audio a.mp3 from soon] Hi.",
            "t.lesson:4:19: error: bad time: 'soon' is not a time in the recording "
            "(write it like 1:23.4 (minutes:seconds) or 83.4 (seconds))",
        ),
        ("[audio a.mp3 from] Hi.", "t.lesson:4:18: error: 'from' needs a time"),
        (
            "[audio a.mp3 form 1:00] Hi.",
            "t.lesson:4:14: error: unexpected 'form' after the recording's path",
        ),
        (
            "[audio a.mp3 to 1:00 from 0:30] Hi.",
            "t.lesson:4:22: error: 'from' after the span's end",
        ),
    ],
)
def test_each_mistake_in_a_span_is_pointed_at(body: str, expected: str) -> None:
    assert messages(body)[0] == expected


def test_a_span_past_the_end_of_a_wav_is_refused_at_its_line(tmp_path: Path) -> None:
    stereo_48k_tones(tmp_path / "lesson.wav", TONES)
    found = messages("Fine.\n\n[audio lesson.wav from 2.5 to 0:04] Hi.", tmp_path)
    assert found == [
        "t.lesson:6:19: error: the span ends at 0:04.0, past the end of lesson.wav (0:03.0 long)"
    ]
    assert messages("[audio lesson.wav from 3.5] Hi.", tmp_path)[0].startswith(
        "t.lesson:4:19: error: the span starts at 0:03.5, past the end"
    )
    assert messages("[audio lesson.wav from 2.5 to 0:03] Hi.", tmp_path) == []


LESSON = (
    HEADER
    + "[audio lesson.wav from 0:00 to 0:01] The low one.\n[pause 2s]\n\n"
    + "[audio lesson.wav from 1.0 to 2.0] The middle one.\n[pause 2s]\n\n"
    + "[audio lesson.wav from 0:02] The high one.\n"
)


class CountingDecode:
    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> Clip:
        self.paths.append(path)
        return decode_recording(path)


def rig(tmp_path: Path, clock: ManualClock, saved: Checkpoint | None = None):
    stereo_48k_tones(tmp_path / "lesson.wav", TONES)
    (tmp_path / "t.lesson").write_text(LESSON)
    decode = CountingDecode()
    chain = VoiceChain(
        ToneVoice(), ClipCache(tmp_path / "cache"), recordings=RecordingStore(decode)
    )
    lesson = parse_lesson_text(LESSON, tmp_path / "t.lesson")
    timeline = timed_by_voice(lesson, chain)
    player = Player.restore(timeline, saved, clock) if saved else Player(timeline, clock)
    output = HeardOutput()
    SessionAudio(chain, output).attach(player)
    return player, output, decode, timeline


def run(player: Player, clock: ManualClock, ms: int) -> None:
    for _ in range(ms // 10):
        clock.advance(10)
        player.tick()


def near(hz: float, expected: float) -> bool:
    return abs(hz - expected) < expected * 0.05


def test_each_cue_plays_its_own_span_of_a_48k_stereo_file_converted_once(tmp_path: Path) -> None:
    clock = ManualClock()
    player, output, decode, timeline = rig(tmp_path, clock)
    assert [c.end_ms - c.start_ms for c in timeline.cues] == [3_000, 3_000, 1_000]
    player.play()
    run(player, clock, 7_500)
    assert [near(hz, tone) for (hz, _), tone in zip(output.heard, TONES, strict=True)] == [
        True,
        True,
        True,
    ], output.heard
    assert decode.paths == [tmp_path / "lesson.wav"]  # one conversion for three spans


def test_rest_and_back_replay_the_span_from_its_start(tmp_path: Path) -> None:
    clock = ManualClock()
    player, output, _, _ = rig(tmp_path, clock)
    player.play()
    run(player, clock, 3_500)  # 0.5 s into the middle span
    player.rest()
    clock.advance(60_000)
    player.resume()
    hz, offset = output.heard[-1]
    assert near(hz, TONES[1]) and offset == 0
    run(player, clock, 2_600)  # 2.6 s into the middle cue: Back goes to its start
    player.back()
    hz, offset = output.heard[-1]
    assert near(hz, TONES[1]) and offset == 0


def test_resume_after_a_crash_lands_on_the_span_being_heard(tmp_path: Path) -> None:
    clock = ManualClock()
    player, _, _, _ = rig(tmp_path, clock)
    player.play()
    run(player, clock, 6_400)  # into the high cue
    saved = Checkpoint.from_dict(player.checkpoint().to_dict())
    clock = ManualClock()
    restored, output, _, _ = rig(tmp_path, clock, saved)
    restored.play()
    hz, offset = output.heard[0]
    assert near(hz, TONES[2]) and offset == 0


def tones_mp3(folder: Path) -> Path:
    """The three tones as an MP3 (made with the bundled ffmpeg; skips the test without it)."""
    ffmpeg = ffmpeg_path()
    if ffmpeg is None:
        pytest.skip("the bundled ffmpeg is missing: MP3 recordings cannot be read")
    stereo_48k_tones(folder / "lesson.wav", TONES)
    mp3 = folder / "lesson.mp3"
    subprocess.run(
        [ffmpeg, "-loglevel", "error", "-i", str(folder / "lesson.wav"), str(mp3)], check=True
    )
    return mp3


def test_a_span_past_the_end_of_an_mp3_is_said_and_the_voice_reads_it(tmp_path: Path) -> None:
    """An MP3 does not say its length until decoded: the span is checked as it is played."""
    tones_mp3(tmp_path)
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
    text = HEADER + "[audio lesson.mp3 from 9] Two words.\n\n[audio lesson.mp3 from 2] High.\n"
    lesson = parse_lesson_text(text, tmp_path / "t.lesson")
    late, high = timed_by_voice(lesson, chain).events
    assert late.duration_ms == 200  # the tone voice: 100 ms a word
    assert 950 <= high.duration_ms <= 1_100  # an MP3 may pad its end a little
    assert chain.take_problems() == [
        "The recording lesson.mp3 could not be played (the span from 0:09.0 starts past its "
        "end (0:03.0)); the voice reads the cue instead."
    ]


def test_a_span_ending_past_the_end_of_an_mp3_is_not_played_and_the_render_says_so(
    tmp_path: Path,
) -> None:
    """A span whose 'to' is past the end (an edited 'to 0:50') would play the file to its end,
    the later cues' words with it, then every later cue again; the voice reads it instead."""
    tones_mp3(tmp_path)
    text = (
        HEADER
        + "[audio lesson.mp3 from 0 to 50] Two words.\n\n"
        + "[audio lesson.mp3 from 1 to 2] Middle.\n\n[audio lesson.mp3 from 2] High.\n"
    )
    lesson = parse_lesson_text(text, tmp_path / "t.lesson")
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
    timeline = render_lesson(lesson, chain, tmp_path / "out.wav")
    late, middle, _ = timeline.events
    assert late.duration_ms == 200  # the tone voice: 100 ms a word
    assert middle.duration_ms == 1_000
    with wave.open(str(tmp_path / "out.wav"), "rb") as out:
        track = Clip(out.readframes(out.getnframes()))
    assert track.duration_ms == timeline.total_ms
    assert 2_150 <= track.duration_ms <= 2_300  # not the whole file first (over 5 s)
    assert near(dominant_hz(Clip(track.pcm[: ms_to_frames(200) * SAMPLE_BYTES])), 440.0)
    assert chain.take_problems() == [
        "The recording lesson.mp3 could not be played (the span to 0:50.0 ends past its "
        "end (0:03.0)); the voice reads the cue instead."
    ]


def test_a_span_ending_within_a_few_ms_of_the_end_plays_to_the_end(tmp_path: Path) -> None:
    """The length ffmpeg tells and the decoded length may differ by a frame or two."""
    tones_mp3(tmp_path)
    text = HEADER + "[audio lesson.mp3 from 2 to 3.03] High.\n"
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
    (high,) = timed_by_voice(parse_lesson_text(text, tmp_path / "t.lesson"), chain).events
    assert 950 <= high.duration_ms <= 1_100  # the file's last second, not the voice's 100 ms
    assert chain.take_problems() == []


def test_a_pack_carries_a_recording_once_however_many_spans_use_it(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'title = "T"\nauthor = "A"\nversion = "1"\nlicence = "CC BY 4.0"\n'
    )
    stereo_48k_tones(folder / "lesson.wav", TONES)
    (folder / "t.lesson").write_text(LESSON)
    members = create_pack(folder, tmp_path / "t.zip")
    assert members == ["lesson.wav", "pack.toml", "t.lesson"]
    with zipfile.ZipFile(tmp_path / "t.zip") as archive:
        assert [i.filename for i in archive.infolist()].count("lesson.wav") == 1
    with wave.open(str(folder / "lesson.wav")) as whole:
        assert whole.getnframes() == 3 * 48_000  # kept whole on disk


def test_a_resumed_lesson_finds_a_span_cue_whose_caption_was_typed_in_since(
    tmp_path: Path,
) -> None:
    """Captions of an imported recording start as "(recorded instruction 2)" and are written
    later: the cue is the span, so the saved place survives the new words."""
    clock = ManualClock()
    player, _, _, timeline = rig(tmp_path, clock)
    player.play()
    run(player, clock, 3_500)  # in the middle span
    saved = Checkpoint.from_dict(player.checkpoint().to_dict())
    edited = LESSON.replace("The middle one.", "Let the knee fall open, slowly.")
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
    retimed = timed_by_voice(parse_lesson_text(edited, tmp_path / "t.lesson"), chain)
    assert saved.place_in(retimed) == retimed.cues[1].start_ms == timeline.cues[1].start_ms
    assert retimed.cues[1].caption == "Let the knee fall open, slowly."
