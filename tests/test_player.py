"""The player state machine: every command in every state, with a manual clock and no sleeps."""

from __future__ import annotations

import pytest

from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.events import (
    CheckpointDue,
    CueStarted,
    EventStarted,
    Finished,
    Paused,
    PlayerState,
    RestEnded,
    RestStarted,
    SectionStarted,
)
from lesson_engine.playback.player import Player
from lesson_engine.timeline import EventKind
from tests.player_fixtures import COMMANDS, CUE_STARTS, TOTAL_MS, Rig, make_rig, make_timeline

S = PlayerState


def rig_in(state: PlayerState) -> Rig:
    """A player in ``state``, 12 s into the lesson (inside cue "Two", 2 s after its start)."""
    rig = make_rig()
    if state is S.READY:
        rig.player.seek(12_000)
        return rig
    rig.player.play()
    rig.run(12_000)
    if state is S.PAUSED:
        rig.player.pause()
    elif state is S.RESTING:
        rig.player.rest()
    elif state is S.FINISHED:
        rig.player.stop()
    assert rig.player.state is state
    return rig


# state -> command -> (state after, position after)
EXPECTED: dict[PlayerState, dict[str, tuple[PlayerState, int]]] = {
    S.READY: {
        "play": (S.PLAYING, 12_000),
        "pause": (S.READY, 12_000),
        "resume": (S.PLAYING, 12_000),
        "toggle": (S.PLAYING, 12_000),
        "rest": (S.RESTING, 12_000),
        "back": (S.READY, 10_000),
        "next": (S.READY, 14_000),
        "next_section": (S.READY, 14_000),
        "previous_section": (S.READY, 0),
        "stop": (S.FINISHED, 12_000),
    },
    S.PLAYING: {
        "play": (S.PLAYING, 12_000),
        "pause": (S.PAUSED, 12_000),
        "resume": (S.PLAYING, 12_000),
        "toggle": (S.PAUSED, 12_000),
        "rest": (S.RESTING, 12_000),
        "back": (S.PLAYING, 10_000),
        "next": (S.PLAYING, 14_000),
        "next_section": (S.PLAYING, 14_000),
        "previous_section": (S.PLAYING, 0),
        "stop": (S.FINISHED, 12_000),
    },
    S.PAUSED: {
        "play": (S.PLAYING, 12_000),
        "pause": (S.PAUSED, 12_000),
        "resume": (S.PLAYING, 12_000),
        "toggle": (S.PLAYING, 12_000),
        "rest": (S.RESTING, 12_000),
        "back": (S.PAUSED, 10_000),
        "next": (S.PAUSED, 14_000),
        "next_section": (S.PAUSED, 14_000),
        "previous_section": (S.PAUSED, 0),
        "stop": (S.FINISHED, 12_000),
    },
    S.RESTING: {
        # Ending a rest rewinds to the start of the cue that was playing ("Two", at 10 s).
        "play": (S.PLAYING, 10_000),
        "pause": (S.RESTING, 12_000),
        "resume": (S.PLAYING, 10_000),
        "toggle": (S.PLAYING, 10_000),
        "rest": (S.RESTING, 12_000),
        "back": (S.RESTING, 10_000),
        "next": (S.RESTING, 14_000),
        "next_section": (S.RESTING, 14_000),
        "previous_section": (S.RESTING, 0),
        "stop": (S.FINISHED, 12_000),
    },
    S.FINISHED: {
        "play": (S.PLAYING, 0),
        "pause": (S.FINISHED, 12_000),
        "resume": (S.FINISHED, 12_000),
        "toggle": (S.PLAYING, 0),
        "rest": (S.FINISHED, 12_000),
        "back": (S.FINISHED, 12_000),
        "next": (S.FINISHED, 12_000),
        "next_section": (S.FINISHED, 12_000),
        "previous_section": (S.FINISHED, 12_000),
        "stop": (S.FINISHED, 12_000),
    },
}


@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_in_every_state(state: PlayerState, command: str) -> None:
    rig = rig_in(state)
    getattr(rig.player, command)()
    assert (rig.player.state, rig.player.position_ms) == EXPECTED[state][command]


def test_position_follows_the_clock_exactly_while_playing() -> None:
    rig = make_rig()
    rig.player.play()
    rig.clock.advance(7_345)
    assert rig.player.position_ms == 7_345


def test_pause_freezes_position_and_resume_continues_from_it() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(5_000)
    rig.player.pause()
    rig.clock.advance(60_000)
    assert rig.player.position_ms == 5_000
    rig.player.resume()
    rig.run(1_000)
    assert rig.player.position_ms == 6_000


def test_resume_after_pause_restarts_sound_at_the_paused_offset() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(2_500)
    rig.player.pause()
    rig.heard.clear()
    rig.player.resume()
    started = rig.of(EventStarted)
    assert [(e.event.index, e.offset_ms) for e in started] == [(0, 2_500)]
    assert rig.of(CueStarted) == []


