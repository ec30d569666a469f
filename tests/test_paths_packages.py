"""Seesaw's own files (its lessons, its desktop files) are found as folders on disk, wherever an
install put its packages, and an install that hides them in an archive is refused, not half-read."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lesson_engine import paths
from lesson_engine.paths import BundledLessonsMissing, bundled_lessons_dir, package_folder
from ui.freedesktop import ICON, icon_path


def test_the_bundled_lessons_are_the_lessons_folder_with_its_lessons(repo: Path) -> None:
    folder = bundled_lessons_dir()
    assert folder == repo / "lessons"
    assert any(folder.rglob("*.lesson"))


def test_the_desktop_icon_is_the_svg_shipped_beside_its_module() -> None:
    icon = icon_path()
    assert icon.name == ICON
    assert icon.read_text(encoding="utf-8").lstrip().startswith("<")


def test_a_package_inside_an_archive_has_no_folder(tmp_path: Path, monkeypatch) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_lessons/__init__.py", "")
        zipped.writestr("zipped_lessons/a.lesson", "title: A\n")
    monkeypatch.syspath_prepend(str(archive))
    assert package_folder("zipped_lessons") is None
    monkeypatch.setattr(paths, "BUNDLED_LESSONS_PACKAGE", "zipped_lessons")
    with pytest.raises(BundledLessonsMissing, match="not on disk as files"):
        bundled_lessons_dir()


def test_a_missing_package_is_said_to_be_missing(monkeypatch) -> None:
    assert package_folder("no_such_package_here") is None
    monkeypatch.setattr(paths, "BUNDLED_LESSONS_PACKAGE", "no_such_package_here")
    with pytest.raises(BundledLessonsMissing, match="missing from this install"):
        bundled_lessons_dir()


def test_finding_the_folders_loads_no_resource_machinery(repo: Path) -> None:
    """``importlib.resources`` costs some 7 ms, and the folders are found before the first paint."""
    code = (
        "import sys\n"
        "from lesson_engine.paths import lesson_folders\n"
        "from ui.freedesktop import icon_path\n"
        "lesson_folders(); icon_path()\n"
        "print('importlib.resources' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
