"""Today's run as a guided lesson: a warm-up walk, each run and walk rung in, a cool-down walk.

The session is written as the text of an ordinary lesson and read by the real parser, so the
player, the timeline, the renderer and ``seesaw check`` take it as they take any other lesson and
nothing downstream needs to know that a programme wrote it.

Timing is the point of a run-walk session: the bell must ring when the run ends, not a few
seconds later. The writer therefore keeps the position the timeline will compute for what it has
written so far (with the same ``duration_of`` the timeline is given: the captions estimate by
default, a voice's real clip lengths when rendering) and fills each part with exactly the pause
or metronome still needed, to the millisecond. A spoken cue is written only where it ends before
its part does, so no cue ever runs over into the next part; a part too short for its usual words
gets shorter ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lesson_engine.programme.describe import day_name, minutes
from lesson_engine.programme.model import Activity, RunStage
from lesson_engine.programme.today import Today
from lesson_engine.programme.week import Status
from lesson_engine.script.durations import format_duration
from lesson_engine.script.lines import BPM_RANGE, LIMITS_MS
from lesson_engine.timeline import BELL_MS, DurationOf, Utterance, estimate_speech_ms

if TYPE_CHECKING:  # parsed when run, not on Today's start (``run_lesson``)
    from lesson_engine.model.lesson import Lesson

WARM_UP_S = 300
"""Five minutes of easy walking before the first run."""
COOL_DOWN_S = 300
"""Five minutes of easy walking after the last run, the last bell at its very end."""
SHORTEST_PART_S = 5
"""A run or walk shorter than this leaves no time after the bell to say what it is."""
MOST_ROUNDS = 100
"""As many rounds as a lesson's [repeat] allows: far beyond any real run-walk session."""

SAFETY = "If the knee starts to hurt, stop and walk home."


@dataclass(frozen=True)
class Part:
    """A stretch of the session spent running or walking, in milliseconds from the start."""

    running: bool
    start_ms: int
    end_ms: int
    round: int | None = None
    """The round it belongs to (1-based); None for the warm-up and the cool-down."""


def session_s(stage: RunStage) -> int:
    """How long the whole session lasts: warm-up, the stage itself, and the cool-down."""
    return WARM_UP_S + stage.total_s + COOL_DOWN_S


def todays_run(shown: Today) -> RunStage | None:
    """The run planned for the day ``shown`` is about, or None when that day has no run.

    A build phase's run is one continuous run of the build's current length.
    """
    if not any(item.slot.activity is Activity.RUN for item in shown.items):
        return None
    standing = shown.standing
    runs = standing.phase.of(Activity.RUN)
    if runs is None:
        return None
    if runs.build is not None:
        return RunStage(standing.build_s) if standing.build_s else None
    if not runs.stages:
        return None
    return runs.stages[min(standing.stage, len(runs.stages) - 1)]


def why_no_run(shown: Today) -> str:
    """Why there is no run to take on the day ``shown`` is about, and when the next one is."""
    phase = shown.standing.phase
    if phase.of(Activity.RUN) is None:
        return f"today has no run to take with you: '{phase.title}' has no runs"
    later = [
        i.slot.day
        for i in shown.week
        if i.slot.activity is Activity.RUN and i.slot.status is Status.LATER
    ]
    then = f"; the next one is on {day_name(min(later))}" if later else ""
    return f"no run is planned for today, {day_name(shown.day)}{then}"


def stage_words(stage: RunStage) -> str:
    """ "run 1 min, walk 2 min, 5 times": the stage as the title shows it."""
    if stage.walk_s == 0 and stage.rounds == 1:
        return f"run {minutes(stage.run_s)} without stopping"
    if stage.walk_s == 0:
        return f"run {minutes(stage.run_s)}, {stage.rounds} times"
    return f"run {minutes(stage.run_s)}, walk {minutes(stage.walk_s)}, {stage.rounds} times"


def lesson_id(stage: RunStage) -> str:
    """ "todays-run-1m-walk-2m-5-times": the stage in an id, to the second (1½ min is not 1)."""
    run = format_duration(stage.run_s * 1000)
    if stage.walk_s == 0 and stage.rounds == 1:
        return f"todays-run-{run}"
    walk = f"-walk-{format_duration(stage.walk_s * 1000)}" if stage.walk_s else ""
    return f"todays-run-{run}{walk}-{stage.rounds}-times"


def run_lesson_text(
    stage: RunStage, cadence: int | None = None, duration_of: DurationOf = estimate_speech_ms
) -> str:
    """The session as lesson text; ``cadence`` (steps a minute) adds a click while running.

    Raises ValueError for a stage or a cadence no lesson can guide.
    """
    _check(stage, cadence)
    total = session_s(stage) * 1000
    title = f"Today's run — {stage_words(stage)}"
    click = f", with a click at {cadence} steps a minute" if cadence else ""
    header = [
        f"id: {lesson_id(stage)}",
        f"title: {title}",
        f"summary: A {WARM_UP_S // 60}-minute warm-up walk; {stage_words(stage)}{click}; "
        f"a {COOL_DOWN_S // 60}-minute cool-down walk.",
        "position: outdoors, on flat, forgiving ground",
        "group: return-to-running",
        "tags: run-walk, today",
        f"length: {format_duration(total)}",
        "---",
        "",
    ]
    script = _Script(duration_of, cadence)
    for part, nxt in _pairs(parts(stage)):
        _write_part(script, part, nxt, stage, cadence)
    return "\n".join(header + script.lines)


