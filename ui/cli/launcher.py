"""``seesaw install-desktop``: Seesaw in the desktop's app menu (``--remove`` takes it out).

A command-line command, so it loads no Qt: it copies files (``ui.freedesktop.install``).
"""

from __future__ import annotations

import argparse
import shlex
import sys

from lesson_engine.storage import write_problem_in_words
from ui.freedesktop.install import Places, install, remove, seesaw_command, xdg_data_home


def _install_desktop(args: argparse.Namespace) -> int:
    if sys.platform in ("win32", "darwin"):
        print(
            "seesaw: install-desktop adds Seesaw to the app menu of Linux desktops (freedesktop); "
            "on Windows and macOS, start it with the seesaw command or use the Seesaw bundle",
            file=sys.stderr,
        )
        return 1
    places = Places(xdg_data_home())
    if args.remove:
        removed = remove(places)
        if not removed:
            print(f"Seesaw was not in the app menu under {places.data_home}; nothing to remove")
        for path in removed:
            print(f"removed {path}")
        return 0
    command = seesaw_command()
    try:
        written = install(places, command)
    except OSError as exc:
        print(
            f"seesaw: could not add Seesaw to the app menu ({write_problem_in_words(exc)}: "
            f"{exc.filename}); nothing else was changed",
            file=sys.stderr,
        )
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"Seesaw is in the app menu; it starts {shlex.join(command)}")
    print("(seesaw install-desktop --remove takes it out)")
    return 0


def add_launcher_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    desktop = commands.add_parser(
        "install-desktop",
        help="add Seesaw to this desktop's app menu (Linux), with its icon; --remove takes it out",
    )
    desktop.add_argument(
        "--remove", action="store_true", help="take Seesaw's launcher, icon and metainfo out"
    )
    desktop.set_defaults(func=_install_desktop)
