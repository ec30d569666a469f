"""Get ready: the countdown before an instruction is heard again, and the bells that mark a
rest's end, on the real player and a manual clock."""

from __future__ import annotations

from lesson_engine.playback.events import (
    CueStarted,
    EventStarted,
    GettingReady,
    PlayerState,
    RestOver,
)
from lesson_engine.playback.get_ready import (
    COUNT_WORDS,
    GET_READY_CHOICES_MS,
    CountWord,
    countdown_text,
    spoken_count,
)
from tests.player_fixtures import CUE_STARTS, TOTAL_MS, Rig, make_rig

READY_MS = 3_000


def sounds(rig: Rig) -> list[tuple[int, int]]:
    """(event start, offset) of every sound the player started, in order."""
    return [(e.event.start_ms, e.offset_ms) for e in rig.of(EventStarted)]


def test_after_a_pause_the_countdown_then_the_instruction_from_its_start() -> None:
    rig = make_rig(get_ready_ms=READY_MS)
    rig.player.play()
    rig.run(12_000)  # 2 s into "Two"
    rig.player.pause()
    rig.heard.clear()
    rig.player.toggle()
    assert rig.of(GettingReady) == [GettingReady(READY_MS, after_rest=False)]
    assert rig.player.position_ms == CUE_STARTS[1]  # the instruction's start, held
    assert rig.player.ready_remaining_ms == READY_MS
    assert rig.player.ms_until_next_boundary() == READY_MS
    rig.run(READY_MS - 10)
    assert sounds(rig) == [] and rig.player.position_ms == CUE_STARTS[1]
    assert rig.player.state is PlayerState.PLAYING
    rig.run(10)
    assert sounds(rig) == [(CUE_STARTS[1], 0)]  # the voice, from the start of the instruction
    assert rig.player.ready_remaining_ms == 0
    rig.run(1_000)
    assert rig.player.position_ms == CUE_STARTS[1] + 1_000


def test_after_a_rest_the_countdown_then_the_instruction_again() -> None:
    rig = make_rig(get_ready_ms=READY_MS)
    rig.player.play()
    rig.run(12_000)
    rig.player.rest()
    rig.run(90_000)
    rig.heard.clear()
    rig.player.toggle()
    assert rig.of(GettingReady) == [GettingReady(READY_MS, after_rest=False)]
    assert [e.cue.start_ms for e in rig.of(CueStarted)] == [CUE_STARTS[1]]  # shown at once
    rig.run(READY_MS)
    assert sounds(rig) == [(CUE_STARTS[1], 0)]


def test_off_resumes_where_it_paused_at_once() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(12_000)
    rig.player.pause()
    rig.heard.clear()
    rig.player.toggle()
    assert rig.of(GettingReady) == [] and sounds(rig) == [(CUE_STARTS[1], 2_000)]


def test_a_chosen_rest_rings_once_when_its_suggested_time_is_over() -> None:
    rig = make_rig(get_ready_ms=READY_MS, default_rest_ms=60_000)
    rig.player.play()
    rig.player.rest()
    assert rig.player.ms_until_next_boundary() == 60_000  # the controller's timer aims there
    rig.run(59_990)
    assert rig.of(RestOver) == []
    rig.run(10)
    assert rig.of(RestOver) == [RestOver(chosen=True)]
    assert rig.player.ms_until_next_boundary() is None
    rig.run(30_000)
    assert rig.of(RestOver) == [RestOver(chosen=True)]  # once: the count-up has begun


def test_the_end_of_a_suggested_rest_rings_and_leads_into_the_next_instruction() -> None:
    # The script's [rest 30s] runs from 26 s (after its 2 s cue) to 56 s, where "Five." starts.
    rig = make_rig(get_ready_ms=READY_MS)
    rig.player.play()
    rig.run(56_000 - 10)
    assert rig.of(RestOver) == []
    rig.heard.clear()
    rig.clock.advance(40)  # a late tick, 30 ms after the rest's end
    rig.player.tick()
    assert rig.of(RestOver) == [RestOver(chosen=False)]
    assert rig.of(GettingReady) == [GettingReady(READY_MS, after_rest=True)]
    assert rig.player.position_ms == CUE_STARTS[4] and sounds(rig) == []
    assert rig.player.ready_remaining_ms == READY_MS - 30  # counted from the rest's end
    rig.run(READY_MS - 30)
    assert sounds(rig) == [(CUE_STARTS[4], 0)]
    rig.run(TOTAL_MS - CUE_STARTS[4])
    assert rig.player.state is PlayerState.FINISHED  # the countdown added to the lesson's time


def test_with_get_ready_off_a_suggested_rest_still_rings_and_goes_straight_on() -> None:
    rig = make_rig()
    rig.player.play()
    rig.run(56_000)
    assert rig.of(RestOver) == [RestOver(chosen=False)] and rig.of(GettingReady) == []
    assert sounds(rig)[-1] == (CUE_STARTS[4], 0)


def test_pausing_in_the_countdown_waits_and_next_cuts_it_short() -> None:
    rig = make_rig(get_ready_ms=READY_MS)
    rig.player.play()
    rig.run(12_000)
    rig.player.pause()
    rig.player.toggle()
    rig.run(1_000)
    rig.player.pause()
    assert rig.player.position_ms == CUE_STARTS[1]
    rig.heard.clear()
    rig.player.toggle()
    assert rig.player.ready_remaining_ms == READY_MS  # a full countdown again
    rig.player.next()
    assert rig.player.ready_remaining_ms == 0
    assert sounds(rig) == [(CUE_STARTS[2], 0)]  # the jump is heard at once


def test_the_countdown_reads_ready_three_two_one() -> None:
    shown = [countdown_text(ms) for ms in (3_000, 2_001, 2_000, 1_001, 1_000, 1)]
    assert shown == ["Ready… 3", "Ready… 3", "Ready… 2", "Ready… 2", "Ready… 1", "Ready… 1"]


def test_the_spoken_count_says_each_number_as_the_screen_shows_it() -> None:
    assert spoken_count(3_000) == (
        CountWord(0, "Ready, 3"),
        CountWord(1_000, "2"),
        CountWord(2_000, "1"),
    )
    for ms in GET_READY_CHOICES_MS:
        for word in spoken_count(ms):
            assert countdown_text(ms - word.at_ms).endswith(word.text.removeprefix("Ready, "))
            assert word.text in COUNT_WORDS  # made before any lesson needs it
    assert spoken_count(0) == ()
    assert len(spoken_count(5_000)) == 5


def test_a_spoken_count_comes_with_the_countdown_only_when_chosen() -> None:
    rig = make_rig(get_ready_ms=READY_MS)
    rig.player.play()
    rig.run(12_000)
    rig.player.pause()
    rig.player.toggle()
    assert rig.of(GettingReady) == [GettingReady(READY_MS, after_rest=False, spoken=())]
    rig.run(READY_MS + 1_000)
    rig.player.speak_count = True  # chosen mid-lesson: from the next countdown on
    rig.player.pause()
    rig.heard.clear()
    rig.player.toggle()
    assert rig.of(GettingReady) == [
        GettingReady(READY_MS, after_rest=False, spoken=spoken_count(READY_MS))
    ]


def test_the_end_of_a_suggested_rest_says_its_count_too_when_chosen() -> None:
    rig = make_rig(get_ready_ms=READY_MS)
    rig.player.speak_count = True
    rig.player.play()
    rig.run(56_000)  # the script's [rest 30s] ends at 56 s
    assert rig.of(GettingReady) == [
        GettingReady(READY_MS, after_rest=True, spoken=spoken_count(READY_MS))
    ]
