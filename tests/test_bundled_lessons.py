"""Every lesson that ships is valid, complete, paced for tired learners, and matches the catalogue."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from lesson_engine.catalogue.loader import load_catalogue
from lesson_engine.library.files import find_lesson_files
from lesson_engine.library.listing import load_library
from lesson_engine.model.lesson import Lesson
from lesson_engine.script.parser import check_lesson_file, parse_lesson_text
from lesson_engine.timeline import EventKind, Timeline, compile_timeline
from tests.pacing import awareness_lessons, is_awareness, spoken_rounds

REPO = Path(__file__).resolve().parent.parent
LESSONS = find_lesson_files([REPO / "lessons"])[0]
REQUIRED = ("summary", "position", "level", "group", "tags", "equipment", "length_ms")
MAX_WORDS = 40
REST_WINDOW_MS = 10 * 60_000


def longest_stretch_without_rest(timeline: Timeline) -> int:
    """The longest time between suggested rests (or the lesson's ends)."""
    marks = (
        [0]
        + [e.start_ms for e in timeline.events if e.kind is EventKind.REST]
        + [timeline.total_ms]
    )
    return max(b - a for a, b in itertools.pairwise(marks))


def test_the_rest_window_check_can_fail() -> None:
    from lesson_engine.script.parser import parse_lesson_text

    long_lesson = parse_lesson_text(
        "id: x\ntitle: X\n---\nLie down.\n[pause 10m]\nGet up.\n[pause 1m]\n"
    )
    assert longest_stretch_without_rest(compile_timeline(long_lesson)) > REST_WINDOW_MS


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_bundled_lesson_passes_check_and_is_paced(path: Path) -> None:
    result = check_lesson_file(path)
    assert result.diagnostics == (), "\n".join(str(d) for d in result.diagnostics)
    lesson = result.lesson
    assert lesson is not None
    for field in REQUIRED:
        assert getattr(lesson.header, field), f"{path.name} has no {field}"
    timeline = compile_timeline(lesson)
    for event in timeline.events:
        if event.kind is EventKind.SPEECH:
            assert len(event.text.split()) <= MAX_WORDS, (
                f"{path.name}:{event.line}: a cue of {len(event.text.split())} words"
            )
    if timeline.total_ms > REST_WINDOW_MS:
        assert longest_stretch_without_rest(timeline) <= REST_WINDOW_MS, (
            f"{path.name} goes 10 minutes without a rest"
        )
    stated = lesson.header.length_ms or 0
    assert abs(stated - timeline.total_ms) <= 90_000, (
        f"{path.name}: length says {stated // 60_000} min"
    )


def test_every_catalogue_exercise_has_its_guided_set() -> None:
    catalogue = load_catalogue(REPO / "lessons/catalogue")
    ids = {check_lesson_file(p).lesson.id for p in LESSONS}  # type: ignore[union-attr]
    missing = [
        e.guided_set for e in catalogue.entries if e.kind == "exercise" and e.guided_set not in ids
    ]
    assert missing == []


def test_ids_are_unique() -> None:
    ids = [check_lesson_file(p).lesson.id for p in LESSONS]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids))


def test_the_library_guide_lists_every_bundled_lesson() -> None:
    guide = (REPO / "docs/lessons.md").read_text(encoding="utf-8")
    for path in LESSONS:
        assert f"(`{check_lesson_file(path).lesson.id}`)" in guide, path.name  # type: ignore[union-attr]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_repeated_movements_leave_time_to_move(path: Path) -> None:
    """In a [repeat … every …] round, the words leave at least 3 s of quiet for the movement."""
    timeline = compile_timeline(check_lesson_file(path).lesson)  # type: ignore[arg-type]
    for event in timeline.events:
        if (
            event.kind is not EventKind.SPEECH
            or not event.round
            or (event.text.isalpha() and len(event.text.split()) == 1)
        ):
            continue
        following = (
            timeline.events[event.index + 1] if event.index + 1 < len(timeline.events) else None
        )
        if (
            following is not None
            and following.kind is EventKind.PAUSE
            and following.round == event.round
        ):
            assert following.duration_ms >= 3_000, (
                f"{path.name}:{event.line}: only {following.duration_ms} ms to move"
            )


AWARENESS = awareness_lessons(REPO / "lessons")
MEDICAL_WORDS = ("four to six weeks", "swelling", "locking", "night", "at rest")
MOVING_CUE_WORDS = 15


def test_the_awareness_lessons_are_all_found() -> None:
    ids = {lesson.id for lesson in AWARENESS}
    assert ids >= {
        "weight-shift-1",
        "weight-shift-2",
        "weight-shift-3",
        "pelvic-seesaw-1",
        "pelvic-seesaw-2",
        "pelvic-seesaw-3",
        "pelvic-seesaw-4",
        "pelvic-seesaw-5",
        "self-check-single-leg-squat",
    }


