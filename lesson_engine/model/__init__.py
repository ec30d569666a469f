"""The lesson model: frozen dataclasses the parser builds and the timeline reads, and the id rule."""
