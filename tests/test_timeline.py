"""Compiling lessons into timelines: unrolling, sides, timing and stable cue ids."""

from __future__ import annotations

from pathlib import Path

from lesson_engine.script.parser import load_lesson, parse_lesson_text
from lesson_engine.timeline import (
    BELL_MS,
    EventKind,
    Utterance,
    compile_timeline,
    estimate_speech_ms,
)

HEADER = "id: t\ntitle: T\n---\n"


def fixed(ms: int):
    return lambda _u: ms


def test_repeat_is_unrolled_and_each_round_lasts_at_least_every() -> None:
    lesson = parse_lesson_text(HEADER + "[repeat 3 every 7s]\n    Lift.\n")
    timeline = compile_timeline(lesson, fixed(2000))
    kinds = [(e.kind, e.start_ms, e.duration_ms, e.round) for e in timeline.events]
    assert kinds == [
        (EventKind.SPEECH, 0, 2000, 1),
        (EventKind.PAUSE, 2000, 5000, 1),
        (EventKind.SPEECH, 7000, 2000, 2),
        (EventKind.PAUSE, 9000, 5000, 2),
        (EventKind.SPEECH, 14000, 2000, 3),
        (EventKind.PAUSE, 16000, 5000, 3),
    ]
    assert timeline.total_ms == 21000
    assert all(e.rounds == 3 for e in timeline.events)


def test_round_longer_than_every_is_not_cut() -> None:
    lesson = parse_lesson_text(HEADER + "[repeat 2 every 3s]\n    Lift.\n    [pause 4s]\n")
    timeline = compile_timeline(lesson, fixed(1000))
    assert timeline.total_ms == 2 * 5000


def test_sides_fill_side_and_other_in_order() -> None:
    lesson = parse_lesson_text(
        HEADER + "[sides left, right]\n    Lie on your {side} side; lift your {other} knee.\n"
    )
    timeline = compile_timeline(lesson, fixed(1000))
    assert [e.text for e in timeline.events] == [
        "Lie on your left side; lift your right knee.",
        "Lie on your right side; lift your left knee.",
    ]
    assert [e.side for e in timeline.events] == ["left", "right"]


def test_count_says_the_round_number_and_captions_it() -> None:
    lesson = parse_lesson_text(HEADER + "[repeat 3]\n    [count]\n")
    timeline = compile_timeline(lesson, fixed(500))
    assert [e.text for e in timeline.events] == ["one", "two", "three"]
    assert [e.caption for e in timeline.events] == ["1", "2", "3"]


def test_pause_keeps_the_last_instruction_as_caption() -> None:
    lesson = parse_lesson_text(HEADER + "Lift your knee.\n[pause 5s]\n")
    timeline = compile_timeline(lesson, fixed(1000))
    assert [e.caption for e in timeline.events] == ["Lift your knee."] * 2
    assert timeline.events[1].text == ""


def test_rest_is_spoken_then_timed_and_both_form_one_cue() -> None:
    lesson = parse_lesson_text(HEADER + "Lift.\n[rest 60s] Roll onto your back.\n")
    timeline = compile_timeline(lesson, fixed(1000))
    assert [(e.kind, e.duration_ms, e.cue) for e in timeline.events] == [
        (EventKind.SPEECH, 1000, 0),
        (EventKind.SPEECH, 1000, 1),
        (EventKind.REST, 60_000, 1),
    ]
    assert timeline.cues[1].start_ms == 1000 and timeline.cues[1].end_ms == 62_000


def test_bell_and_metronome_have_their_own_lengths() -> None:
    lesson = parse_lesson_text(HEADER + "Go.\n[metronome 172 for 30s]\n[bell]\n")
    timeline = compile_timeline(lesson, fixed(1000))
    assert [(e.kind, e.duration_ms, e.bpm) for e in timeline.events[1:]] == [
        (EventKind.METRONOME, 30_000, 172),
        (EventKind.BELL, BELL_MS, None),
    ]


def test_voice_decides_speech_length_and_receives_the_recording(repo: Path) -> None:
    lesson = load_lesson(repo / "tests/data/sample.lesson")
    asked: list[Utterance] = []

    def duration_of(utterance: Utterance) -> int:
        asked.append(utterance)
        return 1234

    timeline = compile_timeline(lesson, duration_of)
    speech = [e for e in timeline.events if e.kind is EventKind.SPEECH]
    assert all(e.duration_ms == 1234 for e in speech)
    assert (
        Utterance(
            "Slowly come up to standing, and walk around the room.",
            repo / "tests/data/clips/ending.wav",
        )
        in asked
    )


def test_estimate_reads_about_150_words_a_minute_plus_a_breath() -> None:
    thirty_words = " ".join(["word"] * 30)
    assert estimate_speech_ms(Utterance(thirty_words)) == 12_000 + 650
    assert estimate_speech_ms(Utterance("Rest.")) == 1200


def test_events_are_contiguous_and_sum_to_total(repo: Path) -> None:
    timeline = compile_timeline(load_lesson(repo / "tests/data/sample.lesson"))
    position = 0
    for index, event in enumerate(timeline.events):
        assert event.index == index and event.start_ms == position
        position = event.end_ms
    assert position == timeline.total_ms


def test_sections_and_queries(repo: Path) -> None:
    timeline = compile_timeline(load_lesson(repo / "tests/data/sample.lesson"), fixed(1000))
    first, second = timeline.sections
    assert (first.title, first.start_ms) == ("Getting comfortable", 0)
    assert second.start_ms == first.end_ms == 12_000
    assert timeline.section_at(second.start_ms) == second
    assert timeline.section_at(second.start_ms - 1) == first
    cue = timeline.cue_at(500)
    assert timeline.next_cue(500) == timeline.cues[cue.index + 1]
    assert timeline.event_at(timeline.total_ms + 10) == timeline.events[-1]
    assert timeline.cue_by_id(cue.id) == cue


def test_cue_ids_survive_edits_elsewhere_in_the_file() -> None:
    before = parse_lesson_text(HEADER + "# Knee\n[repeat 2]\n    Lift.\nRest now.\n")
    after = parse_lesson_text(
        HEADER + "// new note\n# Intro\nWelcome.\n\n# Knee\n[repeat 2]\n    Lift.\nRest now.\n"
    )
    ids_before = [c.id for c in compile_timeline(before).cues]
    ids_after = [c.id for c in compile_timeline(after).cues]
    assert len(set(ids_before)) == len(ids_before)
    assert set(ids_before) <= set(ids_after)


def test_identical_cues_in_one_section_get_distinct_ids() -> None:
    lesson = parse_lesson_text(HEADER + "Breathe.\n\nBreathe.\n")
    ids = [c.id for c in compile_timeline(lesson).cues]
    assert len(ids) == 2 and ids[0] != ids[1]


def test_cue_for_line_finds_the_instruction_under_the_cursor(repo: Path) -> None:
    timeline = compile_timeline(load_lesson(repo / "tests/data/sample.lesson"), fixed(1000))
    assert timeline.cue_for_line(1).index == 0  # in the header: the first cue
    assert timeline.cue_for_line(10).caption.startswith("Lie on your left side")  # on its [pause]
    lift = timeline.cue_for_line(15)
    assert lift.caption.startswith("Slowly lift") and lift.id.endswith("#1")  # first round
    assert (
        timeline.cue_for_line(20).caption == "Lie on your left side. Lift your right knee a little."
    )
