"""The voice and the bells and metronome at their own volumes, in the real mixer's output.

A lesson plays through pygame's mixer and SDL's disk driver in a child process (SDL reads its
driver once), with the voice at half and the metronome at a quarter. The loudest sample of each,
in the file SDL wrote, is that share of its clip's own: the mixer, not a copy, scales them.
"""

from __future__ import annotations

from array import array
from itertools import pairwise
from pathlib import Path

from audio import tones
from audio.pcm import RATE
from tests.audio_fixtures import mixed_in_child, tone
from tests.test_audio_pygame import loud_runs

CHILD = r"""
import json, sys
from pathlib import Path
from audio.output.mixer import PygameOutput
from audio.output.protocol import Volumes
from audio.output.session import SessionAudio
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.player import Player
from tests.audio_fixtures import MixedFramesClock, ToneVoice, play_through

chain = VoiceChain(ToneVoice(), ClipCache(Path(sys.argv[1])))
lesson = "id: t\ntitle: T\n---\nOne two three four.\n[metronome 120 for 2s]\n"
timeline = timed_by_voice(parse_lesson_text(lesson), chain)
output = PygameOutput()
clock = MixedFramesClock()
player = Player(timeline, clock)
SessionAudio(chain, output, lambda: Volumes(float(sys.argv[2]), float(sys.argv[3]))).attach(player)
began = clock.frames
play_through(player)
output.close()
print(json.dumps({"began": began, "mixed": clock.frames}))
"""


def play(tmp_path: Path, repo: Path, voice: float, sounds: float) -> array[int]:
    raw = tmp_path / f"out-{voice}-{sounds}.raw"
    _, samples, _ = mixed_in_child(
        repo, CHILD, raw, str(tmp_path / "cache"), str(voice), str(sounds)
    )
    return samples


def test_the_voice_and_the_metronome_are_each_as_loud_as_set(tmp_path: Path, repo: Path) -> None:
    samples = play(tmp_path, repo, voice=0.5, sounds=0.25)
    runs = loud_runs(samples, threshold=200)
    (first, last), *clicks = runs
    assert (last - first) * 1000 // RATE in range(380, 420)  # the spoken cue: 400 ms of tone
    # 120 a minute for 2 s is four clicks, half a second apart. On a busy machine the tick that
    # starts the metronome can come a few tens of milliseconds late; the clip then starts that far
    # in, in step with the clock, and its first 18 ms click is heard in part or rightly not at all.
    # So the clicks are counted and spaced by where they end, which a late start cannot move.
    assert len(clicks) in (3, 4)
    gaps = [(b[1] - a[1]) * 1000 // RATE for a, b in pairwise(clicks)]
    assert all(abs(gap - 500) <= 5 for gap in gaps), gaps
    voice_peak = max(abs(v) for v in samples[first : last + 1])
    click_peak = max(abs(v) for s, e in clicks[-3:] for v in samples[s : e + 1])
    clip_voice_peak = max(abs(v) for v in array("h", tone(400).pcm))
    clip_click_peak = max(abs(v) for v in array("h", tones.metronome(120, 2_000).pcm))
    assert abs(voice_peak / clip_voice_peak - 0.5) < 0.03
    assert abs(click_peak / clip_click_peak - 0.25) < 0.03
