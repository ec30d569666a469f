"""Bringing a recorded lesson in: split at the speaker's pauses, captioned, and played as cues.

The recordings are made here, 48 kHz stereo over a faint room noise: phrases (tone stand-ins, or
the real neural voice's clips) with pauses of different lengths between them. Every boundary
found must lie within one audio buffer of the middle of a real pause, and none may fall inside
a phrase (the gaps between its words are shorter than a pause).
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from audio.ffmpeg import ffmpeg_path
from audio.output.mixer import BUFFER_FRAMES
from audio.output.session import SessionAudio
from audio.pcm import RATE
from audio.recorded.captions import align
from audio.recorded.importer import ImportProblem, read_recording, title_from, write_lesson
from audio.recorded.split import CannotSplit
from audio.render.track import render_to_file
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.synthesis import PiperVoice
from audio.voices.timed import timed_by_voice
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import load_lesson
from tests.audio_fixtures import ToneVoice, tone
from tests.recording_fixtures import HeardOutput, spoken_recording, tone_phrase, trimmed
from ui.cli.commands import main

BUFFER_MS = BUFFER_FRAMES * 1000 / RATE  # 23.2 ms
PAUSES_MS = [800, 2_400, 1_100, 4_000]
PITCHES = [300.0, 450.0, 600.0, 900.0, 1200.0]


def tone_recording(path: Path) -> list[int]:
    return spoken_recording(path, [tone_phrase(hz) for hz in PITCHES], PAUSES_MS)


def test_tone_phrases_split_within_a_buffer_of_each_pause_middle(tmp_path: Path) -> None:
    real = tone_recording(tmp_path / "lesson.wav")
    found = read_recording(tmp_path / "lesson.wav").split.cuts
    assert len(found) == len(real), (found, real)
    errors = [abs(f - r) for f, r in zip(found, real, strict=True)]
    print(f"tone phrases: boundary errors {errors} ms (one buffer: {BUFFER_MS:.1f} ms)")
    assert max(errors) <= BUFFER_MS
    assert in_the_pauses(found, real)


def in_the_pauses(found: tuple[int, ...], real: list[int]) -> bool:
    """Whether every boundary found is inside the real pause it stands for (cuts no word)."""
    return all(abs(f - r) < p / 2 for f, r, p in zip(found, real, PAUSES_MS, strict=True))


@pytest.mark.skipif(not PiperVoice.installed(), reason="the neural voice package is not installed")
def test_spoken_phrases_split_within_a_buffer_of_each_pause_middle(tmp_path: Path) -> None:
    voice = PiperVoice()
    said = [
        "Lie on your back with your knees bent.",
        "Let your right knee fall slowly to the side.",
        "Bring it back up, and rest.",
        "Now the other knee, just as slowly.",
        "Roll to your side and come up to sitting.",
    ]
    phrases = [trimmed(voice.synthesize(text, 1.0), 0.05) for text in said]
    real = spoken_recording(tmp_path / "voice.wav", phrases, PAUSES_MS)
    recorded = read_recording(tmp_path / "voice.wav")
    errors = [abs(f - r) for f, r in zip(recorded.split.cuts, real, strict=True)]
    print(f"neural voice: boundary errors {errors} ms (one buffer: {BUFFER_MS:.1f} ms)")
    assert max(errors) <= BUFFER_MS
    assert in_the_pauses(recorded.split.cuts, real)
    captions = recorded.captions("\n\n".join(said))
    assert captions.texts == tuple(said) and captions.note == ""


def test_the_command_writes_a_lesson_whose_cues_play_each_phrase(tmp_path: Path, capsys) -> None:
    tone_recording(tmp_path / "hip hikes.wav")
    transcript = tmp_path / "words.txt"
    transcript.write_text("Lie down.\n\nLift.\n\nLower.\nSlowly.\n\nRest.\n\nStand up.\n")
    out = tmp_path / "lessons" / "hip-hikes.lesson"
    out.parent.mkdir()
    code = main(
        [
            "import-recording",
            str(tmp_path / "hip hikes.wav"),
            "--transcript",
            str(transcript),
            "-o",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert f"wrote {out}: 5 cues from hip hikes.wav" in capsys.readouterr().out
    text = out.read_text()
    assert "[audio ../hip hikes.wav from 0:00.0 to " in text
    assert "// Brought in from hip hikes.wav by 'seesaw import-recording': 5 cues" in text
    lesson = load_lesson(out)
    assert lesson.title == "Hip hikes"
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
    timeline = timed_by_voice(lesson, chain)
    assert [c.caption for c in timeline.cues] == [
        "Lie down.",
        "Lift.",
        "Lower. Slowly.",
        "Rest.",
        "Stand up.",
    ]
    # Played one after another, the spans are the whole recording, pauses as they were made.
    whole = read_recording(tmp_path / "hip hikes.wav").clip
    render_to_file(timeline, chain, tmp_path / "exported.wav")
    with wave.open(str(tmp_path / "exported.wav")) as exported:
        frames = exported.getnframes()
        assert exported.readframes(frames) == whole.pcm[: frames * 2]
    assert abs(frames - whole.frames) <= 22  # the last millisecond at most
    clock = ManualClock()
    player = Player(timeline, clock)
    output = HeardOutput()
    SessionAudio(chain, output).attach(player)
    player.play()
    third = timeline.cues[2]
    clock.advance(third.start_ms + 1_500)
    player.tick()
    player.rest()
    clock.advance(30_000)
    player.resume()
    hz, offset = output.heard[-1]
    assert abs(hz - PITCHES[2]) < PITCHES[2] * 0.05 and offset == 0  # the third phrase, again


def test_the_title_from_a_file_name_keeps_the_authors_capitals() -> None:
    assert title_from(Path("hill_day-for_Ana.wav")) == "Hill day for Ana"
    assert title_from(Path("-.mp3")) == "Recorded lesson"


def test_fewer_paragraphs_than_spans_join_spans_by_their_speech_and_say_so() -> None:
    captions = align(
        [2_000, 400, 2_000, 2_000],
        ["Lie on your back.", "Lift the knee up.", "And lower it now."],
    )
    assert captions.groups == (range(0, 1), range(1, 3), range(3, 4))
    assert captions.note == (
        "The recording has 4 spans between pauses and the transcript 3 paragraphs: spans 2–3 "
        "were joined, each group's speech matched to its paragraph's share of the words."
    )


def test_more_paragraphs_than_spans_join_paragraphs_and_say_so() -> None:
    captions = align([3_000, 3_000], ["One two three.", "Four.", "Five six."])
    assert captions.texts == ("One two three.", "Four. Five six.")
    assert "paragraphs 2–3 were joined into one caption" in captions.note


def test_without_a_transcript_captions_number_the_instructions(tmp_path: Path) -> None:
    tone_recording(tmp_path / "lesson.wav")
    captions = read_recording(tmp_path / "lesson.wav").captions(None)
    assert captions.texts[-1] == "(recorded instruction 5)" and captions.note == ""


def test_merge_split_and_nudge_keep_boundaries_in_silence(tmp_path: Path) -> None:
    tone_recording(tmp_path / "lesson.wav")
    split = read_recording(tmp_path / "lesson.wav").split
    merged = split.merge(1)
    assert merged.cuts == (split.cuts[0], *split.cuts[2:])
    again = merged.split(1)  # at the middle of the longest quiet stretch inside: the old pause
    assert again.cuts == split.cuts
    with pytest.raises(CannotSplit):
        again.split(0).split(0).split(0).split(0).split(0)  # no pause left between words
    nudged = split.nudge(0, -100)
    assert nudged.cuts[0] == split.cuts[0] - 100 and not nudged.in_speech(0)
    into_first_phrase = 1_000 - split.cuts[0]  # the first phrase sounds from 0.6 s to 1.96 s
    assert split.nudge(0, into_first_phrase).in_speech(0)


def test_a_lesson_already_there_is_not_written_over(tmp_path: Path) -> None:
    tone_recording(tmp_path / "lesson.wav")
    (tmp_path / "lesson.lesson").write_text("mine")
    recorded = read_recording(tmp_path / "lesson.wav")
    with pytest.raises(ImportProblem, match="already exists"):
        write_lesson(recorded, tmp_path / "lesson.lesson", recorded.captions(None), "a test")
    assert (tmp_path / "lesson.lesson").read_text() == "mine"


def test_a_silent_or_unreadable_recording_is_refused_with_a_reason(tmp_path: Path, capsys) -> None:
    spoken_recording(tmp_path / "quiet.wav", [], [])
    assert main(["import-recording", str(tmp_path / "quiet.wav")]) == 1
    assert "quiet.wav could not be split" in capsys.readouterr().err
    (tmp_path / "broken.wav").write_bytes(b"RIFF not really")
    assert main(["import-recording", str(tmp_path / "broken.wav")]) == 1
    err = capsys.readouterr().err
    assert "broken.wav could not be read" in err and "nothing was written" in err
    assert not (tmp_path / "broken.lesson").exists()


NOT_AUDIO = (
    "is not an audio file Seesaw can read (ffmpeg: Invalid data found when processing input)"
)
"""What the bundled ffmpeg's complaint about a text file comes down to."""


