"""Properties that must hold for any lesson and any sequence of presses, found by hypothesis."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from lesson_engine.playback.checkpoint import Checkpoint
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.player import Player
from lesson_engine.playback.state import PlayerState
from lesson_engine.script.diagnostics import LessonScriptError
from lesson_engine.script.parser import check_lesson_bytes, parse_lesson_text
from lesson_engine.timeline import compile_timeline
from tests.player_fixtures import COMMANDS, make_timeline

TIMELINE = make_timeline()
PRESSES = tuple(c for c in COMMANDS if c != "stop")

actions = st.lists(
    st.one_of(
        st.tuples(st.just("wait"), st.integers(min_value=0, max_value=20_000)),
        st.tuples(st.sampled_from(PRESSES), st.just(0)),
        st.tuples(st.just("seek"), st.integers(min_value=-1_000, max_value=70_000)),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(waits=st.lists(st.integers(min_value=0, max_value=5_000), max_size=60))
def test_position_never_goes_backwards_while_playing(waits: list[int]) -> None:
    clock = ManualClock()
    player = Player(TIMELINE, clock)
    player.play()
    last = player.position_ms
    for wait in waits:
        clock.advance(wait)
        player.tick()
        assert player.position_ms >= last
        last = player.position_ms


@settings(max_examples=150, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 4_000), st.integers(0, 50_000)), max_size=20))
def test_pause_and_resume_never_lose_or_add_time(spans: list[tuple[int, int]]) -> None:
    clock = ManualClock()
    player = Player(TIMELINE, clock)
    player.play()
    played = 0
    for playing, paused in spans:
        clock.advance(playing)
        player.tick()
        played += playing
        player.pause()
        clock.advance(paused)
        player.resume()
    expected = min(played, TIMELINE.total_ms)
    assert player.position_ms == expected


@settings(max_examples=200, deadline=None)
@given(steps=actions)
def test_any_sequence_of_presses_keeps_the_player_consistent(steps: list[tuple[str, int]]) -> None:
    clock = ManualClock()
    player = Player(TIMELINE, clock)
    for name, value in steps:
        if name == "wait":
            clock.advance(value)
            player.tick()
        elif name == "seek":
            player.seek(value)
        else:
            getattr(player, name)()
        assert 0 <= player.position_ms <= TIMELINE.total_ms
        assert player.rest_remaining_ms <= player.rest_suggested_ms
        if player.state is not PlayerState.FINISHED:
            assert player.current_event == TIMELINE.event_at(player.position_ms)


@settings(max_examples=200, deadline=None)
@given(position=st.integers(min_value=0, max_value=TIMELINE.total_ms - 1))
def test_checkpoint_then_restore_lands_on_the_same_cue(position: int) -> None:
    player = Player(TIMELINE, ManualClock(), start_ms=position)
    saved = Checkpoint.from_dict(player.checkpoint().to_dict())
    restored = Player.restore(TIMELINE, saved, ManualClock())
    assert restored.current_cue == TIMELINE.cue_at(position)


script_lines = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "[pause 5s]",
                "[rest 1m] Rest.",
                "[repeat 3 every 7s]",
                "    Lift.",
                "    [count]",
                "[sides left, right]",
                "    Lie on your {side} side.",
                "# Section",
                "[bell]",
                "",
                "[metronome 172 for 30s]",
                "[audio a.wav] Hi.",
                "\t[pause 2s]",
                "[pause",
                "// note",
                "        Deeper.",
                "[repeat 0]",
                "{other}",
                "---",
                "id: x",
                "title: y",
                "[repeat ²]",
                "[metronome ① for 5s]",
                "[pause 99999999999999999999999999s]",
                "[repeat 1]",
                "\r",
            ]
        ),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(lines=script_lines, with_header=st.booleans())
def test_parser_never_raises_anything_but_its_own_error(
    lines: list[str], with_header: bool
) -> None:
    text = ("id: fuzz\ntitle: Fuzz\n---\n" if with_header else "") + "\n".join(lines)
    result = check_lesson_bytes(text.encode("utf-8", errors="surrogatepass"))
    shown = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for diagnostic in result.diagnostics:  # every place is one an editor can show
        assert 1 <= diagnostic.line <= len(shown), diagnostic
        assert 1 <= diagnostic.column <= len(shown[diagnostic.line - 1]) + 1, diagnostic
    if result.lesson is not None:
        assert not result.errors
        timeline = compile_timeline(result.lesson)
        assert timeline.total_ms == sum(e.duration_ms for e in timeline.events)
    else:
        assert result.errors
    with contextlib.suppress(LessonScriptError):
        parse_lesson_text(text)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_parser_survives_arbitrary_bytes(data: bytes) -> None:
    result = check_lesson_bytes(data)
    assert (result.lesson is None) == bool(result.errors)
    lines = max(len(data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")), 1)
    assert all(1 <= d.line <= lines and d.column >= 1 for d in result.diagnostics)
