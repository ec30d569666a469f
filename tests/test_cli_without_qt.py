"""The command line never loads Qt: ``seesaw check`` must work on a server with no display, and
in an instructor's editor integration, quickly. Each command runs in a fresh process through the
real entry point, and the modules it loaded are read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.recording_fixtures import spoken_recording, tone_phrase

LESSON = "id: quiet\ntitle: Quiet\n---\n# Start\nLie down and rest.\n[pause 2s]\n[bell]\n"
MANIFEST = 'title = "Quiet days"\nauthor = "Sam"\nversion = "1"\nlicence = "CC BY 4.0"\n'

RUN = """
import json, sys
from ui.main import main
try:
    code = main(sys.argv[2:])
except SystemExit as done:  # --help
    code = done.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "loaded": loaded}, out)
"""


def run_seesaw(repo: Path, tmp_path: Path, *args: str) -> dict[str, object]:
    report = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["SEESAW_HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "share")
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(report), *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert report.exists(), done.stderr
    result: dict[str, object] = json.loads(report.read_text())
    return result


@pytest.fixture
def lessons(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "quiet.lesson").write_text(LESSON, encoding="utf-8")
    (folder / "pack.toml").write_text(MANIFEST, encoding="utf-8")
    spoken_recording(folder / "talk.wav", [tone_phrase(300.0), tone_phrase(600.0)], [1_000])
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{lesson}"],
        ["timeline", "{lesson}"],
        ["render", "{lesson}", "-o", "{tmp}/quiet.wav", "--voice", "captions"],
        ["pack", "{folder}", "-o", "{tmp}/quiet.zip"],
        ["import-recording", "{folder}/talk.wav", "-o", "{tmp}/talk.lesson"],
        ["journal", "show"],
        ["journal", "export", "--csv", "{tmp}/journal.csv"],
        ["lessons"],
        ["install-desktop"],
        ["programmes"],
        ["today"],
        ["plan"],
        ["journal", "check"],
        ["new", "Quiet two", "--folder", "{tmp}"],
        ["--help"],
    ],
    ids=lambda command: command[0] if command[0] != "journal" else f"journal-{command[1]}",
)
def test_a_command_loads_no_qt(
    repo: Path, tmp_path: Path, lessons: Path, command: list[str]
) -> None:
    values = {"lesson": str(lessons / "quiet.lesson"), "folder": str(lessons), "tmp": str(tmp_path)}
    result = run_seesaw(repo, tmp_path, *(part.format(**values) for part in command))
    assert result["code"] == 0
    loaded = result["loaded"]
    assert isinstance(loaded, list)
    assert not [m for m in loaded if m.startswith(("PySide6", "shiboken6", "ui.desktop"))]


def test_importing_a_pack_loads_no_qt(repo: Path, tmp_path: Path, lessons: Path) -> None:
    pack = tmp_path / "quiet.zip"
    assert run_seesaw(repo, tmp_path, "pack", str(lessons), "-o", str(pack))["code"] == 0
    result = run_seesaw(repo, tmp_path, "import", str(pack))
    assert result["code"] == 0
    loaded = result["loaded"]
    assert isinstance(loaded, list) and not [m for m in loaded if m.startswith("PySide6")]


def test_render_loads_no_other_commands(repo: Path, tmp_path: Path, lessons: Path) -> None:
    """Rendering is timed against sox (bench/render.py): it loads only what it needs."""
    out = tmp_path / "quiet.wav"
    result = run_seesaw(
        repo,
        tmp_path,
        "render",
        str(lessons / "quiet.lesson"),
        "-o",
        str(out),
        "--voice",
        "captions",
    )
    assert result["code"] == 0 and out.stat().st_size > 44
    loaded = result["loaded"]
    assert isinstance(loaded, list)
    assert not [m for m in loaded if m.startswith(("ui.cli.commands", "ui.cli.journal"))]
