"""An instructor's voice recorded for one cue: the microphone through SDL, and the take made ready."""
