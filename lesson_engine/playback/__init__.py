"""Following a timeline in time: the player state machine, its events, the clock, the checkpoint.

Every rule of pause, rest, back and resume lives here, driven by an injected clock so tests move
time by hand."""