def run_lesson(
    stage: RunStage, cadence: int | None = None, duration_of: DurationOf = estimate_speech_ms
) -> Lesson:
    """The session as a lesson, read by the real parser (see ``run_lesson_text``)."""
    from lesson_engine.script.parser import parse_lesson_text  # when run, not on Today's start

    return parse_lesson_text(run_lesson_text(stage, cadence, duration_of))


def parts(stage: RunStage) -> tuple[Part, ...]:
    """The warm-up, every run and walk of the stage, and the cool-down, end to end."""
    found = [Part(False, 0, WARM_UP_S * 1000)]
    at = WARM_UP_S * 1000
    for number in range(1, stage.rounds + 1):
        found.append(Part(True, at, at + stage.run_s * 1000, number))
        at += stage.run_s * 1000
        if stage.walk_s:
            found.append(Part(False, at, at + stage.walk_s * 1000, number))
            at += stage.walk_s * 1000
    found.append(Part(False, at, at + COOL_DOWN_S * 1000))
    return tuple(found)


def _check(stage: RunStage, cadence: int | None) -> None:
    if stage.run_s < SHORTEST_PART_S or 0 < stage.walk_s < SHORTEST_PART_S:
        raise ValueError(
            f"runs and walks shorter than {SHORTEST_PART_S} seconds cannot be guided: "
            f"{stage_words(stage)}"
        )
    if not 1 <= stage.rounds <= MOST_ROUNDS:
        raise ValueError(f"a session can guide 1 to {MOST_ROUNDS} rounds, not {stage.rounds}")
    low, high = BPM_RANGE
    if cadence is not None and not low <= cadence <= high:
        raise ValueError(
            f"the cadence is a number of steps a minute from {low} to {high}, not {cadence}"
        )


def _pairs(found: tuple[Part, ...]) -> Iterator[tuple[Part, Part | None]]:
    for index, part in enumerate(found):
        yield part, found[index + 1] if index + 1 < len(found) else None


class _Script:
    """The lesson's lines, and where the timeline will be once it has played them."""

    def __init__(self, duration_of: DurationOf, cadence: int | None) -> None:
        self.lines: list[str] = []
        self.at_ms = 0
        self._duration_of = duration_of
        self._cadence = cadence

    def section(self, title: str) -> None:
        self.lines += [f"# {title}", ""]

    def bell(self) -> None:
        self.lines += ["[bell]", ""]
        self.at_ms += BELL_MS

    def length(self, text: str) -> int:
        """As the timeline will time it (at least 1 ms, as the timeline does)."""
        return max(1, int(self._duration_of(Utterance(text))))

    def say(self, text: str) -> None:
        self.lines += [text, ""]
        self.at_ms += self.length(text)

    def cue(self, at_ms: int, text: str, until_ms: int, running: bool) -> bool:
        """``text`` from ``at_ms`` (or as soon after as the words before allow), if it ends by
        ``until_ms``; otherwise nothing, and False."""
        start = max(at_ms, self.at_ms)
        if start + self.length(text) > until_ms:
            return False
        self.wait_until(start, running)
        self.say(text)
        return True

    def first_that_fits(self, texts: tuple[str, ...], until_ms: int, running: bool) -> None:
        for text in texts:
            if self.cue(self.at_ms, text, until_ms, running):
                return

    def wait_until(self, ms: int, running: bool) -> None:
        """Silence (or, while running with a cadence, the click) up to ``ms``."""
        bpm = self._cadence if running else None
        kind = "metronome" if bpm else "pause"
        while self.at_ms < ms:
            chunk = min(ms - self.at_ms, LIMITS_MS[kind])
            wait = format_duration(chunk)
            self.lines += [f"[metronome {bpm} for {wait}]" if bpm else f"[pause {wait}]", ""]
            self.at_ms += chunk


def _write_part(
    script: _Script, part: Part, nxt: Part | None, stage: RunStage, cadence: int | None
) -> None:
    rounds = stage.rounds
    if part.round is None and nxt is not None:
        _warm_up(script, part, stage, cadence)
    elif part.round is None:
        _cool_down(script, part, after_run=stage.walk_s == 0)
    elif part.running:
        _run(script, part, stage, last_run=nxt is not None and nxt.round is None)
    else:
        _walk(script, part, rounds)
    script.wait_until(part.end_ms, part.running)


