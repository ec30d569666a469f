"""Seesaw as a learner starts it, following one short lesson with the real voice, then closing.

Run as ``python -m tests.offline_driver LESSON_ID`` by ``tests/test_offline_syscalls.py`` under
strace: nothing here is faked. The window, settings, journal and library are the ones ``seesaw``
opens (in the folders the environment names), the neural voice synthesises every cue, the mixer
plays them through whatever SDL driver the environment chose, and the clock is the wall clock.
The check-in and check-out are skipped and submitted as a learner in a hurry would.

Exit status: 0 when the lesson played to its end and the session is in the journal; 2 when the
lesson could not be found or started; 3 when it did not finish within ``LIMIT_MS``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from lesson_engine.playback.state import PlayerState
from ui.desktop.launch import run_until_ready
from ui.desktop.player.checkin import CheckInView

LIMIT_MS = 120_000
WATCH_MS = 200


def main(lesson_id: str) -> int:
    launch = run_until_ready()
    app = launch.app
    if app is None:
        print(f"Seesaw did not start: {launch.failed}", file=sys.stderr)
        return 2
    app.flow.start(lesson_id)
    check_in = app.window.pages.currentWidget()
    if not isinstance(check_in, CheckInView):
        print(f"no lesson {lesson_id!r} in the library", file=sys.stderr)
        return 2
    check_in.skip.click()
    status = {"code": 3}

    def watch() -> None:
        player = app.flow.player
        if player is None or player.state is not PlayerState.FINISHED:
            return
        check_out = app.window.pages.currentWidget()
        if isinstance(check_out, CheckInView):
            check_out.submitted.emit(check_out.current())
        sessions = app.flow.journal.sessions()
        status["code"] = 0 if sessions and sessions[-1].completed else 4
        app.window.close()
        launch.qt_app.quit()

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(WATCH_MS)
    QTimer.singleShot(LIMIT_MS, launch.qt_app.quit)
    launch.qt_app.exec()
    print(f"finished with status {status['code']}: {app.flow.audio.description}")
    return status["code"]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
