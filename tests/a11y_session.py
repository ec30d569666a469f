"""Seesaw on a private desktop, its accessibility tree read page by page through AT-SPI.

The pieces are the real ones a screen reader meets on Linux: a private ``dbus-daemon --session``
(``dbus_fixtures.session_bus``), the AT-SPI bus (``at-spi-bus-launcher``, Debian's at-spi2-core),
Xvfb (Qt's offscreen platform has no accessibility bridge), Seesaw in its own process with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``, and ``atspi_tree.py`` run by the system's Python, which
has Debian's python3-pyatspi (the venv cannot: pyatspi is not on PyPI).

``python -m tests.a11y_session`` prints every page's tree for a person to read. The app process
(``python -m tests.a11y_session --app``) shows the pages of ``layout_tour.pages`` one at a time:
it prints ``page NAME`` (and, on a lesson screen, what its caption, status line and rest
timer show, as JSON after a tab) and waits for a line on its stdin before the next.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
PACKAGES = "python3-pyatspi at-spi2-core xvfb"
Tree = dict[str, Any]


def missing_tools() -> str | None:
    """Why the tree cannot be walked here, naming the Debian packages; None when it can."""
    missing = []
    if shutil.which("dbus-daemon") is None:
        missing.append("dbus")
    if bus_launcher() is None:
        missing.append("at-spi2-core")
    if shutil.which("Xvfb") is None:
        missing.append("xvfb")
    has_pyatspi = Path(SYSTEM_PYTHON).exists() and (
        subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode == 0
    )
    if not has_pyatspi:
        missing.append("python3-pyatspi")
    missing += xcb_packages_missing()
    if not missing:
        return None
    return f"AT-SPI tools missing (Debian: apt-get install {' '.join(missing)})"


def xcb_packages_missing() -> list[str]:
    """The Debian packages Qt's X11 plugin still needs here (``display_check`` knows them),
    asked in a process of its own so this one loads nothing of X11."""
    ask = (
        "import json; from ui.desktop.display_check import DEBIAN_PACKAGES, missing_libraries, "
        "xcb_plugin; print(json.dumps([DEBIAN_PACKAGES.get(n, n) for n in "
        "missing_libraries(xcb_plugin())]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", ask], cwd=HERE.parent, capture_output=True, text=True, check=True
    )
    packages: list[str] = json.loads(done.stdout)
    return packages


def bus_launcher() -> str | None:
    return next((path for path in BUS_LAUNCHERS if Path(path).exists()), None)


@contextmanager
def virtual_screen() -> Iterator[str]:
    """An Xvfb of our own; yields its DISPLAY (Xvfb picks a free number and writes it to us)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    try:
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait()


@contextmanager
def accessible_desktop(bus_address: str) -> Iterator[dict[str, str]]:
    """The AT-SPI bus and a virtual screen; yields the environment an app and a reader share."""
    launcher_path = bus_launcher()
    assert launcher_path is not None, missing_tools()
    with virtual_screen() as display:
        env = os.environ | {"DBUS_SESSION_BUS_ADDRESS": bus_address, "DISPLAY": display}
        env.pop("AT_SPI_BUS_ADDRESS", None)
        launcher = subprocess.Popen(
            [launcher_path, "--launch-immediately"], env=env, stderr=subprocess.DEVNULL
        )
        try:
            yield env
        finally:
            launcher.terminate()
            launcher.wait()


def read_tree(env: dict[str, str], *, as_text: bool = False) -> Tree | str:
    """What a screen reader finds of Seesaw now: the JSON tree, or its text for a person."""
    done = subprocess.run(
        [SYSTEM_PYTHON, str(HERE / "atspi_tree.py"), *([] if as_text else ["--json"])],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the AT-SPI walk failed: {done.stderr.strip()}")
    return done.stdout if as_text else json.loads(done.stdout)


def walk_pages(env: dict[str, str], *, as_text: bool = False) -> Iterator[tuple[str, Any]]:
    """Start Seesaw in its own process and yield (page, tree) for each page it shows."""
    app_env = env | {
        "QT_QPA_PLATFORM": "xcb",
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "QT_ACCESSIBILITY": "1",
        "NO_AT_BRIDGE": "0",
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.a11y_session", "--app"],
        cwd=HERE.parent,
        env=app_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert app.stdin is not None and app.stdout is not None
    try:
        for line in app.stdout:
            if not line.startswith("page "):
                continue
            page, shown = line.removeprefix("page ").rstrip("\n").split("\t")
            tree = read_tree(env, as_text=as_text)
            if isinstance(tree, dict):
                tree["shown"] = json.loads(shown)
            yield page, tree
            app.stdin.write("next\n")
            app.stdin.flush()
    finally:
        app.stdin.close()
        app.wait(timeout=60)
    if app.returncode:
        raise RuntimeError(f"Seesaw's process ended with {app.returncode}")


def run_app() -> int:
    """The app's side: the real window, each page of the layout tour shown in turn."""
    import tempfile

    from PySide6.QtCore import QSettings, QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    from lesson_engine.playback.clock import ManualClock
    from tests.layout_tour import pages
    from ui.desktop.app import build
    from ui.desktop.player.view import PlayerView
    from ui.desktop.ports import SilentAudio
    from ui.desktop.screenshots import sample_journal

    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("Seesaw")
    home = Path(tempfile.mkdtemp(prefix="seesaw-a11y-"))
    os.environ["SEESAW_HOME"] = str(home)
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    clock = ManualClock()
    app = build(journal=sample_journal(), audio=SilentAudio(), settings=settings, clock=clock)
    app.window.show()
    shown = pages(app, clock)

    def show_next() -> None:
        """The next page, once the reader has walked this one; the event loop runs meanwhile,
        since it is what answers the reader's questions."""
        page = next(shown, None)
        if page is None:
            qt_app.quit()
            return
        QTimer.singleShot(0, lambda: print(f"page {page}\t{json.dumps(shown_text())}", flush=True))

    def shown_text() -> dict[str, str]:
        """What the lesson screen shows, for the test to compare with what is read out."""
        view = app.flow.view if app.flow is not None else None
        if not isinstance(view, PlayerView):
            return {}
        labels = {"caption": view.caption, "status": view.paused, "rest timer": view.rest_timer}
        return {what: label.text() for what, label in labels.items()}

    def heard() -> None:
        if sys.stdin.readline():
            show_next()
        else:
            qt_app.quit()

    listening = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    listening.activated.connect(heard)
    show_next()
    return qt_app.exec()


def main(argv: list[str]) -> int:
    if "--app" in argv:
        return run_app()
    why = missing_tools()
    if why:
        print(why, file=sys.stderr)
        return 1
    from tests.dbus_fixtures import session_bus

    with session_bus() as address, accessible_desktop(address) as env:
        for page, tree in walk_pages(env, as_text=True):
            print(f"=== {page}\n{tree}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
