"""Recordings made in the test: tones or spoken phrases at a sound card's rate, and their pitch.

An instructor's file is rarely Seesaw's own 22,050 Hz mono; these are written at 48 kHz stereo
(the commonest recorder setting) so every test that uses them also goes through the conversion.
"""

from __future__ import annotations

import itertools
import math
import os
import random
import subprocess
import sys
import wave
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from audio.ffmpeg import use_bundled_ffmpeg
from audio.output.protocol import NullOutput
from audio.pcm import RATE, Clip, ms_to_frames, silence
from tests.audio_fixtures import tone

CARD_RATE = 48_000


def stereo_48k_tones(path: Path, tones: tuple[float, ...], seconds: float = 1.0) -> None:
    """A WAV at 48 kHz stereo of each tone in turn, ``seconds`` each (the right channel half as
    loud, so the channels differ and a mix-down is needed)."""
    frames_each = round(CARD_RATE * seconds)
    samples = array("h")
    for hz in tones:
        for n in range(frames_each):
            value = int(8000 * math.sin(2 * math.pi * hz * n / CARD_RATE))
            samples.extend((value, value // 2))
    write_wav(path, samples, CARD_RATE, 2)


def write_wav(path: Path, samples: array[int], rate: int, channels: int) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())


def dominant_hz(clip: Clip) -> float:
    """The pitch of the tone in a clip, from the rising zero crossings in its loud 10 ms frames
    (the room noise between words crosses zero too, but far more gently than a loud tone)."""
    samples = array("h", clip.pcm)
    frame = ms_to_frames(10)
    rises = loud = 0
    for at in range(0, len(samples) - frame + 1, frame):
        part = samples[at : at + frame]
        if max(part) > 2000:
            loud += frame
            rises += sum(1 for a, b in itertools.pairwise(part) if a < 0 <= b and b - a > 200)
    return rises * RATE / loud if loud else 0.0


def trimmed(clip: Clip, under: float = 0.01) -> Clip:
    """The clip from its first to its last sample louder than ``under`` of its peak: a voice's
    clip without the near-silence it starts and ends with, so a phrase ends where its sound does."""
    samples = array("h", clip.pcm)
    level = max(abs(v) for v in samples) * under
    loud = [n for n, v in enumerate(samples) if abs(v) > level]
    return Clip(samples[loud[0] : loud[-1] + 1].tobytes())


LEAD_MS = 600
"""Silence before the first phrase and after the last, as a recorder leaves it."""


def tone_phrase(hz: float, words: int = 4) -> Clip:
    """A stand-in for a spoken phrase: ``words`` bursts of tone, 250 ms each, 120 ms apart (the
    gaps between words, which must never become boundaries)."""
    word, gap = tone(250, hz).pcm, silence(120).pcm
    return Clip(gap.join([word] * words))


def spoken_recording(path: Path, phrases: list[Clip], pauses_ms: list[int]) -> list[int]:
    """Write the phrases with the pauses between them, over a faint room noise (50 dB under the
    speech), as a 48 kHz stereo WAV; returns the real boundaries, the middle of each pause, in ms."""
    use_bundled_ffmpeg()  # pydub warns on import when ffmpeg is not on PATH
    from pydub import AudioSegment

    parts, boundaries, at = [silence(LEAD_MS).pcm], [], ms_to_frames(LEAD_MS)
    for index, phrase in enumerate(phrases):
        parts.append(phrase.pcm)
        at += phrase.frames
        if index < len(pauses_ms):
            pause = ms_to_frames(pauses_ms[index])
            boundaries.append((at + pause / 2) * 1000 / RATE)
            parts.append(bytes(pause * 2))
            at += pause
    parts.append(silence(LEAD_MS).pcm)
    samples = array("h", b"".join(parts))
    noise = random.Random(18)
    for n, value in enumerate(samples):
        samples[n] = max(-32768, min(32767, value + noise.randint(-25, 25)))
    mono = AudioSegment(samples.tobytes(), sample_width=2, frame_rate=RATE, channels=1)
    card = mono.set_frame_rate(CARD_RATE).set_channels(2)
    write_wav(path, array("h", card.raw_data), CARD_RATE, 2)
    return [round(b) for b in boundaries]


@dataclass
class HeardOutput(NullOutput):
    """The null output, also keeping the pitch of each clip it was asked to play and where in
    the clip it started."""

    heard: list[tuple[float, int]] = field(default_factory=list)

    def play(self, clip: Clip, from_ms: int = 0, volume: float = 1.0) -> None:
        super().play(clip, from_ms, volume)
        self.heard.append((dominant_hz(Clip(clip.from_ms(from_ms))), from_ms))


def run_with_microphone(
    repo: Path, script: str, heard: Clip, folder: Path, *args: str
) -> subprocess.CompletedProcess[bytes]:
    """Run ``script`` in a child process whose SDL records through its disk driver, the
    "microphone" hearing ``heard`` (SDL picks its driver when it starts: hence a child)."""
    (folder / "mic.raw").write_bytes(heard.pcm)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SDL_AUDIODRIVER": "disk",
        "SDL_DISKAUDIOFILEIN": str(folder / "mic.raw"),
        "SDL_DISKAUDIOFILE": str(folder / "out.raw"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=repo, env=env, capture_output=True, timeout=90
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done


def spoken_take() -> Clip:
    """What an author records: a second of room, a phrase, a second and a half of room."""
    quiet = Clip(array("h", (v // 200 for v in array("h", tone(1_000, 60.0).pcm))).tobytes())
    phrase = Clip(array("h", (v // 4 for v in array("h", tone(1_200, 440.0).pcm))).tobytes())
    tail = Clip(array("h", (v // 200 for v in array("h", tone(1_500, 60.0).pcm))).tobytes())
    return Clip(quiet.pcm + phrase.pcm + tail.pcm)
