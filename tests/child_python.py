"""Python code run in a fresh interpreter, as a start of Seesaw is, and what it printed.

A test needs a child when what it checks is decided once per process: SDL reads its driver when
the mixer starts, a module once imported stays (so "what loaded before the window" can only be
asked of a new interpreter), and a start's dataclass methods are compiled, or taken from the
cache, once. The child runs from the repository on the offscreen screen with this process's
environment (so the user folders ``conftest`` points at a temporary home), plus ``env``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def run_python(
    repo: Path, code: str, *args: str, timeout: int = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with ``args`` as ``sys.argv[1:]``; a child that fails fails the test with
    what it wrote to stderr."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=repo,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def last_json(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The child's last line, read as JSON: what it found (anything before is its chatter)."""
    seen: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def python_json(repo: Path, code: str, *args: str, timeout: int = 60, **env: str) -> dict[str, Any]:
    """Run ``code`` as ``run_python`` does and read what it printed last as JSON."""
    return last_json(run_python(repo, code, *args, timeout=timeout, **env))
