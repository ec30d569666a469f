"""Sound follows the player's clock: right clip, right offset, silence on pause and rest."""

from __future__ import annotations

from array import array
from pathlib import Path

from audio import tones
from audio.output.protocol import NullOutput, Volumes
from audio.output.session import SessionAudio
from audio.pcm import RATE
from audio.spoken_count import count_clip
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.get_ready import COUNT_WORDS, spoken_count
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import Utterance, compile_timeline
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


def test_a_spoken_countdown_plays_each_word_at_its_second_in_the_voice(tmp_path: Path) -> None:
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path))
    timeline = timed_by_voice(parse_lesson_text(LESSON), chain)
    clock = ManualClock()
    player = Player(timeline, clock, get_ready_ms=3_000)
    player.speak_count = True
    output = NullOutput()
    SessionAudio(chain, output, lambda: Volumes(voice=0.5, sounds=0.25)).attach(player)
    player.play()
    run(player, clock, 250)
    player.pause()
    output.calls.clear()
    output.volumes.clear()
    player.resume()  # the words are not made yet: the count is shown only, never late
    assert output.calls == [("mark", tones.chime().duration_ms, 0)]
    for word in COUNT_WORDS:
        chain.clip_for(Utterance(word))  # as LessonAudio.prepare makes them, ahead
    player.pause()
    output.calls.clear()
    output.volumes.clear()
    player.resume()
    chime = tones.chime().duration_ms
    assert output.calls == [("mark", chime, 0), ("play", 2_100, 0)]  # "1" is one word: 100 ms
    assert output.volumes == [0.25, 0.5]  # the chime is a bell's, the count the voice's
    run(player, clock, 3_000)
    assert output.calls[2] == ("play", 600, 0)  # then the instruction, from its start


def test_the_count_clip_puts_each_word_at_its_moment(tmp_path: Path) -> None:
    chain = VoiceChain(ToneVoice(), ClipCache(tmp_path))
    words = spoken_count(3_000)
    clip = count_clip(words, chain.clip_for)
    assert clip is not None
    samples = array("h", clip.pcm)
    block = RATE // 10  # 100 ms
    heard = [
        n * 100
        for n in range(len(samples) // block + 1)
        if any(abs(v) > 100 for v in samples[n * block : (n + 1) * block])
    ]
    # "Ready, 3" is two words of tone (0–200 ms), "2" at 1 s, "1" at 2 s (100 ms each).
    assert heard == [0, 100, 1_000, 2_000]
