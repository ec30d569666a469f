"""Giving the memory a voice freed back to the system, where the C library can be asked to.

Each synthesis allocates and frees tens of MB (the runtime's buffers grow with the sentence).
glibc keeps what was freed for reuse, in arenas of its own per thread, so a process that has
spoken many cues of different lengths stays large (220-250 MB, rising, over ten lessons, even
with the runtime's arena shrunk), against about 145 MB flat when it is asked to give the free
memory back (``malloc_trim``) each time the voice worker runs out of work (bench/memory.py). ``MALLOC_ARENA_MAX`` would have to
be set before Seesaw starts and exists only on glibc; this asks at run time and does nothing where
there is no glibc (Windows, macOS and musl return memory by their own rules). ``ctypes`` is
imported with this module, at the app's start: imported at the first trim it would be on the
worker's thread in the middle of the first cue, which the learner may be waiting for.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        # The process's own symbols, the C library's among them: no search for the library
        # (``ctypes.util.find_library`` runs ldconfig, some milliseconds of the first cue).
        libc = ctypes.CDLL(None)
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (musl has no malloc_trim)
        return None
    return trim


def give_back_free_memory() -> None:
    """Return the heap's free pages to the system now (a few ms; on the worker's thread)."""
    trim = _trim()
    if trim is not None:
        trim(0)
