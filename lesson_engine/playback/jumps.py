"""Where Back, Next and the section keys go from a position, as music players do.

Back goes to the start of the current cue, or to the previous one when pressed in the first
``BACK_GRACE_MS`` of a cue (a second press goes further back); the section keys do the same by
``#`` headings. Next goes to the following cue; past the last one (or the last section) is the
lesson's end. The player makes the jump; this only says where to.
"""

from __future__ import annotations

from lesson_engine.timeline import Timeline

BACK_GRACE_MS = 2_000


def back_from(timeline: Timeline, position_ms: int) -> int:
    cue = timeline.cue_at(position_ms)
    if position_ms - cue.start_ms < BACK_GRACE_MS and cue.index > 0:
        cue = timeline.cues[cue.index - 1]
    return cue.start_ms


def next_from(timeline: Timeline, position_ms: int) -> int:
    following = timeline.next_cue(position_ms)
    return following.start_ms if following else timeline.total_ms


def next_section_from(timeline: Timeline, position_ms: int) -> int:
    index = timeline.section_at(position_ms).index + 1
    sections = timeline.sections
    return sections[index].start_ms if index < len(sections) else timeline.total_ms


def previous_section_from(timeline: Timeline, position_ms: int) -> int:
    section = timeline.section_at(position_ms)
    if position_ms - section.start_ms < BACK_GRACE_MS and section.index > 0:
        section = timeline.sections[section.index - 1]
    return section.start_ms
