"""Today's run as a guided lesson: read by the real parser, timed by the real timeline.

What a runner notices: the bell rings when a run or a walk starts, the words after it say which,
the session lasts the warm-up, the stage and the cool-down, the click comes only when they asked
for a cadence and only while they run, and nothing said runs on into the next part.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lesson_engine.journal.records import ProgrammeChoice, RunLog
from lesson_engine.programme.history import History
from lesson_engine.programme.model import RunStage
from lesson_engine.programme.parser import parse_programme_text
from lesson_engine.programme.progress import stand
from lesson_engine.programme.run_lesson import run_lesson, run_lesson_text, todays_run, why_no_run
from lesson_engine.programme.today import today
from lesson_engine.script.parser import check_lesson_bytes
from lesson_engine.timeline import (
    DurationOf,
    Event,
    EventKind,
    Timeline,
    Utterance,
    compile_timeline,
)

WARM_UP_MS = COOL_DOWN_MS = 5 * 60_000
BELL_MS = 2500
STAGES = [
    RunStage(60, 120, 5),
    RunStage(90, 30, 4),
    RunStage(600, 60, 2),
    RunStage(1200),
    RunStage(300, 0, 3),
    RunStage(3600),
]


def slow_voice(utterance: Utterance) -> int:
    """A voice far slower than the captions estimate (about 75 words a minute)."""
    return 1500 + 800 * len(utterance.text.split())


def timed(
    stage: RunStage, cadence: int | None = None, duration_of: DurationOf | None = None
) -> Timeline:
    if duration_of is None:
        return compile_timeline(run_lesson(stage, cadence))
    return compile_timeline(run_lesson(stage, cadence, duration_of), duration_of)


def changes(stage: RunStage) -> list[tuple[int, str]]:
    """Every start of a run or a walk, worked out by hand from the stage: (ms, "run"|"walk")."""
    found, at = [], WARM_UP_MS
    for _ in range(stage.rounds):
        found.append((at, "run"))
        at += stage.run_s * 1000
        if stage.walk_s:
            found.append((at, "walk"))
            at += stage.walk_s * 1000
    if not stage.walk_s:
        found.append((at, "walk"))  # the cool-down walk starts where the last run stops
    return found


def boundaries(stage: RunStage) -> list[int]:
    """Where one part ends and the next begins, the warm-up's end and the cool-down's start too."""
    cool_down = WARM_UP_MS + stage.total_s * 1000
    return sorted({ms for ms, _ in changes(stage)} | {WARM_UP_MS, cool_down})


def running(stage: RunStage) -> list[tuple[int, int]]:
    starts = changes(stage)
    return [(ms, ms + stage.run_s * 1000) for ms, kind in starts if kind == "run"]


def speech(timeline: Timeline) -> list[Event]:
    return [e for e in timeline.events if e.kind is EventKind.SPEECH]


@pytest.mark.parametrize("stage", STAGES, ids=str)
def test_the_generated_lesson_is_one_the_real_parser_reads_without_a_warning(
    stage: RunStage,
) -> None:
    text = run_lesson_text(stage, 170)
    result = check_lesson_bytes(text.encode())
    assert result.lesson is not None and result.diagnostics == ()
    assert result.lesson.header.group == "return-to-running"


def test_the_id_and_title_say_the_stage() -> None:
    lesson = run_lesson(RunStage(60, 120, 5))
    assert lesson.title == "Today's run — run 1 min, walk 2 min, 5 times"
    assert lesson.id == "todays-run-1m-walk-2m-5-times"
    assert run_lesson(RunStage(90, 120, 5)).id == "todays-run-1m30s-walk-2m-5-times"
    assert run_lesson(RunStage(1200)).title == "Today's run — run 20 min without stopping"


@pytest.mark.parametrize("stage", STAGES, ids=str)
@pytest.mark.parametrize("voice", [None, slow_voice], ids=["estimate", "slow voice"])
def test_every_change_of_run_and_walk_rings_a_bell_at_its_time_and_says_which(
    stage: RunStage, voice: DurationOf | None
) -> None:
    timeline = timed(stage, 165, voice)
    bells = [e.start_ms for e in timeline.events if e.kind is EventKind.BELL]
    last_bell = timeline.total_ms - BELL_MS
    assert bells == [ms for ms, _ in changes(stage)] + [last_bell]
    for ms, kind in changes(stage):
        said = next(e for e in speech(timeline) if e.start_ms >= ms)
        assert said.start_ms == ms + BELL_MS
        assert f"{kind.capitalize()} now" in said.text


@pytest.mark.parametrize("stage", STAGES, ids=str)
@pytest.mark.parametrize("voice", [None, slow_voice], ids=["estimate", "slow voice"])
def test_the_session_lasts_the_warm_up_the_stage_and_the_cool_down(
    stage: RunStage, voice: DurationOf | None
) -> None:
    expected = WARM_UP_MS + stage.total_s * 1000 + COOL_DOWN_MS
    assert abs(timed(stage, None, voice).total_ms - expected) <= 1000
    assert abs(timed(stage, 170, voice).total_ms - expected) <= 1000


@pytest.mark.parametrize("stage", [*STAGES, RunStage(10, 10, 3), RunStage(6, 5, 2)], ids=str)
@pytest.mark.parametrize("voice", [None, slow_voice], ids=["estimate", "slow voice"])
def test_no_cue_runs_into_the_next_part_and_cues_while_running_are_short(
    stage: RunStage, voice: DurationOf | None
) -> None:
    timeline = timed(stage, 165, voice)
    for cue in speech(timeline):
        assert not any(cue.start_ms < edge < cue.end_ms for edge in boundaries(stage)), cue.text
        if any(start <= cue.start_ms < end for start, end in running(stage)):
            assert len(cue.text.split()) < 12, cue.text


def test_a_run_too_short_for_the_round_number_still_says_run() -> None:
    timeline = timed(RunStage(6, 5, 2), None, slow_voice)
    said = [e.text for e in speech(timeline) if e.start_ms >= WARM_UP_MS][:2]
    assert said == ["Run.", "Walk."]
    timeline = timed(RunStage(60, 120, 5))
    rounds = [e.text for e in speech(timeline) if "Run now" in e.text]
    assert rounds[0] == "Round 1 of 5. Run now, easy." and rounds[-1].startswith("Last round.")


def test_the_metronome_clicks_only_with_a_cadence_and_only_while_running() -> None:
    stage = RunStage(90, 30, 4)
    quiet = timed(stage)
    assert not any(e.kind is EventKind.METRONOME for e in quiet.events)
    clicks = [e for e in timed(stage, 172).events if e.kind is EventKind.METRONOME]
    assert {e.bpm for e in clicks} == {172}
    for click in clicks:
        assert any(start <= click.start_ms and click.end_ms <= end for start, end in running(stage))
    clicked = sum(e.duration_ms for e in clicks)
    assert clicked >= 0.8 * stage.running_s * 1000


def test_a_cadence_or_a_stage_no_lesson_can_guide_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="steps a minute from 40 to 240, not 300"):
        run_lesson(RunStage(60, 120, 5), 300)
    with pytest.raises(ValueError, match="shorter than 5 seconds"):
        run_lesson(RunStage(2, 60, 5))


MONDAY = date(2026, 11, 2)
PROGRAMME = parse_programme_text(
    """id: runs
