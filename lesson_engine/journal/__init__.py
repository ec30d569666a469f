"""The learner's journal: sessions, exercise logs, notes and the saved place, on local disk only.

Losing it would break trust in the whole app, so every write is atomic and durable, a damaged
file is moved aside (never deleted) and the last good copy loaded, and only one process may
write at a time. See ``journal.Journal`` for the API.

This file imports nothing: the first paint reads the saved place (``files``) without loading the
database code.
"""