@pytest.mark.skipif(ffmpeg_path() is None, reason="the bundled ffmpeg (imageio-ffmpeg) is needed")
def test_a_text_file_named_mp3_is_one_plain_sentence_and_verbose_gives_ffmpegs_words(
    tmp_path: Path, capsys
) -> None:
    """ffmpeg's own lines ('[in#0 @ 0x55…] … pipe:0.') reached the author, three of them."""
    fake = tmp_path / "notaudio.mp3"
    fake.write_text("these are words, not sound\n")
    assert main(["import-recording", str(fake)]) == 1
    assert capsys.readouterr().err == f"seesaw: notaudio.mp3 {NOT_AUDIO}; nothing was written\n"
    assert main(["import-recording", "--verbose", str(fake)]) == 1
    err = capsys.readouterr().err
    assert f"ffmpeg could not decode {fake}; it said:\n" in err and "pipe:0" in err
    assert not (tmp_path / "notaudio.lesson").exists()
    lesson = tmp_path / "t.lesson"
    lesson.write_text("id: t\ntitle: T\n---\n[audio notaudio.mp3] Hello there.\n")
    assert main(["render", str(lesson), "-o", str(tmp_path / "t.wav"), "--voice", "captions"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "notaudio" in line]
    assert notes == [f"note: notaudio.mp3 {NOT_AUDIO}; the voice reads the cue instead."]


def test_a_cough_between_two_pauses_is_not_a_cue_of_its_own(tmp_path: Path) -> None:
    cough = tone(120, 2_000.0)
    phrases = [tone_phrase(300.0), cough, tone_phrase(600.0), tone_phrase(900.0)]
    real = spoken_recording(tmp_path / "lesson.wav", phrases, [1_500, 1_500, 1_500])
    cuts = read_recording(tmp_path / "lesson.wav").split.cuts
    assert len(cuts) == 2  # the cough joins the first instruction
    assert [abs(f - r) <= BUFFER_MS for f, r in zip(cuts, real[1:], strict=True)] == [True, True]


def test_the_commands_mistakes_are_said_with_what_to_do(tmp_path: Path, capsys) -> None:
    """A missing recording was an errno; an empty transcript gave placeholder captions without
    a word; a lesson already there did not name --replace; a missing folder was an errno."""
    assert main(["import-recording", str(tmp_path / "nope.wav")]) == 1
    assert capsys.readouterr().err == (
        f"seesaw: {tmp_path / 'nope.wav'}: no such file; check the path; nothing was written\n"
    )
    tone_recording(tmp_path / "talk.wav")
    (tmp_path / "empty.txt").write_text("\n \n")
    assert (
        main(
            [
                "import-recording",
                str(tmp_path / "talk.wav"),
                "--transcript",
                str(tmp_path / "empty.txt"),
            ]
        )
        == 1
    )
    assert "the transcript empty.txt holds no words" in capsys.readouterr().err
    (tmp_path / "talk.lesson").write_text("mine")
    assert main(["import-recording", str(tmp_path / "talk.wav")]) == 1
    assert capsys.readouterr().err == (
        f"seesaw: {tmp_path / 'talk.lesson'} already exists; nothing was written "
        "(name another with -o, or add --replace to write over it)\n"
    )
    assert (tmp_path / "talk.lesson").read_text() == "mine"
    out = tmp_path / "new folder" / "talk.lesson"
    assert main(["import-recording", str(tmp_path / "talk.wav"), "-o", str(out)]) == 0
    assert load_lesson(out).title == "Talk"
