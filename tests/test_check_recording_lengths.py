"""``seesaw check`` on spans of MP3, OGG and FLAC recordings: past the end is an error at its column.

A WAV's length is in its header and the engine reads it; the compressed formats are asked of
the bundled ffmpeg, or mutagen when ffmpeg cannot tell, on the command line's side. The files
are real encodings made with the bundled ffmpeg from a three-second recording.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from audio.ffmpeg import ffmpeg_path
from lesson_engine.script.parser import check_lesson_file
from tests.recording_fixtures import stereo_48k_tones
from ui.cli.commands import main

HEADER = "id: spans\ntitle: Spans\n---\n"
COMPRESSED = ("mp3", "ogg", "flac")

needs_ffmpeg = pytest.mark.skipif(
    ffmpeg_path() is None, reason="the bundled ffmpeg (imageio-ffmpeg) is needed to make the files"
)


def encode(folder: Path, name: str, seconds: float = 1.0) -> Path:
    """``name`` (its suffix the format) made from a recording of three tones, ``seconds`` each."""
    source = folder / f"{name}.source.wav"
    stereo_48k_tones(source, (300.0, 600.0, 1200.0), seconds)
    out = folder / name
    binary = ffmpeg_path()
    assert binary is not None
    subprocess.run([binary, "-y", "-loglevel", "error", "-i", str(source), str(out)], check=True)
    source.unlink()
    return out


def checked(lesson: Path, body: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    lesson.write_text(HEADER + body + "\n")
    capsys.readouterr()
    main(["check", str(lesson)])
    return capsys.readouterr().out.splitlines()


@needs_ffmpeg
@pytest.mark.parametrize("kind", COMPRESSED)
def test_a_span_past_the_end_of_a_compressed_recording_is_an_error_at_its_column(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    encode(tmp_path, f"lesson.{kind}")
    lesson = tmp_path / "t.lesson"
    body = (
        f"[audio lesson.{kind} from 0:01 to 0:02.5] Fine.\n\n"
        f"[audio lesson.{kind} from 2.5 to 0:04] Ends late.\n\n"
        f"[audio lesson.{kind} from 3.5] Starts late."
    )
    assert checked(lesson, body, capsys) == [
        f"{lesson}:6:{16 + len(kind)}: error: the span ends at 0:04.0, past the end of "
        f"lesson.{kind} (0:03.0 long)",
        f"    [audio lesson.{kind} from 2.5 to 0:04] Ends late.",
        f"    {' ' * (15 + len(kind))}^",
        "  hint: check the times against the recording",
        f"{lesson}:8:{16 + len(kind)}: error: the span starts at 0:03.5, past the end of "
        f"lesson.{kind} (0:03.0 long)",
        f"    [audio lesson.{kind} from 3.5] Starts late.",
        f"    {' ' * (15 + len(kind))}^",
        "  hint: check the times against the recording",
        "1 file checked: 2 error(s), 0 warning(s)",
    ]
    # Without the command line's length-finder the engine cannot tell (it reads WAV headers).
    assert check_lesson_file(lesson).lesson is not None


@needs_ffmpeg
def test_a_recording_made_longer_is_measured_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lengths are kept by path, modification time and size: a re-exported file is asked anew."""
    encode(tmp_path, "lesson.ogg")
    lesson = tmp_path / "t.lesson"
    body = "[audio lesson.ogg from 2.5 to 0:04] Hi."
    assert checked(lesson, body, capsys)[-1] == "1 file checked: 1 error(s), 0 warning(s)"
    encode(tmp_path, "lesson.ogg", seconds=2.0)
    assert checked(lesson, body, capsys) == ["1 file checked: 0 error(s), 0 warning(s)"]


MUTAGEN_SAYS = {"mp3": "0:03.02", "ogg": "0:03.0", "flac": "0:03.0"}
"""mutagen counts an MP3's encoder delay and padding, which ffmpeg's decoder leaves out."""


@needs_ffmpeg
@pytest.mark.parametrize("kind", COMPRESSED)
def test_without_ffmpeg_mutagen_tells_the_length(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = tmp_path / "t.lesson"
    encode(tmp_path, f"lesson.{kind}")  # with ffmpeg, before it goes
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "no-such-ffmpeg"))
        ffmpeg_path.cache_clear()
        try:
            assert ffmpeg_path() is None
            late = checked(lesson, f"[audio lesson.{kind} from 3.5] Hi.", capsys)
            inside = checked(lesson, f"[audio lesson.{kind} from 2.9] Hi.", capsys)
        finally:
            ffmpeg_path.cache_clear()
    assert late[0] == (
        f"{lesson}:4:{16 + len(kind)}: error: the span starts at 0:03.5, past the end of "
        f"lesson.{kind} ({MUTAGEN_SAYS[kind]} long)"
    )
    assert inside == ["1 file checked: 0 error(s), 0 warning(s)"]


def unreadable(lesson: Path, name: str, line: str) -> list[str]:
    """What ``seesaw check`` says of a recording ``name`` it cannot read, named on ``line``."""
    with_what = "ffmpeg and mutagen" if ffmpeg_path() else "mutagen (and no ffmpeg was found)"
    return [
        f"{lesson}:4:8: warning: cannot read the recording {name}: {with_what} could not "
        "find its length; it may be damaged or not really MP3",
        f"    {line}",
        "           ^",
        "  hint: the voice will read the cue's text instead; check that the file plays, or "
        "export it again",
        "1 file checked: 0 error(s), 1 warning(s)",
    ]


def test_a_recording_that_cannot_be_read_is_named_at_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "lesson.mp3").write_bytes(b"ID3" + b"\0" * 40 + b"not sound" * 50)
    lesson = tmp_path / "t.lesson"
    line = "[audio lesson.mp3 from 1 to 2] Hi."
    assert checked(lesson, line, capsys) == unreadable(lesson, "lesson.mp3", line)


def test_a_text_file_named_mp3_is_warned_of_without_a_span_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cue that plays the whole file is measured as a span's is: a file that is not audio
    gets the same warning, not silence until the learner hears the voice instead."""
    (tmp_path / "notaudio.mp3").write_text("these are words, not sound\n")
    lesson = tmp_path / "t.lesson"
    line = "[audio notaudio.mp3] Hi."
    assert checked(lesson, line, capsys) == unreadable(lesson, "notaudio.mp3", line)
