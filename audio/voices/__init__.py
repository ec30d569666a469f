"""Where a cue's speech comes from: the instructor's recording, a neural voice, espeak, or none;
the clip cache and the one background worker that fills it."""
