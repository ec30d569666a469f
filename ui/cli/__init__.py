"""The ``seesaw`` subcommands. Nothing in this package imports Qt (import-linter checks it)."""
