"""Every page at any window: from 800×600 to 3840×2160, at scale factors 1, 1.5 and 2.

Each size runs the real window in a process of its own (``tests/layout_tour.py``), because Qt
reads ``QT_SCALE_FACTOR`` and the screen's size once. The window must open within the screen,
and at the screen's size and at 800×600 (or the screen, if smaller), every page and each of a
lesson's screens must pass ``layout_checks``: nothing outside the window, nothing over anything
else, every word whole.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from tests.layout_checks import layout_problems

CASES = [
    ("800x600", "1"),
    ("1366x768", "1"),
    ("1920x1080", "1"),
    ("3840x2160", "1"),
    ("1920x1080", "1.5"),
    ("3840x2160", "1.5"),
    ("1600x1000", "2"),  # 800×500 to Qt: the screen the window once opened larger than
    ("1600x1200", "2"),
    ("3840x2160", "2"),
]


@pytest.mark.parametrize(("screen", "scale"), CASES, ids=[f"{s}@{f}" for s, f in CASES])
def test_every_page_is_laid_out_whole_at_this_screen_and_scale(
    repo: Path, screen: str, scale: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_SCALE_FACTOR", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "tests.layout_tour", screen, scale],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found == {}


def test_the_checks_find_what_a_person_would_see_wrong(qtbot) -> None:
    """The checks themselves: buttons over each other, a cut label, a window too big."""
    window = QMainWindow()
    body = QWidget()
    row = QHBoxLayout(body)
    cut = QLabel("A label far too long for the little room it is given")
    cut.setFixedWidth(60)
    row.addWidget(cut)
    window.setCentralWidget(body)
    first, second = QPushButton("Pause", body), QPushButton("Rest", body)
    first.setGeometry(200, 10, 100, 40)
    second.setGeometry(250, 10, 100, 40)  # half over Pause
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    window.resize(screen.width() + 100, 300)
    window.show()
    qtbot.waitExposed(window)
    problems = layout_problems(window)
    assert any("larger than the screen" in p for p in problems)
    assert any("'Pause'" in p and "overlaps" in p and "'Rest'" in p for p in problems)
    assert any(p.startswith("QLabel 'A label far too long") for p in problems)

    laid_out = QMainWindow()  # the same widgets, each given its room by a layout
    body = QWidget()
    row = QHBoxLayout(body)
    for widget in (QLabel(cut.text()), QPushButton("Pause"), QPushButton("Rest")):
        row.addWidget(widget)
    laid_out.setCentralWidget(body)
    qtbot.addWidget(laid_out)
    laid_out.resize(700, 200)
    laid_out.show()
    qtbot.waitExposed(laid_out)
    assert layout_problems(laid_out) == []
