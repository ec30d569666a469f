"""Seesaw desktop app and the `seesaw` command line: the only layer that imports Qt."""
