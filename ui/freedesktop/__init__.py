"""Seesaw's identity on a desktop: its app id, name and icon, and the freedesktop files that
carry them (the launcher, the icon drawn for Seesaw, the AppStream metainfo).

One place for all of it, because the window (its icon, its desktop file name), the notifications
and ``seesaw install-desktop`` must agree with the files a desktop reads, or the menu shows one
icon and the running window another. It imports no Qt: the command line installs these files.
The files are package data, found as the lessons are (``lesson_engine.paths.package_folder``).
"""

from __future__ import annotations

from pathlib import Path

from lesson_engine.paths import package_folder

APP_ID = "io.github.seesaw.Seesaw"
"""The reverse-DNS id the desktop file, the icon and the metainfo are named after. Wayland
compositors match a window to its launcher (and so its icon) by this name."""

APP_NAME = "Seesaw"

DESKTOP_ENTRY = f"{APP_ID}.desktop"
ICON = f"{APP_ID}.svg"
METAINFO = f"{APP_ID}.metainfo.xml"


def packaged(name: str) -> Path:
    """One of the freedesktop files shipped with Seesaw (``DESKTOP_ENTRY``, ``ICON``, ``METAINFO``)."""
    folder = package_folder(__name__)
    return (folder or Path(__file__).parent) / name


def icon_path() -> Path:
    return packaged(ICON)
