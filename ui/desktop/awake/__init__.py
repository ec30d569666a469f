"""Keeping the computer awake while a lesson plays: the desktop's half of ``playback.keep_awake``."""
