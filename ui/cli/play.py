"""``seesaw play``: follow a lesson in the terminal, captions printed as they come.

For an instructor's quick check of pacing without opening the app. Keys: Space pauses and
resumes, r rests, b goes back, n skips, q quits. The session runs on the same player as the app,
so what it prints is what a learner would see, at the same moments.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from lesson_engine.playback.events import (
    CueStarted,
    Finished,
    Paused,
    PlayerEvent,
    RestEnded,
    RestStarted,
    Resumed,
    SectionStarted,
)
from lesson_engine.playback.player import Player
from lesson_engine.playback.state import PlayerState
from lesson_engine.script.durations import format_clock

KEYS = "Space pause/resume · r rest · b back · n next · q quit"


class TerminalSession:
    """Prints the player's events; ``press`` takes one key. No I/O of its own beyond ``out``."""

    def __init__(self, player: Player, out: TextIO) -> None:
        self.player = player
        self.out = out
        self.quit = False
        player.subscribe(self._show)

    def press(self, key: str) -> None:
        actions: dict[str, Callable[[], object]] = {
            " ": self.player.toggle,
            "r": self.player.rest,
            "b": self.player.back,
            "n": self.player.next,
        }
        if key in ("q", "\x1b", "\x03"):
            self.player.stop()
            self.quit = True
        elif key in actions:
            actions[key]()

    def _show(self, event: PlayerEvent) -> None:
        at = format_clock(self.player.position_ms)
        if isinstance(event, SectionStarted):
            self.out.write(f"\n# {event.section.title}\n")
        elif isinstance(event, CueStarted):
            current = self.player.current_event
            extra = f" ({current.round} of {current.rounds})" if current.round else ""
            self.out.write(f"[{at}]{extra} {event.cue.caption}\n")
        elif isinstance(event, Paused):
            self.out.write(f"[{at}] paused — Space to resume\n")
        elif isinstance(event, Resumed):
            self.out.write(f"[{at}] resumed\n")
        elif isinstance(event, RestStarted):
            self.out.write(
                f"[{at}] resting (suggested {format_clock(event.suggested_ms)}) — Space when ready\n"
            )
        elif isinstance(event, RestEnded):
            self.out.write(f"rested {format_clock(event.rested_ms)}; the instruction again:\n")
        elif isinstance(event, Finished):
            word = "finished" if event.completed else "stopped"
            self.out.write(f"[{at}] {word}\n")
        self.out.flush()


@contextlib.contextmanager
def raw_keys(stream: TextIO) -> Iterator[Callable[[float], str | None]]:
    """Single key presses from a terminal without Enter; line by line from a pipe or a file."""
    if stream.isatty():
        with _terminal_keys(stream) as read_key:
            yield read_key
        return
    try:
        stream.fileno()
        # Windows can wait only on sockets: there a piped line is read when it is asked for.
        selectable = sys.platform != "win32"
    except (OSError, ValueError, AttributeError):
        selectable = False  # an in-memory stream: every line is already there

    def read_line(timeout: float) -> str | None:
        if selectable and not select.select([stream], [], [], timeout)[0]:
            return None
        line = stream.readline()
        if not line:
            return "q"
        return line.rstrip("\n")[:1] if line.strip() else " "

    yield read_line


if sys.platform == "win32":
    import msvcrt

    KEY_POLL_S = 0.02
    """The console has no wait-with-timeout for a key: look this often (unnoticeably late)."""

    @contextlib.contextmanager
    def _terminal_keys(stream: TextIO) -> Iterator[Callable[[float], str | None]]:
        def read_key(timeout: float) -> str | None:
            deadline = time.monotonic() + timeout
            while not msvcrt.kbhit():
                if time.monotonic() >= deadline:
                    return None
                time.sleep(KEY_POLL_S)
            return msvcrt.getwch()

        yield read_key

else:

    @contextlib.contextmanager
    def _terminal_keys(stream: TextIO) -> Iterator[Callable[[float], str | None]]:
        import termios
        import tty

        fd = stream.fileno()
        saved = termios.tcgetattr(fd)
        tty.setcbreak(fd)
        try:
            yield lambda timeout: _read_key(fd, timeout)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def _read_key(fd: int, timeout: float) -> str | None:
        ready, _, _ = select.select([fd], [], [], timeout)
        return os.read(fd, 1).decode(errors="ignore") if ready else None


def run_in_terminal(player: Player, out: TextIO | None = None, keys: TextIO | None = None) -> int:
    out = out or sys.stdout
    session = TerminalSession(player, out)
    out.write(f"{player.timeline.title} — {format_clock(player.timeline.total_ms)}\n{KEYS}\n")
    player.play()
    with raw_keys(keys or sys.stdin) as read:
        while not session.quit and player.state is not PlayerState.FINISHED:
            wait = player.ms_until_next_boundary()
            key = read(0.25 if wait is None else min(max(wait, 1) / 1000, 0.25))
            if key is not None:
                session.press(key)
            player.tick()
    return 0
