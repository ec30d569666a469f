"""Rest during a span of a recorded lesson, heard through pygame's real mixer and SDL's disk driver.

A recorded lesson is one file whose cues each play their stretch of it. Here the stretches are
three tones, so the output says which one is heard and from which sample. A child process (SDL
reads its driver once) plays the lesson on the output stream's own clock (``MixedFramesClock``),
takes a Rest 200 ms into the second stretch and resumes 300 ms later. The file SDL wrote must
hold the second stretch cut at the Rest, then the second stretch again from its onset at the
resume, whole, then the third. Everything is compared as positions in the stream, so a busy
machine that runs the child late changes nothing but where a late tick starts a clip.
"""

from __future__ import annotations

import math
from array import array
from pathlib import Path

from audio.output.mixer import BUFFER_FRAMES
from audio.pcm import RATE, Clip, ms_to_frames
from audio.voices.recordings import RecordingStore
from lesson_engine.model.recordings import Span
from tests.audio_fixtures import mixed_in_child
from tests.recording_fixtures import dominant_hz, write_wav
from tests.test_audio_pygame import clip_frames_playing, loud_runs

TONES = (307.0, 613.0, 1229.0)
"""Prime frequencies: a tone whose period divides the rate would match its clip at many offsets."""
SPAN_MS = 500
TONE_MS = 400
"""Each stretch is its tone, then 100 ms of the room: the cues' sounds stay apart in the output."""
SPANS = tuple(Span(n * SPAN_MS, (n + 1) * SPAN_MS) for n in range(len(TONES)))
LESSON = "id: t\ntitle: T\n---\n" + "".join(
    f"[audio rec.wav from {s.start_ms / 1000} to {s.end_ms / 1000}] Part {n}.\n\n"
    for n, s in enumerate(SPANS, start=1)
    if s.end_ms is not None
)
INTO_MS, RESTED_MS = 200, 300

CHILD = r"""
import json, sys, time
from pathlib import Path
from audio.output.mixer import PygameOutput
from audio.output.session import SessionAudio
from audio.voices.cache import ClipCache
from audio.voices.chain import VoiceChain
from audio.voices.timed import timed_by_voice
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.playback.player import Player
from tests.audio_fixtures import MixedFramesClock, ToneVoice

folder, into, rested = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
chain = VoiceChain(ToneVoice(), ClipCache(folder / "cache"))
lesson = folder / "t.lesson"
timeline = timed_by_voice(parse_lesson_text(lesson.read_text(), lesson), chain)
output = PygameOutput()
clock = MixedFramesClock()
player = Player(timeline, clock)
SessionAudio(chain, output).attach(player)

def run_until(done):
    while not done():
        wait = player.ms_until_next_boundary()
        time.sleep(min(wait if wait is not None else 5, 5) / 1000)
        player.tick()

second = timeline.cues[1]
began = clock.now_ms()
player.play()
run_until(lambda: player.position_ms >= second.start_ms + into)
player.rest()
rest_at = clock.now_ms()
run_until(lambda: clock.now_ms() >= rest_at + rested)
player.resume()
resumed_at = clock.now_ms()
run_until(lambda: player.state.value == "finished")
output.close()
print(json.dumps({"began": began, "rest": rest_at, "resumed": resumed_at, "mixed": clock.frames,
                  "cues": [[c.start_ms, c.end_ms] for c in timeline.cues]}))
"""


def recording(path: Path) -> None:
    """Each tone for ``TONE_MS``, then quiet to the end of its ``SPAN_MS`` stretch, in Seesaw's
    own format."""
    samples = array("h")
    for hz in TONES:
        samples.extend(
            int(8000 * math.sin(2 * math.pi * hz * n / RATE)) for n in range(ms_to_frames(TONE_MS))
        )
        samples.extend([0] * ms_to_frames(SPAN_MS - TONE_MS))
    write_wav(path, samples, RATE, 1)


def test_rest_in_a_span_replays_it_from_its_onset_in_the_mixed_sound_then_the_next(
    tmp_path: Path, repo: Path
) -> None:
    recording(tmp_path / "rec.wav")
    (tmp_path / "t.lesson").write_text(LESSON)
    result, samples, uncounted = mixed_in_child(
        repo, CHILD, tmp_path / "out.raw", str(tmp_path), str(INTO_MS), str(RESTED_MS)
    )
    assert [end - start for start, end in result["cues"]] == [SPAN_MS] * 3
    store = RecordingStore()  # the very samples the child's mixer was given for each span
    spans = [array("h", store.clip(tmp_path / "rec.wav", span).pcm) for span in SPANS]

    def heard(run: tuple[int, int], span: int) -> tuple[float, int]:
        """Where in the stream (ms) the span's onset lies, given that ``run`` plays it (the
        mixer copies samples), and how far into the span the run begins (frames)."""
        first, last = run
        offsets = clip_frames_playing(samples[first : last + 1], spans[span])
        assert len(offsets) == 1, f"run {run} is not span {span + 1} once: {offsets}"
        return (first - offsets[0] - uncounted) * 1000 / RATE, offsets[0]

    runs = loud_runs(samples)
    pitches = [dominant_hz(Clip(samples[a : b + 1].tobytes())) for a, b in runs]
    assert len(runs) == 4, (runs, pitches)  # one, two (cut by Rest), two again, three
    for hz, expected in zip(pitches, (TONES[0], TONES[1], TONES[1], TONES[2]), strict=True):
        assert abs(hz - expected) < expected * 0.05, pitches
    tolerance = BUFFER_FRAMES * 1000 / RATE + 15  # a mixer buffer and a (late) tick
    tone_frames = ms_to_frames(TONE_MS)

    first_ms, _ = heard(runs[1], 1)  # where the timeline put it (a late tick starts it in step)
    assert abs(first_ms - result["began"] - result["cues"][1][0]) <= tolerance
    cut = runs[1]
    cut_end_ms = (cut[1] + 1 - uncounted) * 1000 / RATE
    assert abs(cut_end_ms - result["rest"]) <= tolerance  # Rest silences the span at once
    assert cut[1] - cut[0] < tone_frames - ms_to_frames(100)  # and it was cut short

    again_ms, again_from = heard(runs[2], 1)
    assert again_from <= 2  # from its first sample (the first one or two are quieter than loud)
    assert abs(again_ms - result["resumed"]) <= tolerance  # at the resume, not where Rest was
    assert runs[2][1] - runs[2][0] > tone_frames - ms_to_frames(5)  # the whole stretch

    third_ms, _ = heard(runs[3], 2)  # a late tick may start it a little way in, in step
    assert abs(third_ms - again_ms - SPAN_MS) <= tolerance
