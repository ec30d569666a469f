"""The player's states, apart from the player so a saved place can be read without loading it."""

from __future__ import annotations

from enum import StrEnum


class PlayerState(StrEnum):
    READY = "ready"
    PLAYING = "playing"
    PAUSED = "paused"
    RESTING = "resting"
    FINISHED = "finished"
