"""A split recording written out as a lesson script: one ``[audio … from … to …]`` cue a span.

Written as an instructor would write it by hand, so the author can go on editing it like any
other lesson: the header, a comment saying where it came from, then one line a cue with its
caption after the ``]``. The text is checked with the real parser before anyone writes it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from audio.recorded.captions import Captions
from audio.recorded.split import Split
from lesson_engine.model.ids import slug
from lesson_engine.script.durations import format_time


def lesson_text(
    recording: PurePosixPath, title: str, split: Split, captions: Captions, made_by: str
) -> str:
    """The lesson script for ``split`` of the file at ``recording`` (relative to the lesson);
    ``made_by`` names what brought it in (the command, the Author page), for whoever reads the
    script later and wants to do it again."""
    spans = split.spans()
    lines = [
        f"id: {slug(title, 'recorded-lesson')}",
        f"title: {title}",
        "---",
        f"// Brought in from {recording.name} by {made_by}: {len(captions.texts)} "
        "cues, split at the speaker's pauses.",
    ]
    for index, (caption, covers) in enumerate(zip(captions.texts, captions.groups, strict=True)):
        start = spans[covers.start][0]
        end = spans[covers.stop - 1][1]
        last = index == len(captions.texts) - 1
        until = "" if last else f" to {format_time(end)}"  # the last plays to the file's end
        lines += ["", f"[audio {recording} from {format_time(start)}{until}] {_caption(caption)}"]
    return "\n".join(lines) + "\n"


def _caption(text: str) -> str:
    """Words after the ``]`` are read as the caption whatever they start with; only braces would
    be read as placeholders, and a transcript means none."""
    return text.replace("{", "(").replace("}", ")")
