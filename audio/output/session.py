"""Sound that follows the player: each event's clip starts when the player says it starts.

It listens to the player's events and nothing else: ``EventStarted`` starts the clip for that
event at the given offset (so a resume or a late tick starts mid-clip, in step with the clock);
pause, rest, a jump and the end stop it. A cue whose speech is not synthesised yet stays silent
rather than making the lesson wait. A rest's end and the get-ready countdown sound their marks,
and a countdown said aloud plays its count as the voice (``spoken_count.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from audio.output.protocol import AudioOutput, Volumes
from audio.sounds import mark_for, sound_for
from audio.spoken_count import count_clip
from audio.voices.chain import VoiceChain
from lesson_engine.playback.events import (
    EventStarted,
    Finished,
    GettingReady,
    Paused,
    PlayerEvent,
    RestOver,
    RestStarted,
    Seeked,
)
from lesson_engine.playback.player import Player
from lesson_engine.timeline import EventKind


class SessionAudio:
    def __init__(
        self,
        chain: VoiceChain,
        output: AudioOutput,
        volumes: Callable[[], Volumes] = Volumes,
    ) -> None:
        """``volumes`` is asked as each sound starts, so a change is heard from the next one."""
        self.chain = chain
        self.output = output
        self._volumes = volumes

    def attach(self, player: Player) -> Callable[[], None]:
        unsubscribe = player.subscribe(self.handle)

        def detach() -> None:
            unsubscribe()
            self.output.stop()

        return detach

    def handle(self, event: PlayerEvent) -> None:
        if isinstance(event, EventStarted):
            clip = sound_for(event.event, self.chain.cached_clip)
            if clip is None:
                self.output.stop()
            else:
                volumes = self._volumes()
                spoken = event.event.kind is EventKind.SPEECH
                volume = volumes.voice if spoken else volumes.sounds
                self.output.play(clip, event.offset_ms, volume)
        elif isinstance(event, Paused | RestStarted | Finished | Seeked):
            self.output.stop()
        elif isinstance(event, RestOver | GettingReady):
            mark = mark_for(event)
            if mark is not None:
                self.output.mark(mark, self._volumes().sounds)
            count = (
                count_clip(event.spoken, self.chain.cached_clip)
                if isinstance(event, GettingReady)
                else None
            )
            if count is not None:
                self.output.play(count, 0, self._volumes().voice)
