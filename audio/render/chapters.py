"""Chapters in an exported lesson, one for each section, so a podcast or audiobook player can skip
by section as the app does with Page Up and Page Down.

Each format carries them the way its players read them, written with mutagen:

- MP3: ID3v2 ``CHAP`` frames, one a section, listed in order by a top-level ``CTOC``.
- WAV: a ``cue `` chunk with a ``LIST``/``adtl`` label for each section, the RIFF markers that
  audio editors show and ffmpeg-based players read as chapters (the title in an ``id3`` chunk;
  ID3 chapters there as well would be read twice by ffmpeg, which merges the two lists).
- OGG: Vorbis chapter comments, ``CHAPTER001=00:00:00.000`` and ``CHAPTER001NAME=…``.

Every cue could be a mark as well, but each of these formats has only one flat list of chapters
for most players, and a cue in it would bury the sections among fifty marks; so cues are not
written. Times are the timeline's, to the millisecond: a chapter starts where its section does.
An MP3's chapter times count from the start of the file's audio; a decoder that skips the
encoder's first frame (about 50 ms at 22 kHz) shows them that much earlier.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from audio.pcm import ms_to_frames
from lesson_engine.timeline import Timeline

NO_OFFSET = 0xFFFFFFFF
"""An ID3 chapter's byte offsets, when (as here) its times are what counts."""


@dataclass(frozen=True)
class Chapter:
    start_ms: int
    end_ms: int
    title: str


def chapters_of(timeline: Timeline) -> tuple[Chapter, ...]:
    return tuple(Chapter(s.start_ms, s.end_ms, s.title) for s in timeline.sections)


def write_chapters(path: Path, timeline: Timeline) -> None:
    """Add the lesson's title and its sections as chapters to the track just written at ``path``.

    Raises OSError when the file cannot be tagged; the audio in it is whole either way.
    """
    from mutagen import MutagenError

    chapters = chapters_of(timeline)
    kind = path.suffix.lstrip(".").lower()
    try:
        if kind == "ogg":
            _vorbis_chapters(path, timeline.title, chapters)
        elif kind == "wav":
            _wav_markers(path, chapters)
            _id3_chapters(path, timeline.title, (), wav=True)
        else:
            _id3_chapters(path, timeline.title, chapters, wav=False)
    except MutagenError as exc:
        raise OSError(
            f"{path}: the audio is written, but its chapters could not be ({exc})"
        ) from None


def _id3_chapters(path: Path, title: str, chapters: tuple[Chapter, ...], *, wav: bool) -> None:
    from mutagen.id3 import CHAP, CTOC, ID3, TIT2, CTOCFlags
    from mutagen.wave import WAVE

    tags = ID3()
    tags.add(TIT2(encoding=3, text=[title]))
    ids = [f"chp{n}" for n in range(1, len(chapters) + 1)]
    if ids:
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=["Sections"])],
            )
        )
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                start_offset=NO_OFFSET,
                end_offset=NO_OFFSET,
                sub_frames=[TIT2(encoding=3, text=[chapter.title])],
            )
        )
    if not wav:
        tags.save(path)
        return
    track = WAVE(path)
    track.add_tags()
    assert track.tags is not None
    for frame in tags.values():
        track.tags.add(frame)
    track.save()


def _vorbis_chapters(path: Path, title: str, chapters: tuple[Chapter, ...]) -> None:
    from mutagen.oggvorbis import OggVorbis

    track = OggVorbis(path)
    assert track.tags is not None
    track.tags["TITLE"] = [title]
    for n, chapter in enumerate(chapters, start=1):
        track.tags[f"CHAPTER{n:03d}"] = [_vorbis_time(chapter.start_ms)]
        track.tags[f"CHAPTER{n:03d}NAME"] = [chapter.title]
    track.save()


def _vorbis_time(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}:{secs:02d}.{millis:03d}"


def _wav_markers(path: Path, chapters: tuple[Chapter, ...]) -> None:
    """A ``cue `` chunk (a point a section) and its labels, after the audio in the RIFF file."""
    points = b"".join(
        struct.pack(
            "<II4sIII", n, ms_to_frames(c.start_ms), b"data", 0, 0, ms_to_frames(c.start_ms)
        )
        for n, c in enumerate(chapters, start=1)
    )
    cue = _chunk(b"cue ", struct.pack("<I", len(chapters)) + points)
    labels = b"".join(
        _chunk(b"labl", struct.pack("<I", n) + c.title.encode("utf-8") + b"\x00")
        for n, c in enumerate(chapters, start=1)
    )
    extra = cue + _chunk(b"LIST", b"adtl" + labels)
    with path.open("r+b") as track:
        riff, size, wave = struct.unpack("<4sI4s", track.read(12))
        if (riff, wave) != (b"RIFF", b"WAVE"):
            raise OSError(f"{path}: not a WAV file")
        track.seek(0, 2)
        track.write(extra)
        track.seek(4)
        track.write(struct.pack("<I", size + len(extra)))


def _chunk(name: bytes, body: bytes) -> bytes:
    """A RIFF chunk: its name, its length, its body, and a pad byte when that length is odd."""
    return name + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) % 2 else b"")
