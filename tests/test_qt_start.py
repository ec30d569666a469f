"""Seesaw's start skips PySide's reading of every imported module's source (``qt_start``)."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest


def test_modules_imported_after_the_launch_are_not_read_by_pyside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.desktop.launch  # noqa: F401  (as ``seesaw`` starts)
    from ui.desktop import qt_start

    assert qt_start.SKIPPED, "this PySide has no source scan to skip: the saving is gone"
    (tmp_path / "seesaw_probe_module.py").write_text("from PySide6.QtCore import QObject\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = __import__("seesaw_probe_module")  # through the import PySide watches
    try:
        assert module.QObject is not None  # imported and usable as before
        assert str(tmp_path / "seesaw_probe_module.py") not in linecache.cache  # never read
        feature = sys.modules["shibokensupport.feature"]
        assert feature.pyside_feature_dict["seesaw_probe_module"] == 0  # PySide's default
    finally:
        sys.modules.pop("seesaw_probe_module", None)
