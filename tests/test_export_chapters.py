"""An exported lesson carries its sections as chapters, read back by ffmpeg and by mutagen at
the times the timeline gives, so any podcast or audiobook player can skip by section."""

from __future__ import annotations

import struct
import subprocess
import wave
from pathlib import Path

import pytest

from audio.ffmpeg import ffmpeg_path
from audio.render.track import render_to_file
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import Timeline
from tests.audio_fixtures import ToneVoice

LESSON = """id: knee-lifts
title: Knee lifts — lying on your side
---
Lie on your left side.
[pause 3s]

# Lifting the knée
Lift the top knee a little.
[pause 2s]
[bell]

# Ending
Roll onto your back.
"""

FFMETADATA = ("-f", "ffmetadata", "-")
needs_ffmpeg = pytest.mark.skipif(ffmpeg_path() is None, reason="no ffmpeg can run here")


def exported(tmp_path: Path, kind: str) -> tuple[Path, Timeline]:
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path / "cache"))
    timeline = timed_by_voice(parse_lesson_text(LESSON), chain)
    out = tmp_path / f"knee-lifts.{kind}"
    render_to_file(timeline, chain, out)
    return out, timeline


def expected(timeline: Timeline) -> list[tuple[int, int, str]]:
    return [(s.start_ms, s.end_ms, s.title) for s in timeline.sections]


def chapters_by_ffmpeg(path: Path) -> tuple[list[tuple[int, int, str]], str]:
    """The chapters as ffmpeg reads them (``-copyts``: the file's own times, not shifted by an
    MP3's encoder delay), and the title."""
    ffmpeg = ffmpeg_path()
    assert ffmpeg is not None
    done = subprocess.run(
        (ffmpeg, "-hide_banner", "-loglevel", "error", "-copyts", "-i", path, *FFMETADATA),
        capture_output=True,
        check=True,
    )
    title, found, current = "", [], {}
    for line in done.stdout.decode("utf-8").splitlines():
        if line == "[CHAPTER]":
            current = {}
            found.append(current)
        elif "=" in line:
            key, _, value = line.partition("=")
            if found:
                current[key] = value
            elif key == "title":
                title = value
    chapters = sorted(
        (_ms(c["START"], c["TIMEBASE"]), _ms(c["END"], c["TIMEBASE"]), c["title"]) for c in found
    )
    return chapters, title


def _ms(value: str, timebase: str) -> int:
    """A chapter time in ms; ffmpeg gives a WAV's markers in frames (``TIMEBASE=1/22050``)."""
    numerator, denominator = (int(n) for n in timebase.split("/"))
    return int(value) * numerator * 1000 // denominator


@needs_ffmpeg
@pytest.mark.parametrize("kind", ["mp3", "ogg", "wav"])
def test_ffmpeg_reads_a_chapter_for_each_section_where_it_starts(tmp_path: Path, kind: str) -> None:
    path, timeline = exported(tmp_path, kind)
    chapters, title = chapters_by_ffmpeg(path)
    assert [c[2] for c in chapters] == ["Introduction", "Lifting the knée", "Ending"]
    assert chapters == expected(timeline)
    assert chapters[1][0] > 3000  # after the first cue and its pause: a real section start
    if kind != "ogg":  # an OGG's title is a comment of its stream, read below by mutagen
        assert title == "Knee lifts — lying on your side"


def test_mutagen_reads_the_mp3s_chapters_in_order(tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    path, timeline = exported(tmp_path, "mp3")
    tags = ID3(path)
    (toc,) = tags.getall("CTOC")
    assert toc.flags & 0x03 == 0x03  # top level, ordered
    chapters = [tags[f"CHAP:{element}"] for element in toc.child_element_ids]
    assert [(c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in chapters] == expected(
        timeline
    )


def test_mutagen_reads_the_oggs_chapter_comments(tmp_path: Path) -> None:
    from mutagen.oggvorbis import OggVorbis

    path, timeline = exported(tmp_path, "ogg")
    tags = OggVorbis(path).tags
    assert tags is not None
    second = timeline.sections[1].start_ms
    assert tags["CHAPTER001"] == ["00:00:00.000"]
    assert tags["CHAPTER002"] == [f"00:00:{second // 1000:02d}.{second % 1000:03d}"]
    assert tags["CHAPTER002NAME"] == ["Lifting the knée"]
    assert tags["CHAPTER003NAME"] == ["Ending"] and "CHAPTER004" not in tags
    assert tags["TITLE"] == ["Knee lifts — lying on your side"]


def riff_chunks(path: Path) -> dict[bytes, bytes]:
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
    chunks, at = {}, 12
    while at < len(data):
        name, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        chunks[name] = data[at + 8 : at + 8 + size]
        at += 8 + size + size % 2
    return chunks


def test_the_wav_keeps_its_audio_and_marks_each_section_for_audio_editors(tmp_path: Path) -> None:
    from mutagen.wave import WAVE

    path, timeline = exported(tmp_path, "wav")
    with wave.open(str(path)) as track:  # the markers leave the audio as it was
        assert track.getnframes() * 1000 // track.getframerate() == timeline.total_ms
    chunks = riff_chunks(path)
    (count,) = struct.unpack("<I", chunks[b"cue "][:4])
    points = [
        struct.unpack("<II4sIII", chunks[b"cue "][4 + 24 * n : 28 + 24 * n]) for n in range(count)
    ]
    assert [p[5] * 1000 // 22_050 for p in points] == [s.start_ms for s in timeline.sections]
    assert all(p[1] == p[5] and p[2] == b"data" for p in points)  # position and sample offset
    labels = chunks[b"LIST"]
    assert labels[:4] == b"adtl" and "Lifting the knée".encode() in labels
    tags = WAVE(path).tags
    assert tags is not None and str(tags["TIT2"]) == "Knee lifts — lying on your side"
