"""One background thread for every durable write, so no fsync runs on the thread that plays a lesson.

An fsync can take seconds when another program fills the disk: on the thread that drives
playback it once held cue 33 back 1.9 s, and its first words were never heard. So the saved place
(every 5 s and at each change), the journal's records and the drafts are written here, one after
the other in the order they were asked for, and each request returns a ``Future``: it is done once
its fsync has returned (or holds the reason it failed), so the app says "saved" only then. The
engine knows nothing of Qt: whoever waits on a future brings its result to its own thread.

``close`` (and ``flush``) wait until everything asked so far is written, so quitting loses nothing
queued. After ``IDLE_S`` without a request, ``on_idle`` runs once (the journal folds its change
logs in there).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Protocol, TypeVar

T = TypeVar("T")

IDLE_S = 30.0
"""Quiet this long, the writer tidies up (``on_idle``); a lesson writes every 5 s, so not then."""

_Job = tuple[Callable[[], object], "Future[object]"]


class WriterClosed(RuntimeError):
    """A write asked for after the writer closed: nothing would ever write it."""


class DurableWriter:
    def __init__(self, on_idle: Callable[[], None] = lambda: None, idle_s: float = IDLE_S) -> None:
        self.on_idle = on_idle
        self._idle_s = idle_s
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._work, name="seesaw-writer", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], T]) -> Future[T]:
        """Run ``job`` after everything asked before it; its result or exception in the future."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise WriterClosed("the journal's writer is closed")
            self._jobs.put((job, future))  # type: ignore[arg-type]
        return future

    def on_writer_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def flush(self) -> None:
        """Wait until every write asked for so far is done (from the writer itself: at once)."""
        if self.on_writer_thread() or self._closed:
            return
        self.submit(lambda: None).result()

    def close(self) -> None:
        """Write everything queued, then stop; later requests raise ``WriterClosed``."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(None)
        if not self.on_writer_thread():
            self._thread.join()

    def _work(self) -> None:
        idle_done = True
        while True:
            try:
                item = self._jobs.get(timeout=None if idle_done else self._idle_s)
            except queue.Empty:
                idle_done = True
                run_into(self.on_idle, Future())
                continue
            if item is None:
                return
            idle_done = False
            run_into(*item)


def run_into(job: Callable[[], T], future: Future[T]) -> None:
    """Run ``job`` here, its result or what it raised into ``future`` (unless it was
    cancelled before its turn): how a job asked of another thread is answered."""
    if not future.set_running_or_notify_cancel():
        return
    try:
        result = job()
    except BaseException as exc:  # the asker hears of it through the future
        future.set_exception(exc)
    else:
        future.set_result(result)


def done(value: T) -> Future[T]:
    """A future already settled: what a write done on the spot returns."""
    future: Future[T] = Future()
    future.set_result(value)
    return future


def at_once(job: Callable[[], T]) -> Future[T]:
    """Run ``job`` here and now, its result or what it raised in a settled future: a write
    where no writer is attached (the command line, tests of one page), asked the same way."""
    future: Future[T] = Future()
    try:
        future.set_result(job())
    except Exception as exc:  # as the writer does: the asker hears of it through the future
        future.set_exception(exc)
    return future


class Later(Protocol):
    """Where a page hands a durable write: ``Journal.later`` (the app's one writer, in order
    with every other write) or ``at_once``."""

    def __call__(self, job: Callable[[], T], /) -> Future[T]: ...
