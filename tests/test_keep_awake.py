"""When the computer is kept awake, on the real player and a manual clock."""

from __future__ import annotations

from lesson_engine.playback.events import StateChanged
from lesson_engine.playback.keep_awake import HOLD_AFTER_PAUSE_MS, KeepAwake
from tests.player_fixtures import Rig, make_rig


def following(rig: Rig) -> KeepAwake:
    rule = KeepAwake(rig.clock)
    rule.follow(rig.player.state)
    rig.player.subscribe(lambda e: rule.follow(e.new) if isinstance(e, StateChanged) else None)
    return rule


def test_nothing_is_held_before_play_and_everything_while_playing() -> None:
    rig = make_rig()
    rule = following(rig)
    assert not rule.wanted
    rig.player.play()
    rig.run(30_000)  # through a suggested rest in the script: still playing
    assert rule.wanted and rule.ms_until_change() is None


def test_a_pause_keeps_the_computer_awake_for_five_minutes_then_lets_go() -> None:
    rig = make_rig()
    rule = following(rig)
    rig.player.play()
    rig.run(5_000)
    rig.player.pause()
    rig.clock.advance(HOLD_AFTER_PAUSE_MS - 1)
    assert rule.wanted and rule.ms_until_change() == 1
    rig.clock.advance(1)
    assert not rule.wanted and rule.ms_until_change() is None
    rig.player.toggle()
    assert rule.wanted


def test_a_rest_taken_while_paused_does_not_restart_the_wait() -> None:
    rig = make_rig()
    rule = following(rig)
    rig.player.play()
    rig.player.pause()
    rig.clock.advance(HOLD_AFTER_PAUSE_MS - 60_000)
    rig.player.rest()
    assert rule.ms_until_change() == 60_000
    rig.clock.advance(60_000)
    assert not rule.wanted


def test_a_rest_from_playing_starts_the_wait_afresh() -> None:
    rig = make_rig()
    rule = following(rig)
    rig.player.play()
    rig.player.pause()
    rig.clock.advance(HOLD_AFTER_PAUSE_MS - 1)
    rig.player.toggle()
    rig.run(1_000)
    rig.player.rest()
    assert rule.ms_until_change() == HOLD_AFTER_PAUSE_MS


def test_stop_and_the_end_let_go_at_once() -> None:
    stopped = make_rig()
    rule = following(stopped)
    stopped.player.play()
    stopped.player.stop()
    assert not rule.wanted
    ended = make_rig()
    rule = following(ended)
    ended.player.play()
    ended.run(60_000)
    assert not rule.wanted


def test_finish_lets_go_even_of_a_lesson_still_playing() -> None:
    rig = make_rig()
    rule = following(rig)
    rig.player.play()
    rule.finish()
    assert not rule.wanted