def test_rest_rewinds_to_start_of_current_cue_and_repeats_it() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(17_000)  # inside "Three" (14 s)
    rig.player.rest()
    assert rig.of(RestStarted)[-1].suggested_ms == 60_000
    rig.clock.advance(95_000)
    assert rig.player.rest_remaining_ms == -35_000  # counting up past the suggestion
    rig.heard.clear()
    rig.player.resume()
    assert rig.player.position_ms == 14_000
    assert rig.of(RestEnded) == [RestEnded(95_000)]
    assert rig.of(CueStarted)[0].cue.caption == "Three."
    assert rig.of(EventStarted)[0].offset_ms == 0
    assert rig.player.rests_taken == 1 and rig.player.rested_ms == 95_000


def test_rest_during_a_suggested_rest_replaces_it() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(30_000)  # inside the 30 s suggested rest (26 s - 56 s)
    assert rig.player.current_event.kind is EventKind.REST
    rig.player.rest()
    assert rig.player.rest_suggested_ms == 30_000
    rig.clock.advance(120_000)
    rig.player.resume()
    assert rig.player.position_ms == 56_000  # on to "Five", not "Rest." again


def test_back_goes_to_cue_start_or_previous_cue_within_two_seconds() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(17_000)
    rig.player.back()
    assert rig.player.position_ms == 14_000
    rig.run(1_500)
    rig.player.back()
    assert rig.player.position_ms == 10_000


def test_back_on_the_first_cue_stays_at_zero() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(500)
    rig.player.back()
    assert rig.player.position_ms == 0


def test_next_on_the_last_cue_finishes_the_lesson() -> None:
    rig = make_rig()
    rig.player.seek(57_000)
    rig.player.play()
    rig.player.next()
    assert rig.player.state is S.FINISHED
    assert rig.of(Finished)[-1] == Finished(True, TOTAL_MS)


def test_sections_jump_forward_and_back() -> None:
    rig = make_rig()
    rig.player.play()
    rig.player.next_section()
    assert rig.player.position_ms == 14_000
    assert rig.of(SectionStarted)[-1].section.title == "Second"
    rig.run(5_000)
    rig.player.previous_section()
    assert rig.player.position_ms == 14_000
    rig.player.previous_section()
    assert rig.player.position_ms == 0


def test_jump_while_paused_updates_captions_but_plays_no_sound() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(1_000)
    rig.player.pause()
    rig.heard.clear()
    rig.player.next()
    assert rig.of(CueStarted)[0].cue.caption == "Two."
    assert rig.of(EventStarted) == []


def test_cue_and_event_announcements_in_order_at_exact_times() -> None:
    rig = make_rig()
    starts: list[tuple[int, int]] = []
    rig.player.subscribe(
        lambda e: (
            starts.append((e.cue.start_ms, rig.player.position_ms))
            if isinstance(e, CueStarted)
            else None
        )
    )
    rig.player.play()
    rig.run(TOTAL_MS + 1_000, step=1)
    assert [cue for cue, _ in starts] == CUE_STARTS
    assert all(at == cue for cue, at in starts)
    assert rig.of(Finished) == [Finished(True, TOTAL_MS)]


def test_late_ticks_start_sound_at_the_right_offset() -> None:
    rig = make_rig()
    rig.player.play()
    rig.clock.advance(10_750)  # the app froze for a while
    rig.player.tick()
    started = rig.of(EventStarted)[-1]
    assert (started.event.start_ms, started.offset_ms) == (10_000, 750)


def test_ms_until_next_boundary_lets_the_timer_fire_on_time() -> None:
    rig = make_rig()
    rig.player.play()
    rig.clock.advance(1_500)
    assert rig.player.ms_until_next_boundary() == 2_500
    rig.player.pause()
    assert rig.player.ms_until_next_boundary() is None


def test_checkpoints_are_due_on_transitions_and_every_five_seconds() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(9_000, step=100)  # "One" plays with no cue change for 10 s
    due = [e.checkpoint.position_ms for e in rig.of(CheckpointDue)]
    assert due == [0, 5_000]
    rig.player.pause()
    assert rig.of(CheckpointDue)[-1].checkpoint.state == "paused"


def test_stop_is_a_partial_finish_and_keeps_the_rest_in_progress() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(3_000)
    rig.player.rest()
    rig.clock.advance(20_000)
    rig.player.stop()
    assert rig.of(Finished) == [Finished(False, 3_000)]
    assert rig.player.rested_ms == 20_000


def test_play_after_finish_starts_over() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(TOTAL_MS)
    assert rig.player.state is S.FINISHED
    rig.player.play()
    assert rig.player.position_ms == 0 and rig.player.state is S.PLAYING


