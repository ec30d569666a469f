"""How much of each repeated round the voice fills: the pacing rule for awareness lessons.

S1 ("How to Fix Your IT Bands") teaches by slow, unforced movement, so in an awareness lesson the
instruction is said once and the rounds after it are mostly quiet. The rule lives here, once: the
test applies it to the captions-only estimate, and ``python -m tests.pacing`` measures the same
rounds with the real neural voice for the lesson notes.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lesson_engine.library.files import find_lesson_files
from lesson_engine.model.lesson import Lesson
from lesson_engine.script.parser import check_lesson_file
from lesson_engine.timeline import EventKind, Timeline

AWARENESS_GROUPS = frozenset({"weight-shift", "pelvic-seesaw", "self-check"})
"""The lessons taught in S1's way (movement, attention, quiet); strength sets count aloud instead."""
MAX_SPEECH_SHARE = 0.5
MIN_QUIET_MS = 6_000


@dataclass(frozen=True)
class Round:
    line: int
    """The line of the round's first spoken cue, to point the author at it."""
    side: str | None
    speech_ms: int
    total_ms: int

    @property
    def quiet_ms(self) -> int:
        return self.total_ms - self.speech_ms

    @property
    def share(self) -> float:
        return self.speech_ms / self.total_ms if self.total_ms else 0.0

    @property
    def unhurried(self) -> bool:
        return self.share <= MAX_SPEECH_SHARE and self.quiet_ms >= MIN_QUIET_MS


def spoken_rounds(timeline: Timeline) -> list[Round]:
    """Every round of a ``[repeat]`` in which something is said, with its speech and its length.

    A round is a run of consecutive events with the same round number, repeat and side; rounds
    with no speech at all are quiet by definition and are left out.
    """
    groups: list[list[int]] = []
    key: tuple[object, ...] | None = None
    for event in timeline.events:
        if event.round is None:
            key = None
            continue
        this = (event.round, event.rounds, event.side, event.section)
        if this != key:
            groups.append([])
            key = this
        groups[-1].append(event.index)
    rounds = []
    for indices in groups:
        events = [timeline.events[i] for i in indices]
        speech = [e for e in events if e.kind is EventKind.SPEECH]
        if speech:
            rounds.append(
                Round(
                    speech[0].line,
                    speech[0].side,
                    sum(e.duration_ms for e in speech),
                    sum(e.duration_ms for e in events),
                )
            )
    return rounds


def is_awareness(lesson: Lesson) -> bool:
    return lesson.header.group in AWARENESS_GROUPS


def awareness_lessons(folder: Path) -> list[Lesson]:
    lessons = []
    for path in find_lesson_files([folder])[0]:
        lesson = check_lesson_file(path).lesson
        if lesson is not None and is_awareness(lesson):
            lessons.append(lesson)
    return lessons


def describe(lesson_id: str, rounds: list[Round]) -> str:
    """One line of figures for a lesson: the mean and the worst share, and the least quiet."""
    worst = max(rounds, key=lambda r: r.share)
    mean = sum(r.speech_ms for r in rounds) / sum(r.total_ms for r in rounds)
    least = min(r.quiet_ms for r in rounds)
    return (
        f"{lesson_id}: {len(rounds)} spoken rounds, speech {mean:.0%} on average, "
        f"{worst.share:.0%} at most (line {worst.line}), quiet at least {least / 1000:.1f} s"
    )


def _measure_with_voice(folder: Path) -> None:
    """Print each awareness lesson's worst round, timed by the real neural voice."""
    from audio.voices.cache import ClipCache
    from audio.voices.chain import VoiceChain
    from audio.voices.synthesis import PiperVoice
    from audio.voices.timed import timed_by_voice

    with tempfile.TemporaryDirectory() as cache:
        chain = VoiceChain(PiperVoice(), ClipCache(Path(cache)), fallbacks=[])
        for lesson in awareness_lessons(folder):
            rounds = spoken_rounds(timed_by_voice(lesson, chain))
            if not rounds:
                print(f"{lesson.id}: no spoken rounds")
                continue
            print(describe(lesson.id, rounds))
        if chain.problems:
            print("\n".join(chain.problems))


if __name__ == "__main__":
    _measure_with_voice(Path(sys.argv[1] if len(sys.argv) > 1 else "lessons"))
