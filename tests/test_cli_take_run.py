"""``seesaw today --take-run FILE``: today's run written as an audio file to follow on a phone.

The file is listened to, in a way: its length, the bell where the first run starts, the click
while running and silence while walking (captions only, so speech is silent).
"""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from audio.pcm import RATE
from tests.audio_fixtures import ToneVoice
from ui.cli.commands import main

MONDAY, TUESDAY = "2026-11-02", "2026-11-03"


def samples(path: Path) -> memoryview:
    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (RATE, 1)
        return memoryview(wav.readframes(wav.getnframes())).cast("h")


def seconds(track: memoryview, start: float, end: float) -> memoryview:
    return track[round(start * RATE) : round(end * RATE)]


def follow_run_walk() -> None:
    """Strength first from its run-walk phase, chosen on a Monday (a run day: 1 min, 2 min, 5 times)."""
    assert main(["plan", "--choose", "strength-first", "--phase", "2", "--date", MONDAY]) == 0


def test_todays_run_is_written_as_a_wav_as_long_as_the_session_with_bells_and_clicks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    follow_run_walk()
    capsys.readouterr()
    out = tmp_path / "phone" / "today.wav"
    command = ["today", "--date", MONDAY, "--take-run", str(out), "--voice", "captions"]
    assert main([*command, "--cadence", "165"]) == 0
    said = capsys.readouterr().out
    assert f"wrote {out}: Today's run — run 1 min, walk 2 min, 5 times (25:00" in said
    track = samples(out)
    assert len(track) == 25 * 60 * RATE  # 5 min warm-up, 15 min run-walk, 5 min cool-down
    assert not any(seconds(track, 290, 300))  # the warm-up's last seconds are quiet
    assert any(seconds(track, 300, 300.1))  # the bell: the first run starts
    assert any(seconds(track, 340, 359))  # clicks while running
    assert not any(seconds(track, 365, 479))  # no click while walking
    assert any(seconds(track, 480, 480.1))  # the next run's bell

    assert main(command) == 0  # without a cadence: no clicks while running
    assert not any(seconds(samples(out), 340, 359))


def test_a_voice_faster_than_the_estimate_still_rings_each_bell_at_its_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tone voice says a word in 100 ms, several times faster than the captions estimate: the
    session is written again with its lengths, so nothing comes early."""
    monkeypatch.setattr("audio.render.run_track.pick_voice", lambda choice: ToneVoice())
    follow_run_walk()
    out = tmp_path / "today.wav"
    assert main(["today", "--date", MONDAY, "--take-run", str(out)]) == 0
    track = samples(out)
    assert len(track) == 25 * 60 * RATE
    for change in (300, 360, 480, 540):  # run, walk, run, walk
        assert not any(seconds(track, change - 5, change)), change
        assert any(seconds(track, change, change + 0.1)), change


def test_no_run_today_or_no_programme_says_why_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "today.wav"
    take = ["--take-run", str(out), "--voice", "captions"]
    assert main(["today", "--date", MONDAY, *take]) == 1
    assert "No programme chosen yet" in capsys.readouterr().out

    assert main(["plan", "--choose", "strength-first", "--date", MONDAY]) == 0
    capsys.readouterr()
    assert main(["today", "--date", MONDAY, *take]) == 1
    assert "today has no run to take with you: 'Settle the knee' has no runs" in (
        capsys.readouterr().err
    )

    follow_run_walk()
    assert main(["today", "--date", TUESDAY, *take]) == 1
    assert (
        "no run is planned for today, Tuesday 3 November; the next one is on Wednesday 4 November"
        in capsys.readouterr().err
    )
    assert main(["today", "--date", MONDAY, *take, "--cadence", "300"]) == 2
    assert "steps a minute from 40 to 240, not 300" in capsys.readouterr().err
    assert not out.exists()
