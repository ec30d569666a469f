"""Back on the window's thread once a write is on disk.

The journal's writer thread does every durable write (``lesson_engine/journal/writer.py``) and
hands back a future that completes after the fsync. Qt widgets may only be touched on the window's
thread, so what follows a write (saying "saved", showing the new row, keeping the words when the
disk refused them) is carried back through a queued signal. When no writer is attached the write
was done on the spot, the future is already complete, and the follow-up runs at once.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from PySide6.QtCore import QObject, Signal, Slot

T = TypeVar("T")


class WhenWritten(QObject):
    _written = Signal(object)
    """Carries a callable from the writer's thread to this object's, where it runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._written.connect(self._run_here)

    @Slot(object)
    def _run_here(self, run: Callable[[], None]) -> None:
        run()

    def then(self, future: Future[T], follow: Callable[[Future[T]], None]) -> None:
        """Run ``follow(future)`` on this object's thread once the write is done."""
        future.add_done_callback(lambda done: self._written.emit(lambda: follow(done)))
