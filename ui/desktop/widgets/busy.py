"""Work that takes seconds, done on a thread while the window goes on answering.

For a step the author waits for anyway (converting a long recording before its review can
show): the code reads as one call, but the UI thread keeps painting and ticking meanwhile, and
a busy note appears only if the wait lasts long enough to wonder about (0.6 s).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
SHOW_AFTER_MS = 600


class _Done(QObject):
    done = Signal()


def off_the_ui_thread(work: Callable[[], T], what: str, parent: QWidget) -> T:
    """``work``'s result, computed on a thread; an exception it raises is raised here, on the
    UI thread. ``what`` is the busy note's text."""
    results: list[T] = []
    errors: list[Exception] = []
    finished = _Done()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            results.append(work())
        except Exception as exc:  # handed to the UI thread, raised there
            errors.append(exc)
        finally:
            finished.done.emit()

    busy = QProgressDialog(what, "", 0, 0, parent)
    busy.setCancelButton(None)  # None is how Qt hides it
    busy.setMinimumDuration(SHOW_AFTER_MS)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    threading.Thread(target=run, name="seesaw-recording", daemon=True).start()
    loop.exec()
    busy.close()
    if errors:
        raise errors[0]
    return results[0]
