"""Sound that follows the player: each event's clip starts when the player says it starts.

It listens to the player's events and nothing else: ``EventStarted`` starts the clip for that
event at the given offset (so a resume or a late tick starts mid-clip, in step with the clock);
pause, rest, a jump and the end stop it. A cue whose speech is not synthesised yet stays silent
rather than making the lesson wait.
"""

from __future__ import annotations

from collections.abc import Callable

from lesson_engine.player import Player
from lesson_engine.player_events import (
    EventStarted,
    Finished,
    Paused,
    PlayerEvent,
    RestStarted,
    Seeked,
)
from lesson_engine.timeline import EventKind

from . import tones
from .output import AudioOutput
from .voice_chain import VoiceChain


class SessionAudio:
    def __init__(self, chain: VoiceChain, output: AudioOutput) -> None:
        self.chain = chain
        self.output = output

    def attach(self, player: Player) -> Callable[[], None]:
        unsubscribe = player.subscribe(self.handle)

        def detach() -> None:
            unsubscribe()
            self.output.stop()

        return detach

    def handle(self, event: PlayerEvent) -> None:
        if isinstance(event, EventStarted):
            played = event.event
            if played.kind is EventKind.SPEECH:
                clip = self.chain.cached_clip(played.utterance)
            elif played.kind is EventKind.BELL:
                clip = tones.bell(played.duration_ms)
            elif played.kind is EventKind.METRONOME and played.bpm:
                clip = tones.metronome(played.bpm, played.duration_ms)
            else:
                clip = None
            if clip is None:
                self.output.stop()
            else:
                self.output.play(clip, event.offset_ms)
        elif isinstance(event, Paused | RestStarted | Finished | Seeked):
            self.output.stop()
