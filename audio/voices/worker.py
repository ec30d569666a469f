"""One background thread that synthesises a lesson's cues in order, first cue first.

It loads the voice as soon as it starts, before anything is asked of it: the neural voice's
model takes about a second to load, and loaded while the learner picks a lesson and checks in,
the first cue is made in time for Start even with an empty clip cache. One thread because the
neural voice is not thread-safe. Results are not pushed anywhere: the UI
asks ``take_finished`` on its own thread, so no lock or signal crosses into Qt from here.

With nothing asked for, it makes what is offered for idle time (``request_when_idle``): the
first cues of the lessons the learner is likely to start next, so even with an empty clip cache
a lesson picked from Today has its first sound before the check-in is done.

A worker whose lesson is over is let go (``retire``) without being waited for: a native voice
must not be cut off mid-call, and waiting for the clip in hand (a long sentence, or a voice
still loading) on the window's thread froze the next lesson's start for as long. It finishes
that clip behind, keeps nothing of it (the clip is not cached, and no one counts it) and ends.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import weakref
from collections.abc import Iterable

from audio.voices.chain import VoiceChain
from audio.voices.memory import give_back_free_memory
from audio.voices.synthesis import VoiceUnavailable
from lesson_engine.timeline import Utterance


class SynthWorker:
    def __init__(self, chain: VoiceChain) -> None:
        self.chain = chain
        self._cond = threading.Condition()
        self._wanted: list[Utterance] = []
        self._spare: list[Utterance] = []
        """Made only when nothing is wanted; dropped when a lesson asks for its own."""
        self._busy = False
        self._in_hand: Utterance | None = None
        self._stopping = False
        self._retired = False
        """Let go for the next lesson's worker: what it still makes is thrown away."""
        self._finished = 0
        self._done = 0
        self._total = 0
        self._thread = threading.Thread(target=self._run, name="seesaw-voice", daemon=True)
        self._thread.start()
        # A process that ends while the voice's runtime is loading or speaking on this thread is
        # aborted by the runtime's C++ ("terminate called"): let the thread finish first.
        atexit.register(_stop_at_exit, weakref.ref(self))

    def request(self, utterances: Iterable[Utterance]) -> None:
        """Replace the queue with these, in order, skipping what is already known."""
        todo: list[Utterance] = []
        for u in utterances:
            if u not in todo and self.chain.known_duration(u) is None:
                todo.append(u)
        with self._cond:
            self._wanted = todo
            self._spare = []
            self._done = 0
            self._total = len(todo)
            self._cond.notify_all()

    def request_when_idle(self, utterances: Iterable[Utterance]) -> None:
        """Make these, in order, once nothing else is wanted (replacing what was offered
        before); they count in no lesson's progress."""
        spare = [u for u in dict.fromkeys(utterances) if self.chain.known_duration(u) is None]
        with self._cond:
            self._spare = spare
            self._cond.notify_all()

    def hurry(self, utterance: Utterance) -> None:
        """Make ``utterance`` next, unless it is known already or being made now: the cue about
        to play must never be made twice, nor wait behind the rest."""
        if self.chain.known_duration(utterance) is not None:
            return
        with self._cond:
            if self._in_hand == utterance:
                return
            if utterance in self._spare:
                self._spare.remove(utterance)
            if utterance in self._wanted:
                self._wanted.remove(utterance)
            else:
                self._total += 1
            self._wanted.insert(0, utterance)
            self._cond.notify_all()

    def wait_for(self, utterance: Utterance, timeout: float) -> bool:
        """Wait up to ``timeout`` s for ``utterance`` to be neither queued nor in hand."""
        with self._cond:
            return self._cond.wait_for(
                lambda: (
                    self._in_hand != utterance
                    and utterance not in self._wanted
                    and utterance not in self._spare
                ),
                timeout,
            )

    def progress(self) -> tuple[int, int]:
        with self._cond:
            return self._done, self._total

    def take_finished(self) -> int:
        """How many clips finished since the last call (the UI re-times the lesson when > 0)."""
        with self._cond:
            finished, self._finished = self._finished, 0
        return finished

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until both queues are empty: for the command line and tests, never the UI."""
        with self._cond:
            return self._cond.wait_for(
                lambda: not self._wanted and not self._spare and not self._busy, timeout
            )

    def stop(self) -> None:
        """Finish the clip in hand and end the thread; a native voice must not be cut off mid-call."""
        with self._cond:
            self._stopping = True
            self._wanted = []
            self._spare = []
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def retire(self) -> None:
        """Let go without waiting (the next lesson's worker takes over): the clip in hand is
        finished behind, as ``stop`` says, and thrown away; the thread then ends."""
        with self._cond:
            self._retired = True
            self._stopping = True
            self._wanted = []
            self._spare = []
            self._cond.notify_all()

    def _keeps(self) -> bool:
        """Whether a clip just made is still wanted (not once the worker is retired)."""
        with self._cond:
            return not self._retired

    def _run(self) -> None:
        voice = self.chain.voice
        if voice is not None:  # one that will not load fails again when asked, and is replaced
            with contextlib.suppress(VoiceUnavailable):
                voice.load()
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._wanted or self._spare or self._stopping)
                if self._stopping:
                    return
                wanted = bool(self._wanted)
                item = (self._wanted if wanted else self._spare).pop(0)
                self._busy = True
                self._in_hand = item
            try:
                self.chain.clip_for(item, self._keeps)
            finally:
                with self._cond:
                    self._busy = False
                    self._in_hand = None
                    self._done += wanted
                    self._finished += 1
                    idle = not self._wanted and not self._spare
                    self._cond.notify_all()
                if idle:  # the lesson's cues are made: the memory they took goes back
                    give_back_free_memory()


def _stop_at_exit(worker: weakref.ref[SynthWorker]) -> None:
    alive = worker()
    if alive is not None:
        alive.stop()