@pytest.mark.parametrize("lesson", AWARENESS, ids=lambda lesson: lesson.id)
def test_awareness_rounds_are_mostly_quiet(lesson: Lesson) -> None:
    """S1's way: the instruction once, then quiet to move in; a round's prompt is short."""
    rounds = spoken_rounds(compile_timeline(lesson))
    crowded = [
        f"line {r.line}{f' ({r.side})' if r.side else ''}: speech {r.share:.0%} of "
        f"{r.total_ms / 1000:.1f} s, {r.quiet_ms / 1000:.1f} s quiet"
        for r in rounds
        if not r.unhurried
    ]
    assert crowded == [], f"{lesson.id}: " + "; ".join(crowded)


def test_the_quiet_rule_catches_a_crowded_round() -> None:
    lesson = parse_lesson_text(
        "id: x\ntitle: X\ngroup: weight-shift\n---\n[repeat 3 every 9s]\n"
        "    Lift the knee again, and this time let the pelvis roll back with it, easily.\n"
    )
    (first, *_) = spoken_rounds(compile_timeline(lesson))
    assert is_awareness(lesson) and not first.unhurried
    quiet = parse_lesson_text("id: x\ntitle: X\n---\n[repeat 3 every 14s]\n    Lift, and lower.\n")
    assert all(r.unhurried for r in spoken_rounds(compile_timeline(quiet)))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_the_spoken_medical_note_is_complete(path: Path) -> None:
    spoken = " ".join(
        e.text
        for e in compile_timeline(check_lesson_file(path).lesson).events  # type: ignore[arg-type]
        if e.kind is EventKind.SPEECH
    ).lower()
    missing = [w for w in MEDICAL_WORDS if w not in spoken]
    assert missing == [], f"{path.name} never says {missing}"
    assert "export" not in spoken, f"{path.name} speaks about the app's menus"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_cues_said_while_moving_are_short(path: Path) -> None:
    """Inside a round the learner is walking, running, balancing or counting: a few words only."""
    timeline = compile_timeline(check_lesson_file(path).lesson)  # type: ignore[arg-type]
    long = [
        f"{e.line}: {e.text}"
        for e in timeline.events
        if e.kind is EventKind.SPEECH and e.round and len(e.text.split()) >= MOVING_CUE_WORDS
    ]
    assert long == [], path.name


LEVELS = ("beginner", "intermediate", "advanced")
PATHS = (("weight-shift", "pelvic-seesaw"), ("return-to-running",))


def test_levels_never_fall_along_a_path_in_the_librarys_order() -> None:
    """The library lists each path in the order to take it; its levels must agree with that order."""
    library = load_library([("Seesaw", REPO / "lessons")])
    for groups in PATHS:
        path = [e for e in library.entries if e.header.group in groups]
        levels = [LEVELS.index(e.header.level) for e in path]
        assert len(path) >= 3 and levels == sorted(levels), [(e.id, e.header.level) for e in path]


COUNTED = re.compile(r"Counted (\d+) to (\d+): a beat of (\d+)")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_lesson_fixes_one_running_beat_for_everyone(path: Path) -> None:
    """A running beat is 5–10 % above the runner's own count (S3), so it follows a count."""
    timeline = compile_timeline(check_lesson_file(path).lesson)  # type: ignore[arg-type]
    beats = [e for e in timeline.events if e.kind is EventKind.METRONOME and (e.bpm or 0) > 100]
    if not beats:
        return
    first_count = next(
        (e.start_ms for e in timeline.events if e.kind is EventKind.METRONOME and e.bpm == 60),
        None,
    )
    assert first_count is not None and first_count < beats[0].start_ms, path.name
    for event in beats:
        title = timeline.sections[event.section].title
        match = COUNTED.fullmatch(title)
        assert match, f"{path.name}: a beat of {event.bpm} outside a part for a counted step rate"
        low, high, beat = (int(n) for n in match.groups())
        assert event.bpm == beat and 1.05 * high <= beat <= 1.10 * low, title


def test_each_lesson_names_its_sources_by_their_titles_and_nothing_they_do_not_say() -> None:
    catalogue = load_catalogue(REPO / "lessons/catalogue")
    titles = {s.title: s for s in catalogue.sources}
    for path in LESSONS:
        lesson = check_lesson_file(path).lesson
        assert lesson is not None
        for named in lesson.header.sources:
            title = next((t for t in titles if named.startswith(t)), None)
            assert title is not None, f"{path.name}: '{named}' is not one of the four articles"
            rest = named[len(title) :].strip()
            if titles[title].key == "S1":  # its text names no publisher
                assert rest == "", f"{path.name}: '{rest}' is not in the article"


UNSPEAKABLE = re.compile(r"…|\d\s*[–-]\s*\d")
"""What the neural voice says wrongly: it drops an ellipsis without a pause ("Right… and left"
runs together) and reads "5–10" as "five ten". Write "Right, and left." and "five to ten"."""


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_spoken_text_is_written_as_the_voice_reads_it(path: Path) -> None:
    timeline = compile_timeline(check_lesson_file(path).lesson)  # type: ignore[arg-type]
    wrong = [
        f"{e.line}: {e.text}"
        for e in timeline.events
        if e.kind is EventKind.SPEECH and UNSPEAKABLE.search(e.text)
    ]
    assert wrong == [], path.name
