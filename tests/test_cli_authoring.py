"""Authoring commands: new, play --from, pack and import, as an instructor runs them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from lesson_engine.paths import packs_dir
from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import check_lesson_file, load_lesson
from lesson_engine.timeline import compile_timeline
from ui.cli.commands import main
from ui.cli.play import TerminalSession

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(100)


def test_new_creates_a_lesson_that_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Weight shift 4", "--folder", str(tmp_path)]) == 0
    path = tmp_path / "weight-shift-4.lesson"
    result = check_lesson_file(path)
    assert result.lesson is not None and not result.diagnostics
    assert result.lesson.title == "Weight shift 4"
    assert f"created {path}" in capsys.readouterr().out
    text = path.read_text()  # the template shows the newer constructs too
    assert result.lesson.lexicon.apply("your ITB") == "your I T band"
    assert ". [pause 2s] " in text


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine.lesson").write_text("my work")
    assert main(["new", "Mine", "--folder", str(tmp_path)]) == 1
    assert (tmp_path / "mine.lesson").read_text() == "my work"
    assert "already exists" in capsys.readouterr().err


def test_terminal_session_prints_captions_at_their_times(repo: Path) -> None:
    timeline = compile_timeline(load_lesson(repo / "tests/data/sample.lesson"), lambda _u: 2000)
    clock = ManualClock()
    player = Player(timeline, clock, start_ms=timeline.cue_for_line(15).start_ms)
    out = io.StringIO()
    session = TerminalSession(player, out)
    player.play()
    for _ in range(70):
        clock.advance(100)
        player.tick()
    session.press(" ")
    session.press("q")
    lines = out.getvalue().splitlines()
    assert lines[:3] == [
        "",
        "# Lifting the knee",
        "[0:14] (1 of 6) Slowly lift your right knee a little, then let it come down.",
    ]
    assert "[0:21] (2 of 6) Slowly lift your right knee a little, then let it come down." in lines
    assert lines[-2:] == ["[0:21] paused — Space to resume", "[0:21] stopped"]


def test_play_from_a_line_starts_at_that_cue(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    assert main(["play", str(repo / "tests/data/sample.lesson"), "--from", "20"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[3] == "# Lifting the knee"
    assert out[4].endswith("Lie on your left side. Lift your right knee a little.")
    assert out[-1].endswith("stopped")


def test_pack_then_import_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    (folder / "clips").mkdir(parents=True)
    (folder / "pack.toml").write_text(
        'title = "Hill days"\nauthor = "Sam"\nversion = "2"\nlicence = "CC BY 4.0"\n'
    )
    (folder / "hill.lesson").write_text(
        "id: hill-1\ntitle: Hill 1\n---\n[audio clips/a.wav] Hello.\n"
    )
    (folder / "clips/a.wav").write_bytes(WAV)
    out = tmp_path / "hill.zip"
    assert main(["pack", str(folder), "-o", str(out)]) == 0
    assert main(["import", str(out)]) == 0
    assert "imported “Hill days” by Sam: hill-1" in capsys.readouterr().out
    assert main(["import", str(out)]) == 1
    installed = packs_dir() / "hill-days"
    assert capsys.readouterr().err == (
        f"a pack is already installed at {installed}; add --replace to put this one in its place\n"
    )
    assert main(["import", str(out), "--replace"]) == 0


def test_import_of_a_hostile_pack_lists_every_problem_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lesson_engine.paths import data_dir
    from tests.pack_fixtures import pack_bytes

    bad = tmp_path / "bad.zip"
    bad.write_bytes(
        pack_bytes({"pack.toml": b'title = "x"\n', "../x.lesson": b"", "evil.sh": b"rm -rf /"})
    )
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err
    assert (
        "bad.zip:../x.lesson: unsafe path" in err
        and "bad.zip:evil.sh: this kind of file is not allowed" in err
    )
    assert not (data_dir() / "packs").exists()
