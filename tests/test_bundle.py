"""The one-folder app (``make bundle``) works on its own, from another folder: its lessons check,
its neural voice speaks through its own ffmpeg, and its window opens with everything loaded.

``make bundle`` builds the folder and runs this file with ``SEESAW_BUNDLE`` naming it; in the
ordinary test run there is no bundle to test, and these tests say so. The bundle is run with
a bare environment (no virtual environment, no source tree on any path), as a runner's
double-click would run it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.test_wheel import source_tree_summary

BUNDLE = os.environ.get("SEESAW_BUNDLE", "")
REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not BUNDLE, reason="no bundle to test: make bundle builds one")

LESSON = "id: quiet\ntitle: Quiet\n---\n# Start\nLie down and rest.\n[pause 2s]\n[bell]\n"


def run_bundled(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    program = Path(BUNDLE) / ("seesaw.exe" if os.name == "nt" else "seesaw")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SEESAW_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "SDL_AUDIODRIVER": "dummy",
    }
    return subprocess.run(
        [str(program), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def bundled_lessons(tmp_path: Path) -> Path:
    done = run_bundled(tmp_path, "lessons")
    assert done.returncode == 0, done.stderr
    line = next(li for li in done.stdout.splitlines() if li.startswith("Bundled lessons in "))
    return Path(line.removeprefix("Bundled lessons in ").rstrip(":"))


def test_the_bundled_lessons_are_inside_the_bundle_and_check_clean(tmp_path: Path) -> None:
    folder = bundled_lessons(tmp_path)
    assert folder.is_relative_to(BUNDLE)
    done = run_bundled(tmp_path, "check", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 error(s)" in done.stdout
    assert done.stdout.splitlines()[-1] == source_tree_summary()


def test_the_bundle_speaks_with_its_own_voice_and_ffmpeg(tmp_path: Path) -> None:
    lesson = tmp_path / "quiet.lesson"
    lesson.write_text(LESSON, encoding="utf-8")
    output = tmp_path / "quiet.ogg"
    done = run_bundled(tmp_path, "render", str(lesson), "-o", str(output), "--voice", "piper")
    assert done.returncode == 0, done.stderr
    assert "natural voice" in done.stdout
    assert output.read_bytes().startswith(b"OggS")  # encoded by ffmpeg


def test_the_bundled_window_opens_with_its_lessons_exercises_and_icon(tmp_path: Path) -> None:
    done = run_bundled(tmp_path, "--until-ready")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["ready"] and shown["exercises"] and shown["icon"]
    assert "weight-shift-1" in shown["lessons"]
    assert shown["notices"] == []
