"""The programme format: every problem at file:line:column with a hint, nothing half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from lesson_engine.paths import bundled_programmes_dir
from lesson_engine.programme.bundled import bundled_programmes, known
from lesson_engine.programme.model import Activity, Need
from lesson_engine.programme.parser import (
    ProgrammeError,
    check_programme_bytes,
    parse_programme_text,
)

LESSONS = {"weight-shift-1", "set-clamshell", "set-single-leg-bridge"}
SOURCES = {"S1", "S2", "S3", "S4"}
GOOD = """id: mine
title: Mine
---
# Settle
weeks: 2 to 3
leave when: at least 2 weeks; strength 4 times; soreness at most 1 for 5 days
strength 3 a week: set-clamshell, set-single-leg-bridge (S3)
cross 2 a week: 30m cycling or swimming (S3)
note: Stay below the distance where pain starts. (S3)

# Run-walk
leave when: runs done
run 3 a week: (S3)
    run 1m, walk 2m, 5 times (S3)
    run 20m (S3)
"""


def problems(text: str) -> list[str]:
    result = check_programme_bytes(
        text.encode(), Path("p.programme"), known_lessons=LESSONS, known_sources=SOURCES
    )
    return [str(d).splitlines()[0] for d in result.diagnostics]


def hints(text: str) -> list[str]:
    result = check_programme_bytes(
        text.encode(), Path("p.programme"), known_lessons=LESSONS, known_sources=SOURCES
    )
    return [d.hint for d in result.diagnostics]


def test_a_good_programme_reads_into_phases_weeks_criteria_and_stages() -> None:
    programme = parse_programme_text(GOOD, known_lessons=LESSONS, known_sources=SOURCES)
    settle, runwalk = programme.phases
    assert (settle.title, settle.weeks_min, settle.weeks_max) == ("Settle", 2, 3)
    assert [c.need for c in settle.leave] == [Need.WEEKS, Need.STRENGTH, Need.SORENESS]
    assert settle.leave[2].level == 1 and settle.leave[2].count == 5
    strength = settle.of(Activity.STRENGTH)
    assert strength is not None and strength.items == ("set-clamshell", "set-single-leg-bridge")
    assert strength.sources == ("S3",)
    cross = settle.of(Activity.CROSS)
    assert cross is not None and (cross.minutes, cross.text) == (30, "cycling or swimming")
    runs = runwalk.of(Activity.RUN)
    assert runs is not None
    assert [(s.run_s, s.walk_s, s.rounds) for s in runs.stages] == [(60, 120, 5), (1200, 0, 1)]
    assert settle.advice[0].text == "Stay below the distance where pain starts."


def test_a_lesson_that_does_not_exist_is_named_with_a_did_you_mean() -> None:
    text = GOOD.replace("set-clamshell,", "set-clamshel,")
    assert problems(text) == ["p.programme:7:20: error: no lesson 'set-clamshel'"]
    assert hints(text) == ["did you mean 'set-clamshell'?"]


def test_a_misspelt_kind_of_session_and_criterion_are_pointed_at() -> None:
    text = GOOD.replace("cross 2 a week", "cros 2 a week").replace(
        "strength 4 times", "strenght 4 times"
    )
    assert problems(text) == [
        "p.programme:6:31: error: unknown criterion 'strenght 4 times'",
        "p.programme:8:1: error: unknown kind of session 'cros'",
    ]
    assert hints(text)[1] == "did you mean 'cross'?"


def test_more_than_ten_percent_a_week_is_refused_with_the_sources_reason() -> None:
    text = GOOD.replace(
        "run 3 a week: (S3)\n    run 1m, walk 2m, 5 times (S3)\n    run 20m (S3)\n",
        "run 3 a week: build from 30m by 15% a week to 45m (S3)\n",
    )
    assert problems(text) == [
        "p.programme:13:33: error: a week may add at most 10 % of running, not 15 %"
    ]


def test_runs_done_needs_runs_and_a_run_line_needs_stages() -> None:
    text = GOOD.replace("leave when: at least 2 weeks;", "leave when: runs done; at least 2 weeks;")
    assert "p.programme:6:1: error: 'runs done' in a phase with no runs ('Settle')" in problems(
        text
    )
    cut = GOOD.split("    run 1m")[0]
    assert problems(cut)[-1].startswith("p.programme:13:19: error: a run line needs its stages")


def test_a_line_without_a_source_is_a_warning_and_an_unknown_source_an_error() -> None:
    text = GOOD.replace("30m cycling or swimming (S3)", "30m cycling or swimming")
    result = check_programme_bytes(text.encode(), known_lessons=LESSONS, known_sources=SOURCES)
    assert result.programme is not None
    assert [d.message for d in result.warnings] == ["no source is named for this line"]
    assert problems(GOOD.replace("(S3)\n\n#", "(S9)\n\n#")) == [
        "p.programme:9:51: error: no source 'S9'"
    ]


def test_thresholds_are_checked_where_they_are_written() -> None:
    text = GOOD.replace("title: Mine", "title: Mine\nacceptable-pain: 6\nstep-back-pain: 4")
    assert problems(text) == [
        "p.programme:4:17: error: the pain that steps back must be higher than the pain that is "
        "acceptable"
    ]
    assert problems(GOOD.replace("title: Mine", "title: Mine\neasy-runs: many")) == [
        "p.programme:3:12: error: 'easy-runs' must be from 1 to 10, not 'many'"
    ]


def test_nothing_half_loads_and_only_programme_error_is_raised() -> None:
    with pytest.raises(ProgrammeError) as raised:
        parse_programme_text(GOOD.replace("weeks: 2 to 3", "weeks: three"), known_lessons=LESSONS)
    assert "p.programme" not in str(raised.value)  # no path given: shown as <programme>
    assert "<programme>:5:8: error: expected weeks such as '2' or '2 to 4', found 'three'" in str(
        raised.value
    )
    for junk in (b"", b"\xff\xfe", b"---\n", b"# x\n", b"id: a\ntitle: b\n---\n    run 1m\n"):
        result = check_programme_bytes(junk)
        assert result.programme is None and result.errors


def test_every_bundled_programme_loads_cites_sources_on_every_line_and_names_real_lessons() -> None:
    facts = known()
    loaded, broken = bundled_programmes(facts)
    assert not broken, [str(d) for r in broken for d in r.diagnostics]
    assert len(loaded) == len(list(bundled_programmes_dir().glob("*.programme"))) >= 1
    for programme in loaded:
        for phase in programme.phases:
            for weekly in phase.weekly:
                assert weekly.sources or all(s.sources for s in weekly.stages), weekly
                assert all(i in facts.lessons for i in weekly.items)
            assert all(a.sources for a in phase.advice)


def test_the_header_names_only_sources_there_are() -> None:
    text = GOOD.replace("title: Mine", "title: Mine\nsources: S3; S9")
    assert problems(text) == ["p.programme:3:14: error: no source 'S9'"]
