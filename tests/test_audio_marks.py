"""The bell and the get-ready chime through pygame's real mixer and SDL's disk driver.

One lesson plays in a child process on the output stream's own clock (``MixedFramesClock``, see
``test_audio_pygame.py``), with the 3 s get-ready on: a suggested rest ends, a pause is resumed.
The file SDL wrote must hold the bell where the rest ends, the chime where Space was pressed,
and after each, 3 s later, the instruction's clip from its first sample.
"""

from __future__ import annotations

from array import array
from pathlib import Path

from audio import tones
from audio.output.mixer import BUFFER_FRAMES
from audio.pcm import RATE
from tests.audio_fixtures import mixed_in_child, tone
from tests.test_audio_pygame import clip_frames_playing, loud_runs

READY_MS = 3_000

CHILD = r"""
import json, sys, time
from pathlib import Path
from audio.voices.cache import ClipCache
from audio.output.mixer import PygameOutput
from audio.output.session import SessionAudio
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from audio.sounds import make_marks
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.events import EventStarted, GettingReady, RestOver
from lesson_engine.playback.player import Player
from tests.audio_fixtures import MixedFramesClock, ToneVoice

chain = VoiceChain(ToneVoice(), ClipCache(Path(sys.argv[1])))
# A second of silence between the first two cues: back to back, their runs of sound could
# touch (a few ms apart, as the ticks fall) and be counted as one.
lesson = "id: t\ntitle: T\n---\nOne two.\n[pause 1s]\n[rest 1s] Rest now.\n\nThree four five.\n[pause 1s]\n"
timeline = timed_by_voice(parse_lesson_text(lesson), chain)
output = PygameOutput()
clock = MixedFramesClock()
player = Player(timeline, clock, get_ready_ms=int(sys.argv[2]))
SessionAudio(chain, output).attach(player)
moments = []  # (what, stream ms)
def note(event):
    if isinstance(event, RestOver | GettingReady):
        moments.append((type(event).__name__, clock.now_ms()))
    elif isinstance(event, EventStarted) and event.event.kind.value == "speech":
        moments.append((f"speech {event.event.start_ms} +{event.offset_ms}", clock.now_ms()))
player.subscribe(note)
make_marks()  # as LessonAudio.prepare does while the learner checks in

def run_until(done):
    while not done():
        wait = player.ms_until_next_boundary()
        time.sleep(min(wait if wait is not None else 5, 5) / 1000)
        player.tick()

began = clock.frames
player.play()
three = [e for e in timeline.events if e.kind.value == "speech"][-1]
run_until(lambda: player.position_ms >= three.start_ms + 100)  # into the last instruction
player.pause()
paused = clock.now_ms()
run_until(lambda: clock.now_ms() >= paused + 300)
player.toggle()
moments.append(("resumed", clock.now_ms()))
run_until(lambda: player.state.value == "finished")
output.close()
print(json.dumps({"moments": moments, "began": began, "mixed": clock.frames,
                  "three": [three.start_ms, three.end_ms]}))
"""


def test_the_bell_ends_a_rest_and_the_chime_starts_the_countdown_in_the_mixed_sound(
    tmp_path: Path, repo: Path
) -> None:
    result, samples, uncounted = mixed_in_child(
        repo, CHILD, tmp_path / "marks.raw", str(tmp_path / "cache"), str(READY_MS), timeout=90
    )

    def stream_ms(frame: int) -> float:
        """Where a frame of the file falls on the stream clock the child read."""
        return (frame - uncounted) * 1000 / RATE

    def onset(run: tuple[int, int], clip: array[int]) -> float:
        """Where the clip's first sample lies, given that ``run`` plays it (a sample-exact copy)."""
        first, last = run
        offsets = clip_frames_playing(samples[first : last + 1], clip)
        assert offsets, "not this clip"
        return stream_ms(first - offsets[0])

    moments = dict(result["moments"])
    start, end = result["three"]
    instruction = array("h", tone(end - start).pcm)
    bell, chime = array("h", tones.bell().pcm), array("h", tones.chime().pcm)
    runs = loud_runs(samples)
    # One two. / Rest now. / the bell / Three four five (cut by the pause) / the chime / it again
    assert len(runs) == 6, runs
    tolerance = BUFFER_FRAMES * 1000 / RATE + 15  # a mixer buffer and a tick

    rang = onset(runs[2], bell)
    assert abs(rang - moments["RestOver"]) <= tolerance
    heard = onset(runs[3], instruction)
    assert abs(heard - rang - READY_MS) <= tolerance  # the countdown, counted from the bell

    chimed = onset(runs[4], chime)
    assert abs(chimed - moments["resumed"]) <= tolerance
    again = onset(runs[5], instruction)  # the whole clip from its first sample, not mid-way
    assert abs(again - chimed - READY_MS) <= tolerance
    assert runs[5][1] - runs[5][0] > len(instruction) - RATE // 50
