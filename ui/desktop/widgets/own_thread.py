"""Work that may take seconds, each job on a thread of its own, asked as a write is asked.

Zipping a pack of long recordings, or copying one large recording into the lesson's folder,
reads and writes hundreds of megabytes: on the window's thread that froze the page, and a
preview playing beside the script with it. It is not a durable write either, so it does not
belong on the journal's one writer, where it would hold back the saved place of a lesson
playing meanwhile. So each job runs on a new thread, and hands back a future as the writer
does: ``WhenWritten.behind`` brings what came of it to the window's thread, where the page says
so. The thread is named for its work, so a test can see it was not the window's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from lesson_engine.journal.writer import run_into

T = TypeVar("T")


class OwnThread:
    """A ``Later`` that runs each job on a new thread named ``name``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, job: Callable[[], T], /) -> Future[T]:
        future: Future[T] = Future()
        threading.Thread(target=run_into, args=(job, future), name=self.name, daemon=True).start()
        return future
