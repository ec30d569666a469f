"""Seesaw core: lesson scripts, timelines, the player, the journal.

Pure Python on purpose: no Qt, pygame or pydub, so every rule of the app is testable in
milliseconds with a manual clock.
"""
