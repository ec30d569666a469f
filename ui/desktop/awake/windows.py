"""Windows: ``SetThreadExecutionState`` through ctypes, so no extra package is needed.

``ES_CONTINUOUS`` makes the request last until it is changed, on the thread that made it; the
keeper always calls from Qt's main thread, so hold and release meet.
"""

from __future__ import annotations

import sys

from ui.desktop.awake.inhibitors import Problem

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002


def _set_state(flags: int) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    return bool(ctypes.windll.kernel32.SetThreadExecutionState(flags))


class WindowsInhibitor:
    def __init__(self) -> None:
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def hold(self, on_problem: Problem) -> None:
        if self._held:
            return
        if _set_state(ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED):
            self._held = True
        else:
            on_problem("Windows refused SetThreadExecutionState")

    def release(self) -> None:
        if self._held:
            _set_state(ES_CONTINUOUS)
            self._held = False
