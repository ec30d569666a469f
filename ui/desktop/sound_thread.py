"""The sound device, opened on a thread of its own once the window is wired.

Opening it imports pygame (which imports numpy: about 150 ms of the interpreter) and then starts
SDL's audio, which on some systems takes as long again. On the UI thread that froze the window
just after it appeared; on a thread, the window answers meanwhile, and a lesson started before
the device is open waits only for what is left (``LessonAudio.open_output`` holds a lock).

The thread stays alive, idle, until the device is closed: on Windows SDL's audio backend sets up
COM on the thread that opens the device, and what it makes there must outlive that thread.
Sound turned off and on again in Settings later opens the device on the audio layer's own
thread, kept alive the same way (``LessonAudio.switch_sound``); this one only opens it at start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class SoundThread(QObject):
    """Runs ``open_device`` on its own thread; ``opened`` carries what it returned (what to tell
    the learner, "" when the sound is fine) to the UI thread."""

    opened = Signal(str)

    def __init__(self, open_device: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_device = open_device
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="seesaw-sound", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def release(self) -> None:
        """The device is closed: the thread may end."""
        self._closed.set()

    def _run(self) -> None:
        problem = self._open_device()
        self.opened.emit(problem)  # queued to the UI thread, where this object lives
        self._closed.wait()