def test_paused_listener_hears_the_position() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(4_321)
    rig.player.pause()
    assert rig.of(Paused) == [Paused(4_321)]


def test_checkpoint_restores_at_the_start_of_the_same_cue() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(17_000)
    rig.player.rest()
    rig.clock.advance(10_000)
    rig.player.resume()
    saved = Checkpoint.from_dict(rig.player.checkpoint().to_dict())
    restored = Player.restore(make_timeline(), saved, ManualClock())
    assert restored.state is S.READY
    assert restored.position_ms == 14_000
    assert restored.rests_taken == 1 and restored.rested_ms == 10_000


def test_restore_after_edit_finds_the_cue_by_id() -> None:
    rig = make_rig()
    rig.player.seek(15_000)
    saved = rig.player.checkpoint()
    edited = make_timeline(
        "id: player-test\ntitle: Player test\n---\n# First\nA new opening.\n\nOne.\n[pause 6s]\nTwo.\n\n"
        "# Second\nThree.\n[pause 6s]\n[rest 30s] Rest.\n\nFive.\n"
    )
    assert edited.digest != saved.digest
    restored = Player.restore(edited, saved, ManualClock())
    assert restored.current_cue.caption == "Three."


def test_restore_after_edit_falls_back_to_the_section_start() -> None:
    rig = make_rig()
    rig.player.seek(15_000)
    saved = rig.player.checkpoint()
    edited = make_timeline(
        "id: player-test\ntitle: Player test\n---\n# First\nOne.\n\n# Second\nThree, reworded.\nFive.\n"
    )
    restored = Player.restore(edited, saved, ManualClock())
    assert restored.position_ms == edited.sections[1].start_ms


def test_restore_refuses_another_lessons_checkpoint() -> None:
    saved = make_rig().player.checkpoint()
    other = make_timeline("id: other\ntitle: Other\n---\nHi.\n")
    with pytest.raises(ValueError, match="checkpoint is for lesson 'player-test'"):
        Player.restore(other, saved, ManualClock())


@pytest.mark.parametrize(
    "damage",
    [
        {"position_ms": "12"},
        {"position_ms": -5},
        {"cue_id": None},
        {"version": 99},
        {"rests_taken": True},
    ],
)
def test_malformed_checkpoint_is_rejected_clearly(damage: dict) -> None:
    data = {**make_rig().player.checkpoint().to_dict(), **damage}
    with pytest.raises(ValueError):
        Checkpoint.from_dict(data)


def test_checkpoint_without_optional_fields_loads() -> None:
    data = make_rig().player.checkpoint().to_dict()
    for key in ("rests_taken", "rested_ms", "furthest_ms", "version"):
        data.pop(key)
    assert Checkpoint.from_dict(data).rests_taken == 0


def retimed(timeline, event_index: int, new_duration: int):
    """The same lesson with one event's length changed, as a voice would report it."""
    from dataclasses import replace

    events = list(timeline.events)
    events[event_index] = replace(events[event_index], duration_ms=new_duration)
    position = 0
    for i, event in enumerate(events):
        events[i] = replace(event, start_ms=position)
        position += event.duration_ms if i != event_index else new_duration
    cues = [
        replace(c, start_ms=events[c.first_event].start_ms, end_ms=events[c.last_event].end_ms)
        for c in timeline.cues
    ]
    sections = [
        replace(
            s,
            start_ms=cues[s.first_cue].start_ms,
            end_ms=cues[s.last_cue].end_ms,
        )
        for s in timeline.sections
    ]
    return type(timeline)(
        timeline.lesson_id,
        timeline.title,
        timeline.digest,
        tuple(events),
        tuple(cues),
        tuple(sections),
        position,
    )


def test_future_cues_can_be_retimed_without_moving_the_position() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(11_000)  # in event 2 ("Two")
    later = retimed(rig.player.timeline, 3, 5_000)  # "Three" turns out 1 s longer
    assert rig.player.swap_timeline(later)
    assert rig.player.position_ms == 11_000
    rig.run(7_500)  # 18.5 s: the old "Three" ended at 18 s, the new one runs to 19 s
    assert rig.player.current_event.index == 3
    rig.run(500)
    assert rig.player.current_event.index == 4
    assert rig.player.timeline.total_ms == TOTAL_MS + 1_000


def test_retiming_what_was_already_heard_is_refused() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(11_000)
    assert not rig.player.swap_timeline(retimed(rig.player.timeline, 0, 5_000))
    assert not rig.player.swap_timeline(retimed(rig.player.timeline, 2, 5_000))  # the current event
    assert rig.player.timeline.total_ms == TOTAL_MS


def test_a_different_lesson_is_never_swapped_in() -> None:
    rig = make_rig()
    other = make_timeline("id: other\ntitle: O\n---\nOne.\n")
    assert not rig.player.swap_timeline(other)
