"""Walks Seesaw's accessibility tree as a screen reader sees it, through AT-SPI (Linux).

Run with the system's Python, which has Debian's python3-pyatspi (the project's venv does not:
pyatspi is bound to the system's GObject introspection and is not on PyPI):

    /usr/bin/python3 tests/atspi_tree.py            # the tree, indented, for a person to read
    /usr/bin/python3 tests/atspi_tree.py --json     # the same, for tests/a11y_session.py

It reads whichever accessibility bus the session bus (``DBUS_SESSION_BUS_ADDRESS``) names, so it
works on a desktop with Seesaw open as well as on the private buses the test starts. Only what is
showing is walked (the pages behind the current one are not what a reader hears), and a table's
rows are counted rather than read one cell at a time.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]

APP_NAME = "Seesaw"
WAIT_S = 20.0
"""How long the app may take to appear on the accessibility bus after it is asked to start."""
TABLES = {"table", "tree table", "list"}


def node(accessible) -> dict:  # type: ignore[no-untyped-def]
    states = accessible.getState()
    item = {
        "role": accessible.getRoleName(),
        "name": accessible.name or "",
        "description": accessible.description or "",
        "enabled": states.contains(pyatspi.STATE_ENABLED),
        "checked": states.contains(pyatspi.STATE_CHECKED),
        "selected": states.contains(pyatspi.STATE_SELECTED),
        "children": [],
    }
    if item["role"] == "label":  # what it shows, as the Text interface gives it
        try:
            shown = accessible.queryText()
        except NotImplementedError:  # a picture, a rule: nothing to read
            pass
        else:
            item["text"] = shown.getText(0, shown.characterCount)
    if item["role"] in TABLES:
        item["rows"] = accessible.childCount
        return item
    for index in range(accessible.childCount):
        child = accessible.getChildAtIndex(index)
        if child is not None and child.getState().contains(pyatspi.STATE_SHOWING):
            item["children"].append(node(child))
    return item


def find_app():  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + WAIT_S
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == APP_NAME:
                return app
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)  # the app registers itself a moment after its window shows


def text(item: dict, depth: int = 0) -> list[str]:
    line = "  " * depth + item["role"]
    if item["name"]:
        line += f" “{item['name']}”"
    if item["description"]:
        line += f" — {item['description']}"
    flags = [f for f in ("checked", "selected") if item[f]] + ([] if item["enabled"] else ["off"])
    if "rows" in item:
        flags.append(f"{item['rows']} items")
    if flags:
        line += f"  [{', '.join(flags)}]"
    lines = [line]
    for child in item["children"]:
        lines += text(child, depth + 1)
    return lines


def main(argv: list[str]) -> int:
    app = find_app()
    if app is None:
        print(f"{APP_NAME} did not appear on the accessibility bus", file=sys.stderr)
        return 1
    windows = [node(app.getChildAtIndex(i)) for i in range(app.childCount)]
    tree = {"role": "application", "name": app.name, "description": "", "enabled": True}
    tree |= {"checked": False, "selected": False, "children": windows}
    print(json.dumps(tree) if "--json" in argv else "\n".join(text(tree)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