def _warm_up(script: _Script, part: Part, stage: RunStage, cadence: int | None) -> None:
    script.section("Warm-up walk")
    end = part.end_ms
    script.cue(0, f"Today's run: {_spoken_stage(stage)}.", end, False)
    script.cue(0, f"Start with {_spoken(WARM_UP_S)} of easy walking, to warm up.", end, False)
    script.cue(45_000, "Walk tall, and let your arms swing.", end, False)
    script.cue(90_000, "Keep every run easy: slow enough to talk in whole sentences.", end, False)
    script.cue(
        135_000, "If the pain starts, stop and walk home. That is always allowed.", end, False
    )
    if cadence:
        script.cue(
            180_000,
            f"While you run, a click sounds {cadence} times a minute. Take a step with each click.",
            end,
            False,
        )
    first = (
        "The first run starts at the bell." if stage.rounds > 1 else "The run starts at the bell."
    )
    script.cue(end - 20_000, first, end, False)


def _run(script: _Script, part: Part, stage: RunStage, last_run: bool) -> None:
    number, rounds = part.round or 1, stage.rounds
    if rounds > 1:
        script.section(f"Round {number} of {rounds}")
    elif stage.walk_s == 0:
        script.section("The run")
    else:
        script.section("Run and walk")
    script.bell()
    end = part.end_ms
    label = ""
    if rounds > 1:
        label = "Last round. " if number == rounds else f"Round {number} of {rounds}. "
    opening = (
        "Run now, easy. Slow enough to talk."
        if stage.walk_s == 0 and rounds == 1
        else "Run now, easy."
    )
    script.first_that_fits((f"{label}{opening}", "Run now, easy.", "Run."), end, True)
    then = "then walk." if stage.walk_s or last_run else "then the next round."
    for at_ms, text in _while_running(part, stage.walk_s == 0 and rounds == 1, then):
        script.cue(at_ms, text, end, True)


def _while_running(part: Part, continuous: bool, then: str) -> list[tuple[int, str]]:
    """A few short words during a long run: the minutes gone, halfway, the last minute."""
    start, end = part.start_ms, part.end_ms
    length = end - start
    fixed: list[tuple[int, str]] = []
    if continuous and length >= 6 * 60_000:
        fixed.append((start + length // 2, SAFETY))
    elif 3 * 60_000 <= length < 6 * 60_000:
        fixed.append((start + length // 2, "Halfway. Easy breathing, light steps."))
    if length >= 4 * 60_000:
        fixed.append((end - 60_000, f"1 more minute, {then}"))
    marks: list[tuple[int, str]] = []
    if length >= 6 * 60_000:
        for minute in range(5, length // 60_000, 5):
            at = start + minute * 60_000
            if all(abs(at - other) >= 60_000 for other, _ in fixed):
                marks.append((at, f"{minute} minutes in. Keep it easy."))
    return sorted(fixed + marks)


def _walk(script: _Script, part: Part, rounds: int) -> None:
    number = part.round or 1
    end = part.end_ms
    script.bell()
    if number == rounds:
        script.first_that_fits(
            ("Walk now. That was the last run.", "Walk now.", "Walk."), end, False
        )
        return
    script.first_that_fits(("Walk now.", "Walk."), end, False)
    length = end - part.start_ms
    if length >= 90_000:
        script.cue(part.start_ms + 30_000, "Breathe out, and let your shoulders drop.", end, False)
    if number == max(1, rounds // 2):
        script.cue(part.start_ms + length // 2, SAFETY, end - 12_000, False)
    if length >= 30_000:
        script.cue(end - 10_000, "Get ready to run.", end, False)


def _cool_down(script: _Script, part: Part, after_run: bool) -> None:
    script.section("Cool-down walk")
    start, end = part.start_ms, part.end_ms
    last_bell = end - BELL_MS
    if after_run:
        script.bell()
        script.cue(start, "Walk now. That is the run done.", last_bell, False)
    script.cue(
        start, f"Now {_spoken(COOL_DOWN_S)} of easy walking, to cool down.", last_bell, False
    )
    script.cue(
        start + 60_000,
        "Notice how the knee feels, and let your breathing settle.",
        last_bell,
        False,
    )
    script.cue(
        start + 150_000, "At home, log the run in Seesaw, with any pain you felt.", last_bell, False
    )
    script.cue(last_bell - 8_000, "That is today's run done. Well done.", last_bell, False)
    script.wait_until(last_bell, False)
    script.bell()


def _spoken(seconds: int) -> str:
    """120 → "2 minutes", 90 → "1 and a half minutes", 45 → "45 seconds": for the voice."""
    whole, rest = divmod(seconds, 60)
    if whole == 0:
        return "1 second" if rest == 1 else f"{rest} seconds"
    if rest == 30:
        return f"{whole} and a half minutes"
    said = "1 minute" if whole == 1 else f"{whole} minutes"
    return f"{said} {_spoken(rest)}" if rest else said


def _spoken_stage(stage: RunStage) -> str:
    run = _spoken(stage.run_s)
    if stage.walk_s == 0 and stage.rounds == 1:
        return f"run {run} without stopping"
    if stage.walk_s == 0:
        return f"run {run}, {stage.rounds} times"
    return f"run {run} and walk {_spoken(stage.walk_s)}, {stage.rounds} times"
