"""Several ways to ask, tried in order until one holds: the first that answers is used again.

On Linux the ScreenSaver and the portal may each be there or not, and which one is only known
by asking (the bus says "no such service" a moment later). This inhibitor asks the first; when
that one says it cannot, it asks the next, and only when none can does the learner hear why (all
the reasons at once). The one that held is asked first next time, so a desktop without a
ScreenSaver is not asked again at every Play (and if it stops answering, the others are asked
again, the first of them first).
"""

from __future__ import annotations

from collections.abc import Sequence

from ui.desktop.awake.inhibitors import Inhibitor, Problem


class FirstThatHolds:
    def __init__(self, inhibitors: Sequence[Inhibitor]) -> None:
        assert inhibitors, "at least one way to ask"
        self._inhibitors = list(inhibitors)
        self._current = 0
        self._wanted = False
        self._reasons: list[str] = []
        self._untried: list[int] = []
        self._on_problem: Problem = lambda _why: None

    @property
    def held(self) -> bool:
        return self._inhibitors[self._current].held

    def hold(self, on_problem: Problem) -> None:
        self._on_problem = on_problem
        if self._wanted:
            return
        self._wanted = True
        self._reasons = []
        # The one that held last, then the others in their order.
        count = len(self._inhibitors)
        self._untried = [(self._current + step) % count for step in range(count)]
        self._ask_next()

    def release(self) -> None:
        self._wanted = False
        self._inhibitors[self._current].release()

    def _ask_next(self) -> None:
        index = self._current = self._untried.pop(0)
        self._inhibitors[index].hold(lambda why: self._refused(index, why))

    def _refused(self, index: int, why: str) -> None:
        if not self._wanted or index != self._current:
            return  # released meanwhile, or an old answer from one already passed over
        self._reasons.append(why)
        if self._untried:
            self._ask_next()
        else:
            self._current = 0  # none can now; start from the first again next time
            self._wanted = False
            self._on_problem("; ".join(self._reasons))
