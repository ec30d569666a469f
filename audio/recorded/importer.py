"""Bringing a recorded lesson in: read it, split it at the pauses, caption it, write the lesson.

The command line does it in one go (``seesaw import-recording``); the Author page's review reads
the same ``Split`` and changes it before writing. Either way the recording stays where it is,
whole, and the lesson points at spans of it, so nothing of the instructor's is copied or cut.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from audio.pcm import Clip
from audio.recorded.captions import Captions, align, paragraphs, placeholder_captions
from audio.recorded.lesson_text import lesson_text
from audio.recorded.pauses import MIN_PAUSE_MS
from audio.recorded.split import Split
from audio.voices.recordings import RECORDINGS, RecordingStore
from audio.voices.synthesis import RecordingUndecodable
from lesson_engine.model.recordings import AUDIO_SUFFIXES
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.storage import write_atomically
from lesson_engine.wording import sentence_start


class ImportProblem(ValueError):
    """Why the recording cannot become a lesson, in words for the author."""


class LessonExists(ImportProblem):
    """The lesson to write is there already; it is written over only when asked."""


@dataclass(frozen=True)
class RecordedLesson:
    recording: Path
    clip: Clip
    split: Split

    def captions(self, transcript: str | None) -> Captions:
        """The captions for the current split, from the transcript's paragraphs if there is one."""
        texts = paragraphs(transcript) if transcript else []
        if not texts:
            return placeholder_captions(len(self.split.cuts) + 1)
        return align([self.split.speech_ms(i) for i in range(len(self.split.cuts) + 1)], texts)


def read_recording(
    path: Path, min_pause_ms: int = MIN_PAUSE_MS, store: RecordingStore = RECORDINGS
) -> RecordedLesson:
    """The recording converted (once: the player reads the same conversion) and split at the
    speaker's pauses; raises ImportProblem."""
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        kinds = ", ".join(s[1:].upper() for s in AUDIO_SUFFIXES)
        raise ImportProblem(f"{path.name} is not a recording Seesaw can read ({kinds})")
    if "]" in path.name:
        raise ImportProblem(f"{path.name} has ']' in its name, which a lesson cannot quote")
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file; check the path")
    try:
        clip = store.whole(path)
    except RecordingUndecodable as exc:
        raise ImportProblem(exc.about(path.name)) from None
    except (OSError, ValueError) as exc:
        raise ImportProblem(f"{path.name} could not be read: {exc}") from None
    try:
        return RecordedLesson(path, clip, Split.of(clip, min_pause_ms))
    except ValueError as exc:
        raise ImportProblem(f"{path.name} could not be split: {exc}") from None


def title_from(path: Path) -> str:
    words = path.stem.replace("_", " ").replace("-", " ").split()
    return sentence_start(" ".join(words)) or "Recorded lesson"


def lesson_for(
    recorded: RecordedLesson,
    out: Path,
    captions: Captions,
    made_by: str,
    title: str | None = None,
) -> str:
    """The lesson for ``captions``, to be written as ``out``, checked as the parser will read
    it; raises ImportProblem. ``made_by`` is what the lesson's first comment says brought it
    in. Nothing is written: the Author page hands the writing to the app's one writer."""
    try:
        relative = os.path.relpath(recorded.recording.resolve(), out.resolve().parent)
    except ValueError:  # another drive, on Windows
        raise ImportProblem(
            "the lesson must be saved on the same drive as the recording it plays"
        ) from None
    recording = PurePosixPath(Path(relative).as_posix())
    title = title or title_from(recorded.recording)
    text = lesson_text(recording, title, recorded.split, captions, made_by)
    result = check_lesson_bytes(text.encode("utf-8"), out)
    if result.lesson is None:
        shown = "; ".join(str(d).splitlines()[0] for d in result.diagnostics[:3])
        raise ImportProblem(f"the lesson made from the recording would not load: {shown}")
    return text


def write_lesson(
    recorded: RecordedLesson,
    out: Path,
    captions: Captions,
    made_by: str,
    title: str | None = None,
    replace: bool = False,
) -> str:
    """``lesson_for``, written to ``out``; returns the text; raises ImportProblem, or OSError
    when the disk refuses."""
    if out.exists() and not replace:
        raise LessonExists(f"{out} already exists")  # each front end says how to replace it
    text = lesson_for(recorded, out, captions, made_by, title)
    out.parent.mkdir(parents=True, exist_ok=True)  # as seesaw render makes its folder
    write_atomically(out, text.encode("utf-8"), shared=True)
    return text
