"""What a screen reader finds in Seesaw: the real window's accessibility tree, read through AT-SPI.

Seesaw runs in its own process under Xvfb with Qt's AT-SPI bridge on, on a private session bus
with its own AT-SPI bus (``a11y_session.py``); ``atspi_tree.py``, run by the system's Python with
Debian's pyatspi, reads the tree on each page of the layout tour, as Orca would. Without those
tools the tests are skipped and say which Debian packages to install.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.a11y_session import Tree, accessible_desktop, missing_tools, walk_pages
from ui.desktop.window.shell import PAGES

CONTROLS = {"push button", "check box", "radio button", "combo box", "slider", "spin button"}
PLAYER_SCREENS = ("player", "player counting down", "player paused", "rest")
FLOOR = "player on the floor"


@pytest.fixture(scope="module")
def trees(bus_address: str) -> dict[str, Tree]:
    """Every page's tree, read once for the module (one app, one walk per page)."""
    why = missing_tools()
    if why:
        pytest.skip(why)
    with accessible_desktop(bus_address) as env:
        return dict(walk_pages(env))


def nodes(tree: Tree) -> Iterator[Tree]:
    yield tree
    for child in tree["children"]:
        yield from nodes(child)


def of_role(tree: Tree, role: str) -> list[Tree]:
    return [node for node in nodes(tree) if node["role"] == role]


def named(tree: Tree, role: str, name: str) -> Tree:
    found = [node for node in of_role(tree, role) if node["name"] == name]
    assert len(found) == 1, f"{role} “{name}”: {[n['name'] for n in of_role(tree, role)]}"
    return found[0]


def test_every_page_and_lesson_screen_is_walked(trees) -> None:
    assert {"today", "library", "settings", "check-in", "player", "rest"} <= set(trees)


def test_the_pages_are_a_tab_list_of_tabs_each_with_its_shortcut(trees) -> None:
    titles = [title for _, title, _ in PAGES]
    for page, tree in trees.items():
        if page == FLOOR:
            assert of_role(tree, "page tab list") == []  # full screen: the lesson alone
            continue
        (tabs,) = of_role(tree, "page tab list")
        assert [tab["role"] for tab in tabs["children"]] == ["page tab"] * len(PAGES)
        assert [tab["name"] for tab in tabs["children"]] == titles
        # No button or check box is named for a page, as the buttons before the tabs were.
        buttons = [n for n in nodes(tree) if n["name"] in titles and "button" in n["role"]]
        buttons += [n for n in of_role(tree, "check box") if n["name"] in titles]
        assert buttons == [], page
    for key, _, _ in PAGES:
        tabs = of_role(trees[key], "page tab list")[0]["children"]
        assert [tab["selected"] for tab in tabs] == [k == key for k, _, _ in PAGES]
        for tab, (_, title, shortcut) in zip(tabs, PAGES, strict=True):
            assert tab["enabled"] and tab["description"] == f"{title} ({shortcut})"


def test_during_a_lesson_the_tabs_are_off_and_say_how_to_leave(trees) -> None:
    for screen in ("check-in", *PLAYER_SCREENS, "check-out"):
        (tabs,) = of_role(trees[screen], "page tab list")
        assert not tabs["enabled"]
        assert all("Stop the lesson first (Esc)" in t["description"] for t in tabs["children"])


def test_every_control_on_every_page_has_a_name(trees) -> None:
    unnamed = {
        page: [
            node["role"] for node in nodes(tree) if node["role"] in CONTROLS and not node["name"]
        ]
        for page, tree in trees.items()
    }
    assert {page: found for page, found in unnamed.items() if found} == {}


def test_the_players_buttons_are_named_with_their_keys(trees) -> None:
    playing = trees["player"]
    for name in (
        "Pause (Space)",
        "Rest (R)",
        "Back (Left)",
        "Next (Right)",
        "Previous section (PgUp)",
        "Next section (PgDown)",
        "Stop (Esc)",
        "Floor mode (F11)",
    ):
        assert named(playing, "push button", name)["enabled"]
    assert named(playing, "push button", "Rest (R)")["description"] == (
        "Rest as long as you need (R)"
    )
    assert named(trees["player paused"], "push button", "Resume (Space)")["enabled"]
    floor = trees[FLOOR]
    assert named(floor, "push button", "Leave floor mode (F11)")["enabled"]
    assert named(floor, "push button", "Pause (Space)")["enabled"]
    resting = trees["rest"]
    assert named(resting, "push button", "Resume (Space)")["enabled"]
    assert not named(resting, "push button", "Rest (R)")["enabled"]  # already resting


def test_a_screen_reader_reads_the_instruction_and_the_countdown_themselves(trees) -> None:
    """A label's name is what it shows; what it is, is its description."""

    def read_out(screen: str, description: str) -> str:
        (label,) = [n for n in of_role(trees[screen], "label") if n["description"] == description]
        return str(label["name"])

    playing = trees["player"]
    assert read_out("player", "Current instruction") == playing["shown"]["caption"] != ""
    counting = trees["player counting down"]
    assert (
        read_out("player counting down", "Time left in this part") == (counting["shown"]["status"])
    )
    assert counting["shown"]["status"].endswith(" left")
    assert read_out("player paused", "Paused") == trees["player paused"]["shown"]["status"]
    assert read_out("rest", "Rest timer") == trees["rest"]["shown"]["rest timer"]


def test_without_the_tools_the_skip_names_the_debian_packages(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # no dbus-daemon, no Xvfb
    why = missing_tools()
    assert why is not None and "apt-get install dbus" in why and "xvfb" in why
