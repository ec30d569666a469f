"""A lesson as one audio file: the track builder and the encoders (WAV, OGG, MP3)."""
