"""Offline, proven where it cannot be missed: the system calls of the real app, voice and tools.

Python's audit hooks (``tests/test_ui_offline.py``) see only sockets that Python opens; the neural
voice's runtime is native code. So here the real ``seesaw`` runs under ``strace -f -e
trace=network``, which sees every socket any thread or child process asks the kernel for: a pack
import, a render with the neural voice and ffmpeg, and the desktop app following a whole lesson
with the real voice through SDL's disk audio driver. The lesson lasts long enough (about 20 s) for
the runtime's telemetry, which used to look up its collector about ten seconds after the voice
loaded, to show itself.

The only sockets allowed are local ones to the display and the session bus; with Qt's offscreen
platform and no bus, there are none at all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from audio.voices.choice import piper_installed

STRACE = shutil.which("strace")
pytestmark = [
    pytest.mark.skipif(
        STRACE is None, reason="strace is not installed (Debian: apt-get install strace)"
    ),
    pytest.mark.skipif(not piper_installed(), reason="the neural voice is not installed"),
]

LESSON = """id: offline-check
title: Offline check
---
Lie on your back and let the floor hold you.

[pause 16s]

Roll to your side and rest.
"""
MANIFEST = (
    'title = "Offline check"\nauthor = "The Seesaw team"\nversion = "1.0"\nlicence = "CC BY 4.0"\n'
)

_SOCKET = re.compile(r"\bsocket\((AF_\w+|\d+)")
_CONNECT = re.compile(
    r"\bconnect\(\d+, \{sa_family=(AF_\w+)(?:, sun_path=(@?\"[^\"]*\"|@?[^,}]*))?"
)


def allowed_local(path: str) -> bool:
    """The display server and the session bus: the only places Seesaw may talk to."""
    bus = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    bare = path.strip('@"')
    return bare.startswith("/tmp/.X11-unix/") or (bool(bare) and bare in bus)


def network_calls(log: Path) -> list[str]:
    """Every traced call that opened or reached for anything but an allowed local socket."""
    found = []
    for line in log.read_text(errors="replace").splitlines():
        made = _SOCKET.search(line)
        if made and made.group(1) != "AF_UNIX":
            found.append(line)
            continue
        reached = _CONNECT.search(line)
        if reached and (reached.group(1) != "AF_UNIX" or not allowed_local(reached.group(2) or "")):
            found.append(line)
    return found


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A learner's folders of their own, and sound through SDL's disk driver into a file."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ORT_DISABLE_TELEMETRY", "DBUS_SESSION_BUS_ADDRESS", "SEESAW_HOME")
    }  # Seesaw finds its folders as on a learner's computer, through the XDG variables
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[name] = str(folder)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILE=str(tmp_path / "heard.raw"),
    )
    return env


def traced(tmp_path: Path, env: dict[str, str], name: str, *command: str) -> list[str]:
    """Run ``command`` under strace with an empty clip cache of its own, so its voice loads."""
    log = tmp_path / f"{name}.strace"
    cache = tmp_path / f"{name}-cache"
    cache.mkdir()
    done = subprocess.run(
        [
            str(STRACE),
            "-f",
            "-qq",
            "-e",
            "trace=network",
            "-e",
            "signal=none",
            "-o",
            str(log),
            *command,
        ],
        env={**env, "XDG_CACHE_HOME": str(cache)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    return network_calls(log)


def seesaw(*args: str) -> list[str]:
    return [sys.executable, "-c", "from ui.main import main; raise SystemExit(main())", *args]


def test_import_render_and_a_whole_lesson_open_no_network_socket(
    tmp_path: Path, home: dict[str, str], repo: Path
) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.toml").write_text(MANIFEST)
    (folder / "offline-check.lesson").write_text(LESSON)
    made = subprocess.run(
        seesaw("pack", str(folder), "-o", str(tmp_path / "offline.zip")),
        env=home,
        capture_output=True,
        text=True,
        check=False,
        cwd=repo,
    )
    assert made.returncode == 0, made.stderr

    imported = traced(tmp_path, home, "import", *seesaw("import", str(tmp_path / "offline.zip")))
    rendered = traced(
        tmp_path,
        home,
        "render",
        *seesaw("render", str(folder / "offline-check.lesson"), "-o", str(tmp_path / "out.ogg")),
    )
    followed = traced(
        tmp_path, home, "lesson", sys.executable, "-m", "tests.offline_driver", "offline-check"
    )

    assert (imported, rendered, followed) == ([], [], [])
    assert not list(tmp_path.rglob("Microsoft")), "the voice's runtime kept a device identifier"
    assert (tmp_path / "out.ogg").stat().st_size > 10_000  # the render did happen, through ffmpeg
    heard = (tmp_path / "heard.raw").read_bytes()
    assert any(heard), "the lesson played no sound at all"


def test_the_watch_sees_a_lookup_made_by_native_code(tmp_path: Path, home: dict[str, str]) -> None:
    """The same watch, pointed at a process that resolves a name through the C library."""
    lookup = "import socket\ntry:\n    socket.getaddrinfo('example.invalid', 80)\nexcept OSError:\n    pass\n"
    log = tmp_path / "lookup.strace"
    subprocess.run(
        [
            str(STRACE),
            "-f",
            "-qq",
            "-e",
            "trace=network",
            "-o",
            str(log),
            sys.executable,
            "-c",
            lookup,
        ],
        env=home,
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert any("AF_INET" in line for line in network_calls(log))
