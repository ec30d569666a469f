"""A second Seesaw on the same user folder is refused; a crashed one does not block the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui.desktop.single_instance import acquire_instance_lock

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
