"""macOS: an IOKit power assertion ("no display sleep", which also keeps the Mac awake), by ctypes.

The assertion's name is what Activity Monitor and ``pmset -g assertions`` show the learner.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from ui.desktop.awake.inhibitors import APP_NAME, REASON, Problem

NO_DISPLAY_SLEEP = b"PreventUserIdleDisplaySleep"
ASSERTION_ON = 255
UTF8 = 0x08000100


def _cf_string(cf: ctypes.CDLL, text: bytes) -> ctypes.c_void_p:
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    return ctypes.c_void_p(cf.CFStringCreateWithCString(None, text, UTF8))


class MacInhibitor:
    def __init__(self) -> None:
        self._assertion: ctypes.c_uint32 | None = None

    @property
    def held(self) -> bool:
        return self._assertion is not None

    def hold(self, on_problem: Problem) -> None:
        if self._assertion is not None:
            return
        iokit_path = ctypes.util.find_library("IOKit")
        cf_path = ctypes.util.find_library("CoreFoundation")
        if not iokit_path or not cf_path:
            on_problem("IOKit could not be loaded")
            return
        iokit, cf = ctypes.CDLL(iokit_path), ctypes.CDLL(cf_path)
        kind = _cf_string(cf, NO_DISPLAY_SLEEP)
        name = _cf_string(cf, f"{APP_NAME}: {REASON}".encode())
        assertion = ctypes.c_uint32(0)
        iokit.IOPMAssertionCreateWithName.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint32,
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_uint32),
        ]
        iokit.IOPMAssertionCreateWithName.restype = ctypes.c_int
        result = iokit.IOPMAssertionCreateWithName(
            kind, ASSERTION_ON, name, ctypes.byref(assertion)
        )
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        cf.CFRelease(kind)
        cf.CFRelease(name)
        if result == 0:
            self._assertion = assertion
        else:
            on_problem(f"IOPMAssertionCreateWithName failed ({result})")

    def release(self) -> None:
        if self._assertion is None:
            return
        path = ctypes.util.find_library("IOKit")
        if path:
            iokit = ctypes.CDLL(path)
            iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
            iokit.IOPMAssertionRelease(self._assertion)
        self._assertion = None
