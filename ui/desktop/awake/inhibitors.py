"""What keeps a computer from blanking its screen or sleeping, one small interface per system.

Each system asks in its own way (D-Bus on Linux, ``SetThreadExecutionState`` on Windows, an IOKit
power assertion on macOS); the keeper (``keeper.py``) only ever calls ``hold`` and ``release``.
An inhibitor that cannot ask says why through ``on_problem`` and goes on without: a lesson never
fails to start because the screen might dim.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

Problem = Callable[[str], None]
"""Told, in words, why the computer could not be asked to stay awake."""

APP_NAME = "Seesaw"
REASON = "A movement lesson is playing"


class Inhibitor(Protocol):
    @property
    def held(self) -> bool:
        """Whether the system has agreed to stay awake."""
        ...

    def hold(self, on_problem: Problem) -> None:
        """Ask the computer to stay awake; calling it again while held changes nothing."""
        ...

    def release(self) -> None:
        """Let the computer blank and sleep again; safe when nothing is held."""
        ...
