"""The wheel is the whole app: built, installed into a new virtual environment and run from
another folder, it lists, checks and shows the same lessons as the source tree.

Runners install Seesaw with pip or pipx and never see the repository, so whatever the app reads
at run time (lessons, catalogue, drawings, icons) must travel inside its packages. The new
environment sees the project's dependencies (no network, no minutes of installing PySide6) but not
the project itself: its editable install is not activated there, and every command runs outside
the source tree, so a file the wheel left behind is missing, as it would be for a runner.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUILT_FROM = ("pyproject.toml", "README.md", "lesson_engine", "audio", "ui", "lessons")
"""What the wheel is built from: a copy, so building never writes into the work tree."""

SHOW_WINDOW = """
import json, sys
import lesson_engine, lessons
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
# A failed start says so in a dialog that waits for a click; here, print it and go on.
QMessageBox.critical = lambda parent, title, text, *rest: print(text, file=sys.stderr)
from ui.desktop.launch import run_until_ready
launch = run_until_ready()
view = launch.shell.library_view
items = (view.list.item(i) for i in range(view.list.count()))
listed = [i.data(Qt.ItemDataRole.UserRole) for i in items if i.data(Qt.ItemDataRole.UserRole)]
json.dump({
    "failed": launch.failed,
    "title": launch.shell.window.windowTitle(),
    "listed": listed,
    "exercises": launch.app is not None and launch.app.exercises_view is not None,
    "code": [lesson_engine.__file__, lessons.__file__],
    "icon_drawn": not QApplication.windowIcon().pixmap(64).isNull(),
    "desktop_file": QApplication.desktopFileName(),
    "name": QApplication.applicationDisplayName(),
}, sys.stdout)
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with only the built wheel installed in it."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in BUILT_FROM:
        if (REPO / name).is_dir():
            shutil.copytree(
                REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist")]
    subprocess.run([*build, str(source)], check=True, capture_output=True)
    (wheel,) = (work / "dist").glob("seesaw-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies, from the environment running the tests. A path line in a .pth file adds
    # the folder but runs none of the .pth files inside it: the project's editable install stays
    # off, so only the wheel can provide Seesaw's own packages and data.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)]
    subprocess.run(install, check=True, capture_output=True)
    return venv


def run_in(venv: Path, tmp_path: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(SEESAW_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    program, *args = command
    return subprocess.run(
        [str(bin_dir / program), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def bundled_folder(listing: str) -> Path:
    """The folder ``seesaw lessons`` says the bundled lessons are in."""
    line = next(li for li in listing.splitlines() if li.startswith("Bundled lessons"))
    return Path(line.split(" in ", 1)[1].rstrip(":"))


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_installed_wheel_lists_the_same_lessons_as_the_source_tree(
    installed: Path, tmp_path: Path
) -> None:
    done = run_in(installed, tmp_path, "seesaw", "lessons")
    assert done.returncode == 0, done.stderr
    folder = bundled_folder(done.stdout)
    assert folder.is_relative_to(installed)
    from_source = subprocess.run(
        [sys.executable, "-m", "ui.main", "lessons"],
        cwd=REPO,
        env={**os.environ, "SEESAW_HOME": str(tmp_path / "source-home")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert bundled_folder(from_source.stdout) == REPO / "lessons"
    assert done.stdout.replace(str(folder), "") == from_source.stdout.replace(
        str(REPO / "lessons"), ""
    )
    assert "Weight shift 1" in done.stdout


def test_the_wheel_holds_every_file_of_the_lessons_folder(installed: Path, tmp_path: Path) -> None:
    folder = bundled_folder(run_in(installed, tmp_path, "seesaw", "lessons").stdout)
    assert files_under(folder) == files_under(REPO / "lessons")


def source_tree_summary() -> str:
    """``seesaw check``'s last line ("N files checked: ...") for the source tree's lessons: an
    installed copy must give the same, holding the same files that check the same."""
    from_source = subprocess.run(
        [sys.executable, "-m", "ui.main", "check", str(REPO / "lessons")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return from_source.stdout.splitlines()[-1]


def test_the_installed_seesaw_checks_its_bundled_lessons_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    folder = bundled_folder(run_in(installed, tmp_path, "seesaw", "lessons").stdout)
    done = run_in(installed, tmp_path, "seesaw", "check", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 error(s)" in done.stdout
    assert done.stdout.splitlines()[-1] == source_tree_summary()


def test_the_installed_window_opens_with_its_icon_the_bundled_lessons_and_exercises(
    installed: Path, tmp_path: Path
) -> None:
    settings = tmp_path / "home" / "config" / "settings.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[voice]\nname=captions\n\n[audio]\nenabled=false\n")
    done = run_in(installed, tmp_path, "python", "-c", SHOW_WINDOW)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["failed"] == ""
    assert all(Path(f).is_relative_to(installed) for f in shown["code"])
    assert "weight-shift-1" in shown["listed"]
    assert shown["exercises"], "the exercise comparison (the catalogue) did not load"
    assert shown["icon_drawn"], "the window has no icon"
    assert (shown["name"], shown["desktop_file"]) == ("Seesaw", "io.github.seesaw.Seesaw")
