"""The lesson script parser, judged by what an instructor sees: the lesson, or exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from lesson_engine.model.lesson import Bell, Count, Metronome, Pause, Repeat, Rest, Sides, Speak
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.script.parser import (
    check_lesson_bytes,
    check_lesson_file,
    load_lesson,
    parse_lesson_bytes,
    parse_lesson_text,
)

HEADER = "id: test-lesson\ntitle: Test lesson\n---\n"


def messages(text: str | bytes, path: Path | None = None) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [str(d) for d in check_lesson_bytes(data, path or Path("t.lesson")).diagnostics]


def first_line(text: str | bytes) -> str:
    return messages(text)[0].splitlines()[0]


def test_sample_lesson_parses_into_sections_and_steps(repo: Path) -> None:
    lesson = load_lesson(repo / "tests/data/sample.lesson")
    assert lesson.id == "weight-shift-1"
    assert lesson.header.tags == ("weight-shift", "side-lying")
    assert [s.title for s in lesson.sections] == ["Getting comfortable", "Lifting the knee"]
    steps = lesson.sections[1].steps
    assert isinstance(steps[0], Repeat) and steps[0].times == 6 and steps[0].every_ms == 7000
    assert steps[0].body == (
        Speak("Slowly lift your right knee a little, then let it come down.", 15),
    )
    assert steps[1] == Pause(5000, 16)
    assert steps[2] == Rest(60_000, "Roll onto your back and rest.", 17)
    assert isinstance(steps[3], Sides) and steps[3].sides == ("left", "right")
    assert isinstance(steps[4], Speak) and steps[4].audio == repo / "tests/data/clips/ending.wav"
    assert steps[5] == Metronome(172, 60_000, 25)
    assert steps[6] == Bell(26)


def test_paragraph_lines_join_into_one_cue_and_comments_vanish() -> None:
    lesson = parse_lesson_text(
        HEADER + "Lie down.\n// a note to myself\nBreathe out.\n\nStand up.\n"
    )
    assert lesson.sections[0].title == "Introduction"
    assert lesson.sections[0].steps == (Speak("Lie down. Breathe out.", 4), Speak("Stand up.", 8))


def test_rest_text_continues_on_following_lines() -> None:
    lesson = parse_lesson_text(
        HEADER + "[rest 1m30s] Roll onto your back.\nLet your legs go long.\n\nGo on.\n"
    )
    assert lesson.sections[0].steps[0] == Rest(
        90_000, "Roll onto your back. Let your legs go long.", 4
    )


def test_count_inside_repeat_is_a_step() -> None:
    lesson = parse_lesson_text(HEADER + "[repeat 3]\n    [count]\n    Lift.\n")
    repeat = lesson.sections[0].steps[0]
    assert isinstance(repeat, Repeat) and repeat.every_ms is None
    assert repeat.body == (Count(5), Speak("Lift.", 6))


def test_crlf_and_bom_give_the_same_lesson_and_digest() -> None:
    text = HEADER + "Lie down.\n"
    plain = check_lesson_bytes(text.encode()).lesson
    windows = check_lesson_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()).lesson
    assert plain is not None and windows is not None
    assert plain.sections == windows.sections
    assert plain.digest == windows.digest


def test_digest_changes_when_the_text_changes() -> None:
    a = parse_lesson_text(HEADER + "Lie down.\n")
    b = parse_lesson_text(HEADER + "Lie down slowly.\n")
    assert a.digest != b.digest


def test_misspelled_directive_gets_did_you_mean_with_location_and_caret() -> None:
    assert messages(HEADER + "Lie down.\n[pasue 5s]\n") == [
        "t.lesson:5:2: error: unknown directive [pasue 5s]\n"
        "    [pasue 5s]\n"
        "     ^\n"
        "  hint: did you mean [pause]?"
    ]


def test_misspelled_header_key_gets_did_you_mean() -> None:
    assert (
        first_line("id: a\ntitel: B\n---\nHi.\n")
        == "t.lesson:2:1: error: unknown header key 'titel'"
    )
    assert "did you mean 'title'?" in messages("id: a\ntitel: B\n---\nHi.\n")[0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "[pause 5]",
            "t.lesson:4:8: error: bad duration: '5' has no unit: write 5s for seconds or 5m for minutes",
        ),
        (
            "[pause 0s]",
            "t.lesson:4:8: error: bad duration: '0s' is zero: a duration must be longer than zero",
        ),
        (
            "[pause -3s]",
            "t.lesson:4:8: error: bad duration: '-3s' is negative: a duration must be longer than zero",
        ),
        (
            "[pause soon]",
            "t.lesson:4:8: error: bad duration: 'soon' is not a duration (write it like 8s, 90s, 1m30s or 2m)",
        ),
        ("[pause]", "t.lesson:4:7: error: [pause] needs a duration"),
        ("[pause 11m]", "t.lesson:4:8: error: 11m is too long for [pause]"),
        ("[repeat 0 every 7s]\n    Lift.", "t.lesson:4:9: error: [repeat 0] runs nothing"),
        ("[repeat 3 every]\n    Lift.", "t.lesson:4:16: error: 'every' needs a duration"),
        (
            "[repeat 3 evry 7s]\n    Lift.",
            "t.lesson:4:11: error: expected 'every' and a duration after the number of rounds",
        ),
        ("[repeat 3]\nLift.", "t.lesson:4:1: error: [repeat 3] needs an indented block under it"),
        ("[count]", "t.lesson:4:1: error: [count] only works inside [repeat]"),
        (
            "Lie on your {side} side.",
            "t.lesson:4:13: error: {side} is only filled in inside a [sides] block",
        ),
        (
            "[sides left, right]\n    Lift {sdie}.",
            "t.lesson:5:10: error: unknown placeholder {sdie}",
        ),
        (
            "[sides left, right]\n    [sides up, down]\n        Lift.",
            "t.lesson:5:5: error: [sides] inside [sides]",
        ),
        (
            "[sides left]\n    Lift.",
            "t.lesson:4:8: error: [sides] takes two sides separated by a comma",
        ),
        (
            "[metronome 300 for 1m]",
            "t.lesson:4:12: error: the tempo '300' is not a number of steps a minute from 40 to 240",
        ),
        (
            "[metronome 172 fro 1m]",
            "t.lesson:4:12: error: [metronome] needs a tempo and a duration",
        ),
        ("[bell", "t.lesson:4:1: error: unclosed bracket: '[' has no ']'"),
        ("[bell] now", "t.lesson:4:8: error: text after [bell] on the same line"),
        ("[bell loud]", "t.lesson:4:7: error: [bell] takes nothing after its name"),
        ("[]", "t.lesson:4:1: error: empty directive '[]'"),
        ("Hello.\n    indented.", "t.lesson:5:5: error: unexpected indentation"),
        (
            "[repeat 2]\n    # Inside\n    Lift.",
            "t.lesson:5:5: error: a section heading cannot be inside a [repeat] or [sides] block",
        ),
        (
            "[audio /home/me/clip.wav] Hi.",
            "t.lesson:4:8: error: the audio path '/home/me/clip.wav' is absolute",
        ),
        ("[audio clip.txt] Hi.", "t.lesson:4:8: error: 'clip.txt' is not a supported recording"),
        ("[audio clip.wav]\n[pause 5s]", "t.lesson:4:1: error: [audio] has no cue after it"),
        ("Hi.\n#\nMore.", "t.lesson:5:1: error: a section heading needs a title"),
    ],
)
def test_each_mistake_gets_a_precise_message(body: str, expected: str) -> None:
    assert first_line(HEADER + body + "\n") == expected


def test_tab_indentation_is_reported_at_the_tab() -> None:
    found = messages(HEADER + "[repeat 2]\n\tLift.\n")
    assert found[0].splitlines()[0] == "t.lesson:5:1: error: a tab in the indentation"
    assert "indent with spaces" in found[0]


def test_every_problem_is_reported_in_one_pass() -> None:
    found = messages(HEADER + "[pasue 5s]\nFine.\n[pause 0s]\n[count]\n[bell\n")
    assert [m.split(": error")[0] for m in found] == [
        "t.lesson:4:2",
        "t.lesson:6:8",
        "t.lesson:7:1",
        "t.lesson:8:1",
    ]


def test_a_script_with_errors_never_half_loads() -> None:
    result = check_lesson_bytes((HEADER + "Good cue.\n[pasue 5s]\n").encode())
    assert result.lesson is None
    with pytest.raises(LessonScriptError) as caught:
        parse_lesson_text(HEADER + "Good cue.\n[pasue 5s]\n")
    assert len(caught.value.diagnostics) == 1


def test_missing_header_end_is_explained() -> None:
    found = messages("id: a\ntitle: B\nLie down.\n")
    assert (
        found[0].splitlines()[0]
        == "t.lesson:3:1: error: the header never ends: there is no line '---'"
    )


def test_missing_id_suggests_one_from_the_file_name() -> None:
    found = messages("title: B\n---\nHi.\n", Path("lessons/Weight Shift 2.lesson"))
    assert (
        found[0].splitlines()[0]
        == "lessons/Weight Shift 2.lesson:2:1: error: the header has no 'id'"
    )
    assert "add a line like 'id: weight-shift-2' above '---'" in found[0]


def test_duplicate_header_key_names_the_first_line() -> None:
    assert first_line("id: a\ntitle: B\ntitle: C\n---\nHi.\n") == (
        "t.lesson:3:1: error: 'title' is given twice (first on line 2)"
    )


def test_bad_level_and_group_get_suggestions() -> None:
    found = messages("id: a\ntitle: B\nlevel: beginer\ngroup: strenght\n---\nHi.\n")
    assert "hint: did you mean 'beginner'?" in found[0]
    assert "hint: did you mean 'strength'?" in found[1]


def test_empty_file_is_explained() -> None:
    assert first_line(b"  \n\n") == "t.lesson:1:1: error: the file is empty"


def test_non_utf8_bytes_are_located() -> None:
    found = messages(HEADER.encode() + b"Caf\xe9 au lait.\n")
    assert found[0].splitlines()[0] == "t.lesson:4:4: error: this is not UTF-8 text (byte 0xE9)"
    assert "save the file as UTF-8" in found[0]


def test_huge_file_is_refused_with_its_size() -> None:
    data = (HEADER + "Lie down. " * 120_000).encode()
    assert (
        first_line(data)
        == "t.lesson:1:1: error: the file is 1.2 MB; a lesson script may be at most 128 kB"
    )


def test_lesson_with_nothing_to_say_is_an_error() -> None:
    assert (
        first_line(HEADER + "[pause 5s]\n")
        == "t.lesson:3:1: error: the lesson has nothing for the voice to say"
    )


def test_missing_recording_is_only_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.lesson"
    path.write_text(HEADER + "[audio clips/hello.ogg] Hello.\n")
    result = check_lesson_file(path)
    assert result.lesson is not None
    assert [str(w).splitlines()[0] for w in result.warnings] == [
        f"{path}:4:8: warning: recording not found: clips/hello.ogg"
    ]


def test_empty_section_warns_and_is_dropped() -> None:
    result = check_lesson_bytes((HEADER + "# Empty\n# Full\nHi.\n").encode(), Path("t.lesson"))
    assert result.lesson is not None
    assert [s.title for s in result.lesson.sections] == ["Full"]
    assert (
        str(result.warnings[0]).splitlines()[0]
        == "t.lesson:4:1: warning: the section 'Empty' is empty"
    )


def test_unreadable_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = check_lesson_file(tmp_path / "nope.lesson")
    assert result.lesson is None
    assert "cannot read the file" in str(result.diagnostics[0])


def test_oversized_unrolling_is_refused() -> None:
    text = HEADER + "[repeat 100]\n    [repeat 100]\n        [repeat 3]\n            Lift.\n"
    assert first_line(text) == "t.lesson:4:1: error: the lesson unrolls into more than 20000 steps"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[repeat ²]\n    Lift.", "t.lesson:4:9: error: '²' is not a number of rounds"),
        (
            "[metronome ① for 5s]",
            "t.lesson:4:12: error: the tempo '①' is not a number of steps a minute from 40 to 240",
        ),
        ("[repeat ٣]\n    Lift.", "t.lesson:4:9: error: '٣' is not a number of rounds"),
        (
            "[pause " + "9" * 300 + "s]",
            "t.lesson:4:8: error: bad duration: '9999999999999999…' is too long to be a duration "
            "(8s, 90s, 1m30s or 2m)",
        ),
        (
            "[pause " + "9" * 5000 + "s]",
            "t.lesson:4:8: error: bad duration: '9999999999999999…' is too long to be a duration "
            "(8s, 90s, 1m30s or 2m)",
        ),
    ],
)
def test_hostile_numbers_get_the_parsers_own_message(body: str, expected: str) -> None:
    """Digits int() would take or choke on (superscripts, other scripts, thousands of digits)."""
    assert first_line(HEADER + body + "\n") == expected


def test_blocks_nested_past_the_limit_are_one_error_not_a_crash() -> None:
    deep = "".join("    " * level + "[repeat 1]\n" for level in range(200)) + "    " * 200 + "Hi.\n"
    found = check_lesson_bytes((HEADER + deep).encode(), Path("t.lesson")).diagnostics
    assert [d.message for d in found] == ["blocks nested more than 8 deep"]
    assert found[0].line == 4 + 8


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id: x\ntitle: X", (2, 1)),  # no '---' and nothing to say: at the last line
        ("id: x", (1, 1)),
        ("id: x\n", (2, 1)),
        ("", (1, 1)),
    ],
)
def test_a_problem_at_the_end_of_the_file_is_shown_on_its_last_line(
    text: str, where: tuple[int, int]
) -> None:
    found = check_lesson_bytes(text.encode(), Path("t.lesson")).diagnostics
    assert found and {(d.line, d.column) for d in found} == {where}


def test_columns_count_a_tab_as_one_character_as_editors_show_it() -> None:
    found = messages(HEADER + "Hi.\n\tthere.\n")
    assert [m.splitlines()[0] for m in found] == [
        "t.lesson:5:1: error: a tab in the indentation",
        "t.lesson:5:2: error: unexpected indentation",
    ]


def test_cr_only_line_endings_count_lines_like_lf() -> None:
    found = messages((HEADER + "Hi.\n[pasue 5s]\n").replace("\n", "\r"))
    assert found[0].splitlines()[0] == "t.lesson:5:2: error: unknown directive [pasue 5s]"


def test_checking_stops_after_two_hundred_problems_and_says_so() -> None:
    """A file of thousands of mistakes is the wrong file, or one mistake repeated."""
    found = check_lesson_bytes((HEADER + "[pasue 5s]\n" * 1000).encode(), Path("t.lesson"))
    assert found.lesson is None and len(found.diagnostics) == 201
    last = found.diagnostics[-1]
    assert (last.line, last.message) == (203, "more than 200 problems: checking stopped here")


def test_a_file_of_undecodable_lines_stops_at_the_limit_too() -> None:
    found = check_lesson_bytes(b"\xff\n" * 5000, Path("t.lesson")).diagnostics
    assert len(found) == 201 and found[-1].message.startswith("more than 200 problems")


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_undecodable_bytes_are_located_whatever_ends_the_lines(ending: str) -> None:
    data = (HEADER.replace("\n", ending) + "Fine.{0}Caf\xe9.{0}Fine.{0}Th\xe9.{0}").format(ending)
    found = check_lesson_bytes(data.encode("latin-1"), Path("t.lesson")).diagnostics
    assert [(d.line, d.column, d.source_line) for d in found] == [
        (5, 4, "Caf\ufffd."),
        (7, 3, "Th\ufffd."),
    ]


def test_a_second_byte_order_mark_is_text_as_editors_show_it() -> None:
    found = check_lesson_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + HEADER.encode() + b"Hi.\n").diagnostics
    assert found and found[0].line == 1 and found[0].source_line == "\ufeffid: test-lesson"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[repeat t]\n    Lift.", "t.lesson:4:9: error: 't' is not a number of rounds"),
        ("[rest 5s s] Hi.", "t.lesson:4:10: error: [rest] takes one duration"),
        ("[pause  e ]", "t.lesson:4:9: error: bad duration: 'e' is not a duration"),
    ],
)
def test_an_argument_is_pointed_at_even_when_its_name_contains_it(body: str, expected: str) -> None:
    assert first_line(HEADER + body + "\n").startswith(expected)


def test_a_recording_path_the_system_cannot_look_up_is_only_a_warning(tmp_path: Path) -> None:
    """A file name longer than any file system allows makes the lookup itself fail."""
    path = tmp_path / "a.lesson"
    path.write_text(HEADER + "[audio " + "a" * 300 + ".wav] Hello.\n")
    result = check_lesson_file(path)
    assert result.lesson is not None
    assert [w.message.split(":")[0] for w in result.warnings] == ["recording not found"]


def test_parse_lesson_bytes_raises_only_the_parsers_own_error() -> None:
    assert parse_lesson_bytes((HEADER + "Hi.\n").encode()).sections[0].steps == (Speak("Hi.", 4),)
    with pytest.raises(LessonScriptError):
        parse_lesson_bytes(b"\xff\xfe")


def test_checking_stops_at_the_step_where_the_lesson_unrolls_past_the_limit() -> None:
    """Past 20000 steps the lesson is refused whatever follows, so the rest is not read."""
    found = check_lesson_bytes((HEADER + "Hi.\n\n" * 20_001 + "[pasue]\n").encode()).diagnostics
    assert [(d.line, d.message) for d in found] == [
        (4 + 2 * 20_000, "the lesson unrolls into more than 20000 steps")
    ]
    assert "checking stopped here" in found[0].hint


def test_a_block_too_long_to_unroll_is_reported_at_its_directive() -> None:
    text = HEADER + "Hi.\n[repeat 2]\n" + " x\n\n" * 20_001 + "[pasue]\n"
    found = check_lesson_bytes(text.encode()).diagnostics
    assert [(d.line, d.message) for d in found] == [
        (5, "the lesson unrolls into more than 20000 steps")
    ]
