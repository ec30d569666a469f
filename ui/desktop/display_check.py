"""Before Qt starts on Linux: is there a display, and can Qt's X11 plugin load and reach it?

When it cannot, Qt prints "could not load the Qt platform plugin xcb" with a list of plugins and
aborts the process, which tells a runner nothing they can act on. The usual causes on a fresh
Debian or Ubuntu machine are a few X11 libraries that PySide6's wheel does not carry
(``libxcb-cursor0`` above all), or no display at all (a server, an SSH session). So ``seesaw``
checks first, using the loader itself rather than a list that could drift: it loads the very
plugin Qt will load (the cost is paid once; Qt then finds it loaded), and only when that fails
asks ``ldd`` for every library missing, to name all their packages in one message.

Only the X11 path is checked. A platform chosen with ``QT_QPA_PLATFORM`` (the tests' offscreen,
wayland, vnc) and a Wayland session are left to Qt; Windows and macOS need no system libraries.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libpng16.so.16": "libpng16-16",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
"""The system libraries Qt's X11 plugin links to, and the Debian (and Ubuntu) package of each."""

NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)
CANNOT_OPEN = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


def xcb_plugin() -> Path:
    import PySide6  # the package only: its Qt libraries are not loaded by this

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that the loader cannot find (empty: it loads)."""
    import ctypes  # here and below, not at the top: on Wayland or offscreen none is needed

    try:
        ctypes.CDLL(str(library))
    except OSError as exc:
        import shutil
        import subprocess

        first = CANNOT_OPEN.findall(str(exc))
        ldd = shutil.which("ldd")
        if ldd is None:
            return first or [str(exc)]
        listed = subprocess.run([ldd, str(library)], capture_output=True, text=True, check=False)
        return list(dict.fromkeys(NOT_FOUND.findall(listed.stdout) + first)) or [str(exc)]
    return []


def missing_libraries_message(missing: list[str]) -> str:
    packages = [DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES]
    unknown = [name for name in missing if name not in DEBIAN_PACKAGES]
    lines = [
        "Seesaw cannot open its window: Qt's X11 support needs system libraries that are not "
        f"installed ({', '.join(missing)})."
    ]
    if packages:
        lines.append(
            f"On Debian or Ubuntu, install them with:\n  sudo apt-get install {' '.join(packages)}"
        )
    if unknown:
        lines.append(
            f"{', '.join(unknown)}: not a library Seesaw knows the package of; if it is one of "
            "PySide6's own (libQt6...), reinstall Seesaw; otherwise `apt-file search NAME` "
            "finds the package."
        )
    lines.append(
        "The command-line tools (seesaw check, seesaw lessons, ...) work without a window."
    )
    return "\n".join(lines)


NO_DISPLAY = (
    "Seesaw cannot open its window: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY "
    "is set). Start it from your desktop session; over SSH, use `ssh -X`. The command-line tools "
    "(seesaw check, seesaw lessons, ...) work without a window."
)


def unreachable_display_message(display: str) -> str:
    return (
        f"Seesaw cannot open its window: the display {display} (DISPLAY) does not answer. Start "
        "Seesaw from your desktop session, or check that DISPLAY names a running X server you "
        "may use. The command-line tools (seesaw check, seesaw lessons, ...) work without a window."
    )


def display_answers(display: str) -> bool:
    """Whether the X server named by ``display`` accepts a connection from us."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # then the plugin check has already said which library is missing
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def display_problem(
    environ: dict[str, str] | None = None, plugin: Path | None = None
) -> str | None:
    """Why the window cannot open here, in words a runner can act on; None if it should.

    ``plugin`` is Qt's X11 plugin (PySide6's own unless a test points elsewhere)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    if env.get("QT_QPA_PLATFORM", "xcb") != "xcb" or env.get("WAYLAND_DISPLAY"):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return NO_DISPLAY
    plugin = plugin or xcb_plugin()
    if plugin.exists():
        missing = missing_libraries(plugin)
        if missing:
            return missing_libraries_message(missing)
    if not display_answers(display):
        return unreachable_display_message(display)
    return None