title: Runs
---
# Settle
weeks: 1
leave when: at least 1 weeks
cross 2 a week: 30m cycling (S3)

# Run-walk
leave when: runs done
run 3 a week: (S3)
    run 1m, walk 2m, 5 times (S3)
    run 2m, walk 2m, 5 times (S3)

# Build
run 3 a week: build from 20m by 10% a week to 40m (S3)
"""
)


def shown(phase: int, days: int, *runs: RunLog):  # type: ignore[no-untyped-def]
    choice = ProgrammeChoice(MONDAY, "runs", phase, id="2026-1")
    history = History(choices=(choice,), runs=runs)
    return today(stand(PROGRAMME, choice, history, MONDAY + timedelta(days=days)), history)


def easy(days: int) -> RunLog:
    return RunLog(
        MONDAY + timedelta(days=days),
        15,
        pain_during=0,
        pain_after=0,
        pain_next_morning=0,
        id=f"2026-{days + 10}",
    )


def test_todays_run_is_the_stage_reached_or_the_build_and_none_on_other_days() -> None:
    assert todays_run(shown(1, 0)) == PROGRAMME.phases[1].weekly[0].stages[0]
    assert todays_run(shown(1, 5, easy(0), easy(2))) == PROGRAMME.phases[1].weekly[0].stages[1]
    assert todays_run(shown(2, 0)) == RunStage(1200)
    tuesday = shown(1, 1)
    assert todays_run(tuesday) is None
    assert why_no_run(tuesday) == (
        "no run is planned for today, Tuesday 3 November; the next one is on Wednesday 4 November"
    )
    settle = shown(0, 0)
    assert todays_run(settle) is None
    assert why_no_run(settle) == "today has no run to take with you: 'Settle' has no runs"
