"""Seesaw audio: voices, clip cache, playback outputs and rendering. Imports no Qt."""
