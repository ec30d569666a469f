"""Trying the chosen voice the moment it is chosen, so Settings can say at once who will read.

A voice can be installed and still fail to load (a damaged model file, a runtime that will not
start). Found in the middle of a lesson, that would be a surprise on the floor; found here, the
chain hands over at once (the chosen voice, then the others this computer has, then captions)
and the learner reads why, on the page where they chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from audio.voices.choice import CHOICE_OF, ORDER, installed
from audio.voices.synthesis import EspeakVoice, PiperVoice, Voice, VoiceUnavailable, voices_for

LABELS = {PiperVoice.name: PiperVoice.label, EspeakVoice.name: EspeakVoice.label}
NAME_OF = {choice: name for name, choice in CHOICE_OF.items()}


@dataclass(frozen=True)
class Settled:
    choice: str
    voice: Voice | None
    """The voice that loaded, or None: captions only."""
    fallbacks: tuple[Voice, ...]
    """Where it hands over if it stops working later, in order."""
    notice: str
    """Why the voice is not the one chosen, in words; "" when it is."""

    @property
    def status(self) -> str:
        """What Settings says under the choice."""
        if self.notice:
            return self.notice
        if self.voice is None:
            return "Lessons run with captions only, without a voice."
        return f"{self.voice.label} reads the next lesson."


def settle(
    choice: str, candidates: Sequence[Voice] | None = None, keep_in: Path | None = None
) -> Settled:
    """Load the voices ``choice`` tries, in order, until one loads (``candidates`` for tests;
    ``keep_in`` where the neural voice keeps its prepared model)."""
    tried = list(voices_for(choice, keep_in) if candidates is None else candidates)
    failures: list[str] = []
    wanted = NAME_OF.get(choice)
    if wanted and not installed(wanted) and all(voice.name != wanted for voice in tried):
        failures.append(f"{LABELS[wanted]} is not installed on this computer")
    while tried:
        voice = tried.pop(0)
        try:
            voice.load()
        except VoiceUnavailable as exc:
            failures.append(f"{voice.label} could not be loaded ({exc})")
            continue
        return Settled(choice, voice, tuple(tried), _words(failures, voice))
    if not failures and choice in ORDER:
        failures.append("No voice is installed on this computer")
    return Settled(choice, None, (), _words(failures, None))


def _words(failures: list[str], voice: Voice | None) -> str:
    if not failures:
        return ""
    then = f"{voice.label} reads instead" if voice else "lessons run with captions only"
    return f"{'; '.join(failures)}: {then}."
