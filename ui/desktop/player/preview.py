"""What the "Next:" line under the caption says, and when the medical note is already on screen.

A learner on the floor glances up to see what is coming, so the preview names the next *new*
instruction: rounds that repeat the caption on screen are skipped (they would only repeat it),
and the spoken medical note is not previewed, because the note is shown once per screen (as the
caption when its time comes, otherwise in the footer). After the last instruction it says so.
"""

from __future__ import annotations

from lesson_engine.timeline import Cue, Timeline

END_OF_LESSON = "Next: End of lesson"
MEDICAL_WORDS = ("clinician", "diagnos")
"""Words only the medical note uses: a caption holding one of them is (part of) the note."""


def is_medical_note(caption: str) -> bool:
    """Whether ``caption`` is (part of) the lesson's spoken medical note."""
    lowered = caption.lower()
    return any(word in lowered for word in MEDICAL_WORDS)


def next_line(timeline: Timeline, cue: Cue) -> str:
    """The preview shown under ``cue``'s caption."""
    for following in timeline.cues[cue.index + 1 :]:
        if following.caption != cue.caption and not is_medical_note(following.caption):
            return f"Next: {following.caption}"
    return END_OF_LESSON
