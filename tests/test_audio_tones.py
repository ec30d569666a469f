"""A lesson's bell, in the real mixer's output, where the timeline puts it.

The lesson plays through ``LessonAudio`` as the app wires it (``prepare`` while the learner checks
in, then Start), on pygame's mixer and SDL's disk driver in a child process, on the output
stream's own clock (``MixedFramesClock``). The bell's samples must put its first frame where the
timeline starts the bell: a tone made at the moment it is due would land that much later.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from audio import tones
from audio.pcm import RATE
from tests.audio_fixtures import mixed_in_child
from tests.test_audio_pygame import clip_frames_playing, loud_runs

CHILD = r"""
import json, sys
from pathlib import Path
from audio.lesson_audio import LessonAudio
from audio.output.mixer import PygameOutput
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.player import Player
from tests.audio_fixtures import MixedFramesClock, ToneVoice, play_through

chain = VoiceChain(ToneVoice(), ClipCache(Path(sys.argv[1])))
lesson = "id: t\ntitle: T\n---\nOne two three.\n[pause 1s]\n[bell]\n"
timeline = timed_by_voice(parse_lesson_text(lesson), chain)
audio = LessonAudio(chain, PygameOutput(), [])
audio.prepare(timeline)
assert audio.first_ready(timeline, 0, wait_s=30)  # the first cue made, as Start waits for it
clock = MixedFramesClock()
player = Player(timeline, clock)
audio.attach(player)
began = clock.frames
play_through(player)
audio.close()
bell = next(e.start_ms for e in timeline.events if e.kind.value == "bell")
print(json.dumps({"bell": bell, "began": began, "mixed": clock.frames}))
"""


def test_a_lessons_bell_rings_where_the_timeline_puts_it(tmp_path: Path, repo: Path) -> None:
    result, samples, uncounted = mixed_in_child(
        repo, CHILD, tmp_path / "bell.raw", str(tmp_path / "cache")
    )
    _speech, (first, _last) = loud_runs(samples, threshold=200)
    bell = array("h", tones.bell().pcm)
    # The tick that starts the bell may come a little late; the player then starts the clip that
    # far in, so its first frame still falls on the timeline. What moves it is only the time
    # between that tick and the clip reaching the mixer: the time to make the tone, if it is made
    # then. A few ms cover the rounding of ms to frames; a tone made when due takes tens.
    offsets = clip_frames_playing(samples[first : first + RATE // 10], bell)
    assert offsets, "not the bell"
    onset_ms = (first - offsets[0] - uncounted - result["began"]) * 1000 / RATE
    assert abs(onset_ms - result["bell"]) <= 8, (onset_ms, result["bell"])
