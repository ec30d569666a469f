"""Where the window cannot open (no display, a display that does not answer, X11 libraries
missing), ``seesaw`` says so in its own words and names what to install, instead of Qt's raw
"could not load the Qt platform plugin xcb" and an abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui.desktop.display_check import display_problem, xcb_plugin

SEESAW = Path(sys.executable).with_name("seesaw")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the X11 check is for Linux"
)


def start_seesaw(tmp_path: Path, **display: str) -> subprocess.CompletedProcess[str]:
    """``seesaw`` as a runner starts it: no QT_QPA_PLATFORM, only the display variables given."""
    drop = ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    env = {k: v for k, v in os.environ.items() if k not in drop} | display
    return subprocess.run(
        [str(SEESAW)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )


def test_without_a_display_seesaw_says_so_in_its_own_words(tmp_path: Path) -> None:
    done = start_seesaw(tmp_path)
    assert done.returncode == 1
    assert "there is no display here" in done.stderr
    assert "seesaw check" in done.stderr  # what still works
    assert "platform plugin" not in done.stderr


def test_a_display_that_does_not_answer_is_named(tmp_path: Path) -> None:
    done = start_seesaw(tmp_path, DISPLAY=":987")
    assert done.returncode == 1
    assert "the display :987 (DISPLAY) does not answer" in done.stderr
    assert "platform plugin" not in done.stderr


def test_missing_libraries_of_the_x11_plugin_are_each_named(tmp_path: Path) -> None:
    """A copy of Qt's real plugin away from PySide6's folder cannot find PySide6's Qt libraries:
    the real loader fails, as it does on a machine without libxcb-cursor0."""
    plugin = tmp_path / "plugins" / "platforms" / "libqxcb.so"
    plugin.parent.mkdir(parents=True)
    shutil.copy2(xcb_plugin(), plugin)
    problem = display_problem({"DISPLAY": ":0"}, plugin=plugin)
    assert problem is not None
    assert "Qt's X11 support needs system libraries that are not installed" in problem
    assert "libQt6XcbQpa.so.6" in problem and "libQt6Gui.so.6" in problem
    assert "reinstall Seesaw" in problem


def test_the_packages_of_missing_system_libraries_are_named_for_apt_get() -> None:
    from ui.desktop.display_check import missing_libraries_message

    message = missing_libraries_message(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"])
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in message


def test_a_platform_chosen_by_the_learner_is_left_to_qt(tmp_path: Path) -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
