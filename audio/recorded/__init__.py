"""Recorded lessons brought in whole: the speaker's pauses found, the file split into cues."""
