"""Python's cyclic garbage collector, held off while Seesaw starts.

A start imports some 330 modules and builds the window: tens of thousands of objects, nearly all
kept for as long as Seesaw runs, which the collector would walk again and again (some 80
collections, 25–45 ms of the start, half of it before the first paint) to find a few hundred
bytes of cycles. So ``seesaw`` holds it off before importing the app (``ui.main``), and once
everything is wired ``release`` freezes what the start made (``gc.freeze``: later collections,
during a lesson too, skip it) and lets the collector run again.

Only a start that was held is released: tests that start the window in their own process keep
their collector as it was. Imports no Qt, so that ``ui.main`` can hold it first.
"""

from __future__ import annotations

import gc


class _Held:
    now = False


def hold() -> None:
    """No collections until ``release``, if the collector is running at all."""
    if gc.isenabled():
        gc.disable()
        _Held.now = True


def release() -> None:
    """Freeze what the start made and collect again; nothing if ``hold`` held nothing."""
    if _Held.now:
        _Held.now = False
        gc.freeze()
        gc.enable()
