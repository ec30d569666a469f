"""The programme's rules over a hand-moved calendar: step up, hold, step back, the 10 % cap, a
missed week, a switch of programme, a red flag and the clinician prompt. No disk, no clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from lesson_engine.journal.records import (
    PlanChange,
    ProgrammeChoice,
    RedFlagCheck,
    RunLog,
    SessionEntry,
    Soreness,
)
from lesson_engine.programme.history import History
from lesson_engine.programme.model import Activity
from lesson_engine.programme.parser import parse_programme_text
from lesson_engine.programme.progress import Action, current_choice, stand
from lesson_engine.programme.today import today
from lesson_engine.programme.week import Status, spread

MONDAY = date(2026, 11, 2)
RUNS = parse_programme_text(
    """id: runs
title: Runs
---
# Run-walk
leave when: runs done
run 3 a week: (S3)
    run 1m, walk 2m, 5 times (S3)
    run 2m, walk 2m, 5 times (S3)
    run 20m (S3)

# Build
run 3 a week: build from 20m by 10% a week to 40m (S3)
"""
)
CHOICE = ProgrammeChoice(MONDAY, "runs", id="2026-1")


def run(
    offset: int,
    pain: int = 0,
    morning: int | None = 0,
    onset: float | None = None,
    minutes: float = 15,
) -> RunLog:
    return RunLog(
        MONDAY + timedelta(days=offset),
        minutes,
        pain_during=pain,
        pain_after=pain,
        pain_next_morning=morning,
        pain_started_min=onset,
        id=f"2026-{offset + 10}",
    )


def standing(*runs: RunLog, on: int = 5, **more: object):  # type: ignore[no-untyped-def]
    history = History(choices=(CHOICE,), runs=runs, **more)  # type: ignore[arg-type]
    return stand(RUNS, CHOICE, history, MONDAY + timedelta(days=on)), history


def test_two_easy_runs_step_up_with_the_reason_in_words() -> None:
    state, _ = standing(run(0), run(2))
    assert state.stage == 1
    last = state.decisions[-1]
    assert last.action is Action.STEP_UP
    assert last.reason == (
        "Stepping up to stage 2 (run 2 min, walk 2 min, 5 times (20 min in all)): 2 easy runs at "
        "stage 1 (run 1 min, walk 2 min, 5 times (15 min in all)), no pain the next morning."
    )


def test_one_easy_run_is_not_enough_and_moderate_pain_holds_and_resets_the_count() -> None:
    one, _ = standing(run(0))
    assert one.stage == 0
    assert one.decisions[-1].reason.startswith(  # the month keeps its capital
        "Monday 2 November's run was easy at stage 1"
    )
    state, _ = standing(run(0), run(2, pain=3), run(4))
    assert state.stage == 0
    assert [d.action for d in state.decisions[1:]] == [Action.HOLD, Action.HOLD, Action.HOLD]
    assert "brought pain of 3 of 10" in state.decisions[2].reason


def test_pain_that_starts_during_a_run_holds_and_starting_earlier_steps_back() -> None:
    state, _ = standing(run(0), run(2), run(4, onset=10), run(6, onset=6), on=7)
    assert [d.action for d in state.decisions[-2:]] == [Action.HOLD, Action.STEP_BACK]
    assert state.stage == 0
    assert (
        "pain started 6 minutes in, earlier than the time before (10)" in state.decisions[-1].reason
    )


def test_high_pain_steps_back_a_stage() -> None:
    state, _ = standing(run(0), run(2), run(4, pain=6))
    assert state.stage == 0 and state.decisions[-1].action is Action.STEP_BACK


def test_a_worse_next_morning_holds_and_an_unknown_one_waits() -> None:
    state, _ = standing(run(0), run(2, morning=4))
    assert state.stage == 0 and "worse the morning after" in state.decisions[-1].reason
    state, _ = standing(run(0), run(2, morning=None))
    assert state.stage == 0 and state.decisions[-1].action is Action.WAIT
    answered, _ = standing(run(0), run(2, morning=1))
    assert answered.stage == 1


def test_more_than_a_week_without_a_run_starts_a_stage_lower_once() -> None:
    state, _ = standing(run(0), run(2), on=9)
    assert state.stage == 1
    state, _ = standing(run(0), run(2), on=10)
    assert state.stage == 0 and state.decisions[-1].action is Action.WELCOME_BACK
    again, _ = standing(run(0), run(2), on=20)
    assert [d.action for d in again.decisions].count(Action.WELCOME_BACK) == 1


def test_the_build_adds_at_most_ten_percent_over_what_was_run() -> None:
    easy = [run(d, minutes=m) for d, m in ((0, 15), (2, 15), (4, 20), (6, 20), (8, 20), (10, 20))]
    state, _ = standing(*easy, on=11)
    assert state.phase.title == "Build" and state.build_s == 20 * 60
    week = [run(d, minutes=20) for d in (12, 14, 16)]
    state, _ = standing(*easy, *week, on=18)
    assert state.build_s == 22 * 60  # 60 minutes run: 66 next week, 22 a run
    short = [run(12, minutes=20), run(14, minutes=20)]  # 40 minutes: a third 20 would be 50 %
    state, _ = standing(*easy, *short, on=18)
    assert state.build_s == 20 * 60 and "allow no more than 10 %" in state.decisions[-1].reason


def test_a_switch_of_programme_follows_the_latest_choice_and_keeps_the_runs() -> None:
    later = ProgrammeChoice(MONDAY + timedelta(days=5), "other", phase=1, id="2026-2")
    history = History(choices=(CHOICE, later), runs=(run(0), run(2)))
    assert current_choice(history, MONDAY + timedelta(days=4)) == CHOICE
    assert current_choice(history, MONDAY + timedelta(days=6)) == later
    state = stand(RUNS, later, history, MONDAY + timedelta(days=6))
    assert state.phase.title == "Build" and state.decisions[0].action is Action.START
    assert len(history.runs) == 2


def test_a_red_flag_brings_the_clinician_prompt_at_once() -> None:
    flags = (RedFlagCheck(MONDAY + timedelta(days=1), ("swelling",), id="2026-3"),)
    state, history = standing(run(0), on=2, flags=flags)
    shown = today(state, history)
    assert shown.clinician is not None and "swelling" in shown.clinician
    assert not shown.ask_red_flags  # asked yesterday: not again for a week


def _rated(offset: int, level: int) -> SessionEntry:
    at = datetime.combine(MONDAY + timedelta(days=offset), datetime.min.time(), UTC).replace(hour=9)
    return SessionEntry(
        "weight-shift-1",
        "W",
        at,
        at + timedelta(minutes=20),
        True,
        1.0,
        before=Soreness(level),
        id=f"2026-{100 + offset}",
    )


def test_no_improvement_after_four_weeks_suggests_a_clinician_and_improvement_does_not() -> None:
    flat = tuple(_rated(d, 4) for d in range(0, 29, 2))
    state, history = standing(on=28, sessions=flat)
    assert (reason := today(state, history).clinician) is not None
    assert "After 4 weeks the soreness is no lower (about 4.0 of 10 in the first week" in reason
    better = tuple(_rated(d, 4 if d < 7 else 1) for d in range(0, 29, 2))
    state, history = standing(on=28, sessions=better)
    assert today(state, history).clinician is None
    early, history = standing(on=20, sessions=flat)
    assert today(early, history).clinician is None


def test_the_week_spreads_runs_apart_and_counts_a_run_on_another_day() -> None:
    assert spread(3, 0) == [0, 2, 5] and spread(2, 0) == [0, 4]
    state, history = standing(run(1), on=3)  # ran on Tuesday instead of Monday
    slots = today(state, history).week
    assert [(s.slot.day.weekday(), s.slot.status) for s in slots] == [
        (0, Status.DONE),
        (2, Status.NOT_DONE),
        (5, Status.LATER),
    ]
    assert slots[0].slot.done_on == MONDAY + timedelta(days=1)


def test_a_skipped_or_moved_session_is_shown_so_and_nothing_is_called_missed() -> None:
    changes = (
        PlanChange(MONDAY, "run", "skip", id="2026-4"),
        PlanChange(MONDAY + timedelta(days=2), "run", "move", MONDAY + timedelta(days=3), "2026-5"),
    )
    state, history = standing(on=3, changes=changes)
    week = today(state, history).week
    assert [(w.slot.day.weekday(), w.slot.status) for w in week] == [
        (0, Status.SKIPPED),
        (3, Status.TODAY),
        (5, Status.LATER),
    ]
    assert week[1].slot.moved_from == MONDAY + timedelta(days=2)
    assert today(state, history).items[0].slot.activity is Activity.RUN


def test_the_morning_question_is_asked_for_the_latest_run_until_answered() -> None:
    state, history = standing(run(0, morning=None), on=1)
    assert today(state, history).ask_morning == run(0, morning=None)
    state, history = standing(run(0, morning=2), on=1)
    assert today(state, history).ask_morning is None


def test_a_week_away_is_welcomed_back_without_blame() -> None:
    state, history = standing(run(0), run(2), on=12)
    assert today(state, history).welcome_back
    state, history = standing(run(0), run(2), run(10), on=12)
    assert not today(state, history).welcome_back
    assert replace(state).today == MONDAY + timedelta(days=12)


def test_the_outcome_series_keep_pain_free_runs_and_set_each_week_against_its_plan() -> None:
    from lesson_engine.programme.outcomes import onsets, weeks

    runs = (run(0), run(2, pain=1, onset=9), run(7, minutes=20))
    history = History(choices=(CHOICE,), runs=runs)
    assert [(o.minutes, o.pain_free) for o in onsets(history)] == [
        (15, True),
        (9, False),
        (20, True),
    ]
    first, second = weeks(RUNS, history, MONDAY + timedelta(days=8))
    assert (first.ran_min, first.planned_min, first.done, first.planned) == (30, 45, 2, 3)
    assert (second.ran_min, second.done) == (20, 1)


def test_pain_at_the_lowest_stage_pauses_the_runs_and_twice_brings_the_clinician_prompt() -> None:
    state, history = standing(run(0, pain=6), on=1)
    assert state.stage == 0 and state.decisions[-1].action is Action.REST_FROM_RUNNING
    assert "the lowest there is" in state.decisions[-1].reason
    assert "The runs pause for 3 days: cross-train or rest instead" in state.decisions[-1].reason
    assert today(state, history).clinician is None
    state, history = standing(run(0, pain=6), run(5, pain=7), on=6)
    assert (reason := today(state, history).clinician) is not None
    assert reason.startswith("Twice in two weeks even the gentlest running")


def test_pain_starting_earlier_by_distance_steps_back_too() -> None:
    by_km = [
        replace(run(d), pain_started_km=km, pain_during=1, pain_after=1)
        for d, km in ((4, 3.0), (6, 1.0))
    ]
    state, _ = standing(run(0), run(2), *by_km, on=7)
    assert state.decisions[-1].action is Action.STEP_BACK
    assert "1 km in, earlier than the time before (3 km)" in state.decisions[-1].reason


def test_a_hilly_route_is_not_an_easy_run_until_the_phase_allows_hills() -> None:
    hilly = [replace(run(d), routes=("hilly",)) for d in (0, 2)]
    state, _ = standing(*hilly, on=3)
    assert state.stage == 0
    assert "route was hilly, which this phase leaves out" in state.decisions[-1].reason
    hills = parse_programme_text(
        "id: h\ntitle: H\n---\n# Hills\nallows: hills\nrun 3 a week: (S3)\n"
        "    run 1m, walk 2m, 5 times (S3)\n    run 20m (S3)\n"
    )
    history = History(choices=(CHOICE,), runs=tuple(hilly))
    assert stand(hills, CHOICE, history, MONDAY + timedelta(days=3)).stage == 1


def test_a_phase_changes_the_day_after_its_criteria_are_met_never_on_the_day_itself() -> None:
    two = parse_programme_text(
        "id: t\ntitle: T\n---\n# A\nleave when: at least 1 week\ncross 2 a week: 30m swim (S3)\n"
        "\n# B\nrun 3 a week: (S3)\n    run 1m, walk 2m, 5 times (S3)\n"
    )
    history = History(choices=(CHOICE,))
    sunday = stand(two, CHOICE, history, MONDAY + timedelta(days=6))
    assert sunday.phase.title == "A"
    monday = stand(two, CHOICE, history, MONDAY + timedelta(days=7))
    assert monday.phase.title == "B" and monday.phase_started == MONDAY + timedelta(days=7)
    assert monday.decisions[-1].day == MONDAY + timedelta(days=7)


def test_a_phase_past_its_longest_weeks_says_so_without_blame() -> None:
    long = parse_programme_text(
        "id: l\ntitle: L\n---\n# A\nweeks: 1 to 2\nleave when: strength 9 times\n"
        "cross 2 a week: 30m swim (S3)\n\n# B\ncross 1 a week: 30m swim (S3)\n"
    )
    history = History(choices=(CHOICE,))
    assert today(stand(long, CHOICE, history, MONDAY + timedelta(days=13)), history).over_time == ""
    late = today(stand(long, CHOICE, history, MONDAY + timedelta(days=14)), history)
    assert late.over_time.startswith(
        "This phase usually takes at most 2 weeks, and this is week 3."
    )


def test_lessons_count_the_phases_own_lessons_guided_sets_among_them() -> None:
    from lesson_engine.programme.criteria import Where, unmet

    phase = parse_programme_text(
        "id: g\ntitle: G\n---\n# A\nleave when: lessons 2 times\n"
        "lesson 2 a week: weight-shift-3, set-hip-drop (S1)\n"
    ).phases[0]
    done = (
        _rated(0, 1),
        replace(_rated(2, 1), lesson_id="set-hip-drop"),
        replace(_rated(3, 1), lesson_id="return-to-running-1"),
    )
    history = History(sessions=done, guided_sets={"hip-drop": "set-hip-drop"})
    where = Where(MONDAY, phase, False, None)
    assert unmet(phase.leave, history, MONDAY + timedelta(days=3), where) == [
        "lessons 2 times (1 so far)"
    ]  # weight-shift-1 and a run lesson are not this phase's; the hip-drop set is
    history = replace(history, sessions=(*done, replace(_rated(4, 1), lesson_id="weight-shift-3")))
    assert unmet(phase.leave, history, MONDAY + timedelta(days=4), where) == []


def test_back_to_previous_volume_is_met_at_the_most_the_phase_plans() -> None:
    from lesson_engine.programme.criteria import Where, unmet

    build = RUNS.phases[1]  # 3 runs a week, up to 40 minutes: 120 minutes at most
    criterion = (
        parse_programme_text(
            "id: v\ntitle: V\n---\n# A\nleave when: back to previous volume\n"
            "cross 1 a week: 30m swim (S3)\n"
        )
        .phases[0]
        .leave
    )
    week = tuple(run(d, minutes=40) for d in (0, 2, 4))
    history = History(runs=week)
    assert (
        unmet(criterion, history, MONDAY + timedelta(days=5), Where(MONDAY, build, True, 250)) == []
    )
    assert unmet(
        criterion,
        History(runs=week[:2]),
        MONDAY + timedelta(days=5),
        Where(MONDAY, build, True, 250),
    ) == ["back to previous volume (80 of 120 minutes a week)"]


def test_the_planned_runs_pause_for_three_days_after_pain_at_the_lowest_stage() -> None:
    state, history = standing(run(0, pain=6), on=1)
    week = today(state, history).week
    assert [(w.slot.day.weekday(), w.slot.status) for w in week] == [
        (0, Status.DONE),
        (2, Status.PAUSED),
        (5, Status.LATER),
    ]


def test_the_streak_counts_whole_weeks_with_every_session_done_and_ignores_this_one() -> None:
    from lesson_engine.programme.outcomes import Week, streak

    def week(n: int, done: int) -> Week:
        return Week(MONDAY + timedelta(weeks=n), 60, 60, done, 3)

    found = [week(0, 3), week(1, 2), week(2, 3), week(3, 3), week(4, 1)]
    assert streak(found, MONDAY + timedelta(weeks=4, days=2)) == 2  # week 5 not over yet
    assert streak(found, MONDAY + timedelta(weeks=5)) == 0  # week 5 ended short
    assert streak([*found[:4], week(4, 3)], MONDAY + timedelta(weeks=4, days=2)) == 3
