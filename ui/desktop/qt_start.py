"""Qt for Python, loaded without its per-module source scan.

PySide6 offers opt-in ``__feature__`` switches (snake_case names, true properties), chosen per
module. To learn which modules might use them, it reads the source of every module imported
after it (``inspect.getsource``, looking for the word "PySide6"): about 350 files as Seesaw
starts, some 25 ms before the first paint and as much again before everything is wired.

Seesaw uses no ``__feature__``, so every module runs with the default selection either way;
this records that default for each module without reading its file. The hook is private to
PySide: where it is not found (another PySide version), nothing changes but the time it takes.
Imported by ``ui.desktop.launch`` before any other of Seesaw's modules.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (loads the feature module this adjusts)

SCAN = "_mod_uses_pyside"
"""PySide's function that reads a module's source to tell whether it uses PySide."""


def skip_source_scan() -> bool:
    """True when PySide's scan was replaced (it is skipped for every later import)."""
    feature = sys.modules.get("shibokensupport.feature") or sys.modules.get(
        "PySide6.support.feature"
    )
    if feature is None or not callable(getattr(feature, SCAN, None)):
        return False
    # "Uses PySide": the module gets the default selection (no feature), unread.
    setattr(feature, SCAN, lambda _module: True)
    return True


SKIPPED = skip_source_scan()
