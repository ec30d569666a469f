"""Starting Seesaw: one copy at a time, the window on screen at once, everything else just after.

What a learner waits for after a double-click is the window. So the window is shown as soon as
Qt, the settings and the library index allow (``window.shell``), and only after its first paint
are the lesson engine, the journal and the audio imported and wired in
(``real_parts.finish_start``). That second step starts in the event loop's first turn after the
paint, tens of milliseconds before anyone could react to the window; input made while it runs
waits for it. Python's garbage collector is held off until it is done (``collector``).

``seesaw`` with no arguments lands here (through ``ui.main``) without importing the command-line
tools.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ui.desktop import qt_start  # noqa: F401  (before any other module of Seesaw's)

# isort: split
from audio.voices.choice import chosen_voice_name, missing_voice_notice, timing_key
from lesson_engine.paths import data_dir
from ui import method_cache
from ui.desktop import collector
from ui.desktop.display_check import display_problem
from ui.desktop.settings.store import THEMES, read_choice, read_voice_settings, settings_store
from ui.desktop.single_instance import ALREADY_OPEN, LockUnavailable, acquire_instance_lock
from ui.desktop.theme import apply_theme, pick_theme
from ui.desktop.window.shell import Shell, open_shell
from ui.freedesktop import APP_ID, APP_NAME, icon_path

if TYPE_CHECKING:
    from ui.desktop.app import SeesawApp

FINISH_ANYWAY_MS = 1000
"""If the window is never exposed (started minimised, or hidden), wire the rest after this long."""


class _AfterFirstPaint(QObject):
    """Calls back once, after the window's first expose (and so its first paint) was handled."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback: Callable[[], None] | None = callback
        self._watched: QObject | None = None

    def watch(self, window: QObject) -> None:
        self._watched = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and self._callback is not None:
            QTimer.singleShot(0, self.fire)  # runs once the window has handled the expose
        return False

    def fire(self) -> None:
        if self._watched is not None:  # no Python call for every later event of the window
            self._watched.removeEventFilter(self)
            self._watched = None
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


@dataclass
class Launch:
    qt_app: QApplication
    shell: Shell | None
    """None when another Seesaw is already open (and the learner was told)."""
    lock: QLockFile | None = None
    """Held for as long as this Seesaw runs."""
    app: SeesawApp | None = None
    """Everything wired together; set a moment after the first paint."""
    failed: str = ""
    first_paint: _AfterFirstPaint | None = None
    """Kept alive until it has fired."""


def give_name(qt_app: QApplication) -> None:
    """Every window and message box carries Seesaw's name; the desktop file name lets a Wayland
    compositor match the window to its launcher, and so its icon (``seesaw install-desktop``)."""
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationDisplayName(APP_NAME)
    qt_app.setDesktopFileName(APP_ID)


def give_icon(qt_app: QApplication) -> None:
    """Seesaw's icon on its windows, message boxes and reminders. Drawing it from its SVG loads
    Qt's SVG plugin (some 7 ms), so the main window gets it just after its first paint, before
    anything else is wired; a taskbar shows it a frame later."""
    qt_app.setWindowIcon(QIcon(str(icon_path())))


def start(
    argv: Sequence[str] | None = None,
    on_shown: Callable[[], None] | None = None,
    *,
    dialogs: bool = True,
) -> Launch:
    """Open the window; with ``dialogs=False`` a failure to finish starting is only printed
    (``seesaw --until-ready``: nobody is there to close a dialog)."""
    existing = QApplication.instance()
    qt_app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(list(argv) if argv is not None else sys.argv[:1])
    )
    give_name(qt_app)
    lock_problem = ""
    try:
        lock = acquire_instance_lock(data_dir())
    except LockUnavailable as exc:
        lock, lock_problem = None, str(exc)
    if lock is None and not lock_problem:
        from PySide6.QtWidgets import QMessageBox  # each Qt class costs on first use: only here

        give_icon(qt_app)
        QMessageBox.information(None, "Seesaw is already open", ALREADY_OPEN)
        collector.release()
        return Launch(qt_app, None)
    settings = settings_store()
    apply_theme(qt_app, pick_theme(read_choice(settings, "appearance/theme", THEMES)))
    wanted = read_voice_settings(settings)
    voice_name = chosen_voice_name(wanted.choice)
    shell = open_shell(settings, timing_key(voice_name, wanted.speed))
    for notice in (lock_problem, missing_voice_notice(wanted.choice, voice_name)):
        if notice:  # known now, so the banner does not push the list down a moment later
            shell.window.banner.add(notice)
    launch = Launch(qt_app, shell, lock)

    def finish() -> None:
        try:
            wire()
        finally:
            collector.release()
            method_cache.save()  # only if this start compiled methods the file lacked

    def wire() -> None:
        if on_shown is not None:
            on_shown()
        give_icon(qt_app)
        if not shell.window.isVisible():
            return  # closed before it was ready: nothing to open, nothing to write
        # Here, not above: it imports the engine, the journal and the audio.
        from ui.desktop.real_parts import finish_start

        try:
            launch.app = finish_start(shell, settings)
        except Exception as exc:  # the window is up: say so there rather than vanish
            import traceback

            launch.failed = traceback.format_exc()
            print(launch.failed, file=sys.stderr)
            if not dialogs:
                qt_app.exit(1)
                return
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(
                shell.window,
                "Seesaw could not start",
                f"Seesaw could not finish starting ({exc}). The details are printed in the "
                "terminal; please include them if you report this.",
            )
            qt_app.exit(1)

    launch.first_paint = watch = _AfterFirstPaint(finish)
    shell.window.show()
    handle = shell.window.windowHandle()
    if handle is not None:
        watch.watch(handle)
        if handle.isExposed():  # some platforms expose during show(), before the filter
            QTimer.singleShot(0, watch.fire)
    QTimer.singleShot(FINISH_ANYWAY_MS, watch.fire)
    return launch


def run(argv: Sequence[str] | None = None) -> int:
    problem = display_problem()
    if problem:  # before Qt, which would abort with its own, raw message
        print(problem, file=sys.stderr)
        return 1
    launch = start(argv)
    if launch.shell is None:
        return 1
    return launch.qt_app.exec()


def run_until_ready(on_shown: Callable[[], None] | None = None, *, dialogs: bool = True) -> Launch:
    """Start as ``seesaw`` does and return once everything is wired (for the start benchmark)."""
    from PySide6.QtCore import QEventLoop

    launch = start(None, on_shown, dialogs=dialogs)
    while launch.shell is not None and launch.app is None and not launch.failed:
        if not launch.shell.window.isVisible():
            break
        launch.qt_app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    return launch
