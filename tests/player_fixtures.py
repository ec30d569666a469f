"""A small lesson with known timings, and a player on a manual clock that records what it says."""

from __future__ import annotations

from dataclasses import dataclass, field

from lesson_engine.playback.clock import ManualClock
from lesson_engine.playback.events import PlayerEvent
from lesson_engine.playback.player import Player
from lesson_engine.script.parser import parse_lesson_text
from lesson_engine.timeline import Timeline, Utterance, compile_timeline

LESSON = """id: player-test
title: Player test
---
# First
One.
[pause 6s]
Two.

# Second
Three.
[pause 6s]
[rest 30s] Rest.

Five.
"""
SPEECH_MS = 4000


def speech_ms(utterance: Utterance) -> int:
    return 2000 if utterance.text == "Rest." else SPEECH_MS


def make_timeline(text: str = LESSON) -> Timeline:
    return compile_timeline(parse_lesson_text(text), speech_ms)


# Every command a learner can give; "stop" ends the session, so property tests leave it out.
COMMANDS = (
    "play",
    "pause",
    "resume",
    "toggle",
    "rest",
    "back",
    "next",
    "next_section",
    "previous_section",
    "stop",
)

# Cue starts in ms: One 0, Two 10000, Three 14000, Rest 24000 (speech 2 s + rest 30 s), Five 56000.
CUE_STARTS = [0, 10_000, 14_000, 24_000, 56_000]
TOTAL_MS = 60_000


@dataclass
class Rig:
    player: Player
    clock: ManualClock
    heard: list[PlayerEvent] = field(default_factory=list)

    def run(self, ms: int, step: int = 10) -> None:
        """Advance the clock in small steps, ticking like the app's timer would."""
        for _ in range(ms // step):
            self.clock.advance(step)
            self.player.tick()
        self.clock.advance(ms % step)
        self.player.tick()

    def of(self, kind: type) -> list:
        return [e for e in self.heard if isinstance(e, kind)]


def make_rig(timeline: Timeline | None = None, **options: int) -> Rig:
    clock = ManualClock(1_000_000)
    player = Player(timeline or make_timeline(), clock, **options)
    rig = Rig(player, clock)
    player.subscribe(rig.heard.append)
    return rig
