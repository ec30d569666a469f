"""``seesaw --until-ready``: start exactly as ``seesaw`` does, wait until everything is wired,
print what the window holds, and quit.

For checking an install with nobody at the screen (the bundle's smoke test runs it offscreen), and
for timing a cold start: the process's whole run is the time from a double-click to a window with
its lessons, journal and audio in place. The already-open message and a failure to finish
starting are printed, not shown in a dialog that would wait for a click.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.desktop.display_check import display_problem
from ui.desktop.launch import run_until_ready


def report_ready() -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    launch = run_until_ready(dialogs=False)
    if launch.shell is None:
        print("seesaw: another Seesaw is already open", file=sys.stderr)
        return 1
    view = launch.shell.library_view
    items = (view.list.item(i) for i in range(view.list.count()))
    listed = [i.data(Qt.ItemDataRole.UserRole) for i in items if i.data(Qt.ItemDataRole.UserRole)]
    app = launch.app
    summary = {
        "ready": app is not None and not launch.failed,
        "lessons": listed,
        "exercises": app is not None and app.exercises_view is not None,
        "notices": app.notices if app is not None else [],
        "name": QApplication.applicationDisplayName(),
        "icon": not QApplication.windowIcon().pixmap(64).isNull(),
    }
    print(json.dumps(summary, indent=1))
    launch.shell.window.close()
    if launch.lock is not None:
        launch.lock.unlock()
    return 0 if summary["ready"] else 1
