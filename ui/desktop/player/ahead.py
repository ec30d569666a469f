"""What the voice makes ahead of the learner's Start: the first cues of today's lessons.

With an empty clip cache (the first lesson ever, or a new voice or speed), a lesson's first cue
is made while the learner checks in; a short check-in on a busy computer can end before it is
done. The lesson Today offers is the one most likely started next, so its first cues are made as
soon as the voice has nothing else to do (``LessonAudio.prefetch``), while the learner reads
the page.
"""

from __future__ import annotations

from collections.abc import Callable

from lesson_engine.library.listing import Library
from lesson_engine.programme.today import Today
from lesson_engine.programme.week import Status
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.timeline import Timeline, Utterance, compile_timeline


def lessons_to_start(today: Today | None) -> list[str]:
    """The lesson each of today's sessions starts with, as Today's Start button would open it,
    for the sessions not done yet; none without a programme."""
    if today is None:
        return []
    left = (i for i in today.items if i.slot.status not in (Status.DONE, Status.PAUSED))
    return list(dict.fromkeys(item.lessons[0] for item in left if item.lessons))


def timelines_to_start(
    today: Today | None, library: Library, duration_of: Callable[[Utterance], int]
) -> list[Timeline]:
    """Those lessons timed; one that is missing or will not load is left out (starting it
    says why)."""
    timelines = []
    for lesson_id in lessons_to_start(today):
        entry = library.by_id(lesson_id)
        try:
            lesson = entry.load() if entry is not None else None
        except LessonScriptError:
            lesson = None
        if lesson is not None:
            timelines.append(compile_timeline(lesson, duration_of))
    return timelines
