"""Which way of keeping the computer awake is asked, in which order (``awake/fallback.py``).

The D-Bus tests (``test_ui_keep_awake_portal.py``) show the order with real services; here each
way is a small recorder that holds or refuses as told, so the order over several lessons, and a
way that stops answering, can be followed exactly.
"""

from __future__ import annotations

from ui.desktop.awake.fallback import FirstThatHolds
from ui.desktop.awake.inhibitors import Problem


class Way:
    def __init__(self, name: str, asked: list[str], *, works: bool) -> None:
        self.name, self.asked, self.works = name, asked, works
        self.held = False

    def hold(self, on_problem: Problem) -> None:
        self.asked.append(f"hold {self.name}")
        if self.works:
            self.held = True
        else:
            on_problem(f"no {self.name}")

    def release(self) -> None:
        if self.held:
            self.asked.append(f"release {self.name}")
        self.held = False


def test_the_first_way_that_holds_is_kept_and_asked_first_next_time() -> None:
    asked: list[str] = []
    screensaver = Way("screensaver", asked, works=False)
    portal = Way("portal", asked, works=True)
    keeping = FirstThatHolds([screensaver, portal])
    told: list[str] = []
    keeping.hold(told.append)
    assert keeping.held and told == []
    keeping.release()
    keeping.hold(told.append)  # the next lesson: straight to the portal
    assert asked == ["hold screensaver", "hold portal", "release portal", "hold portal"]


def test_when_the_kept_way_stops_answering_the_others_are_asked_again() -> None:
    asked: list[str] = []
    screensaver = Way("screensaver", asked, works=False)
    portal = Way("portal", asked, works=True)
    keeping = FirstThatHolds([screensaver, portal])
    keeping.hold(lambda _why: None)
    keeping.release()
    portal.works, screensaver.works = False, True  # the portal went away, a ScreenSaver came
    asked.clear()
    keeping.hold(lambda _why: None)
    assert asked == ["hold portal", "hold screensaver"] and keeping.held


def test_when_no_way_holds_every_reason_is_told_once() -> None:
    asked: list[str] = []
    keeping = FirstThatHolds(
        [Way("screensaver", asked, works=False), Way("portal", asked, works=False)]
    )
    told: list[str] = []
    keeping.hold(told.append)
    assert told == ["no screensaver; no portal"] and not keeping.held
    keeping.hold(told.append)  # asked again at the next Play, from the first
    assert asked == ["hold screensaver", "hold portal"] * 2
