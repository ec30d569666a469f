"""Sound follows the player's clock: right clip, right offset, silence on pause and rest."""

from __future__ import annotations

from pathlib import Path

from audio.output.protocol import NullOutput
from audio.output.session import SessionAudio
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain, timed_by_voice
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import compile_timeline
from tests.audio_fixtures import ToneVoice

LESSON = "id: s\ntitle: S\n---\nLie down on your side now.\n[pause 3s]\n[bell]\nStand up slowly.\n"


def rig(tmp_path: Path):
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path))
    lesson = parse_lesson_text(LESSON)
    timeline = timed_by_voice(lesson, chain)
    clock = ManualClock()
    player = Player(timeline, clock)
    output = NullOutput()
    SessionAudio(chain, output).attach(player)
    return player, clock, output


def run(player: Player, clock: ManualClock, ms: int) -> None:
    for _ in range(ms // 10):
        clock.advance(10)
        player.tick()


def test_each_sound_starts_with_its_event(tmp_path: Path) -> None:
    player, clock, output = rig(tmp_path)
    player.play()
    run(player, clock, 9_000)
    assert output.calls == [
        ("play", 600, 0),  # six words of tone
        ("stop", 0, 0),  # the pause is silent
        ("play", 2_500, 0),  # the bell
        ("play", 300, 0),  # "Stand up slowly."
        ("stop", 0, 0),  # the end
    ]


def test_pause_stops_sound_and_resume_continues_mid_clip(tmp_path: Path) -> None:
    player, clock, output = rig(tmp_path)
    player.play()
    run(player, clock, 250)
    player.pause()
    clock.advance(30_000)
    player.resume()
    assert output.calls == [("play", 600, 0), ("stop", 0, 0), ("play", 600, 250)]


def test_rest_stops_sound_and_resume_repeats_the_cue_from_its_start(tmp_path: Path) -> None:
    player, clock, output = rig(tmp_path)
    player.play()
    run(player, clock, 400)
    player.rest()
    clock.advance(90_000)
    player.resume()
    assert output.calls[-2:] == [("stop", 0, 0), ("play", 600, 0)]


def test_a_cue_not_yet_synthesised_is_silent_rather_than_late(tmp_path: Path) -> None:
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path))
    timeline = compile_timeline(parse_lesson_text(LESSON), chain.duration_of)
    player = Player(timeline, ManualClock())
    output = NullOutput()
    SessionAudio(chain, output).attach(player)
    player.play()
    assert output.calls == []
    assert chain.voice.calls == []  # nothing was synthesised on the playing thread
