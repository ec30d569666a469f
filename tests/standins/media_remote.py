"""A media remote: what a headset, media keys or the desktop's media panel send over MPRIS2.

Run as ``python media_remote.py BUS_ADDRESS ACTION...`` on a private bus, where an ACTION is
``Pause`` (any method of org.mpris.MediaPlayer2.Player, or ``Raise``) or ``?PlaybackStatus`` (a
property, read; ``?DesktopEntry`` and the root interface's other properties too). Prints one
JSON object: each action and what came back (``"ok"`` or the error for a method, the value for a
property). A separate process, as a real remote is: the app answers from its own event loop
while this one waits for the reply.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusObjectPath

SERVICE = "org.mpris.MediaPlayer2.seesaw"
PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
ROOT_PROPERTIES = ("Identity", "DesktopEntry", "CanQuit", "CanRaise")
"""Properties of the root interface (the others are the player's)."""


def plain(value: Any) -> Any:
    if isinstance(value, QDBusObjectPath):
        return value.path()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def main(address: str, actions: list[str]) -> int:
    _app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "media-remote")
    player = QDBusInterface(SERVICE, PATH, PLAYER, bus)
    root = QDBusInterface(SERVICE, PATH, ROOT, bus)
    results: dict[str, Any] = {}
    for action in actions:
        if action.startswith("?"):
            name = action[1:]
            results[action] = plain((root if name in ROOT_PROPERTIES else player).property(name))
        else:
            reply = (root if action == "Raise" else player).call(action)
            results[action] = reply.errorMessage() or "ok"
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
