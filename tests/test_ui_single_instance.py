"""A second Seesaw on the same user folder is refused; a crashed one does not block the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.desktop.single_instance import LockUnavailable, acquire_instance_lock

HOLD = """
import sys, time
from ui.desktop.single_instance import acquire_instance_lock
from pathlib import Path
lock = acquire_instance_lock(Path(sys.argv[1]))
print("held" if lock else "refused", flush=True)
sys.stdin.readline()
"""


def test_second_copy_is_refused_while_the_first_runs(tmp_path: Path, repo: Path) -> None:
    first = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=repo,
    )
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "held"
        assert acquire_instance_lock(tmp_path) is None
    finally:
        first.kill()
        first.wait()


def test_lock_of_a_crashed_copy_is_taken_over(tmp_path: Path, repo: Path) -> None:
    crashed = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=repo,
    )
    assert crashed.stdout is not None and crashed.stdout.readline().strip() == "held"
    crashed.kill()  # SIGKILL: no chance to remove its lock file
    crashed.wait()
    assert (tmp_path / "seesaw.lock").exists()
    lock = acquire_instance_lock(tmp_path)
    assert lock is not None
    assert os.getpid() == int((tmp_path / "seesaw.lock").read_text().split()[0])


def test_a_lock_that_cannot_be_made_says_why_instead_of_already_open(tmp_path: Path) -> None:
    (tmp_path / "seesaw.lock").mkdir()  # something in the way that is not a lock file
    with pytest.raises(LockUnavailable, match="could not make its lock file") as caught:
        acquire_instance_lock(tmp_path)
    assert "already open" not in str(caught.value)
    blocked = tmp_path / "a-file"
    blocked.touch()
    with pytest.raises(LockUnavailable, match="Not a directory"):
        acquire_instance_lock(blocked / "data")


def test_seesaw_starts_where_it_cannot_write_and_says_what_it_could_not_do(
    tmp_path: Path, repo: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.touch()
    start = (
        "from ui.desktop.launch import run_until_ready\n"
        "launch = run_until_ready()\n"
        "assert launch.app is not None, launch.failed\n"
        "print('\\n'.join(launch.app.window.banner.messages))\n"
    )
    env = {**os.environ, "SEESAW_HOME": str(blocked / "home"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", start], env=env, capture_output=True, text=True, cwd=repo, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "could not make its lock file" in done.stdout
    assert "Your journal could not be opened" in done.stdout
