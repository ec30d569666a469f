"""The ``seesaw`` command: the desktop app with no arguments, the command-line tools with any.

The choice is made here, before either side is imported, so that ``seesaw check`` never loads Qt
(``ui.cli`` must not import PySide6, and import-linter checks it) and ``seesaw`` alone never loads
the command-line tools on its way to the first paint.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

RENDER = "render"
"""Run without the other commands' modules: ``ui.cli.audio``."""
READY_CHECK = "--until-ready"
"""Open the window, load everything, print what loaded and quit: ``ui.desktop.ready_check``."""


def prepare(desktop: bool) -> None:
    """What every start does before it imports the rest of Seesaw: dataclass methods compiled
    once across starts (``ui.method_cache``), and for the window, the collector held until it is
    wired (``ui.desktop.collector``)."""
    if desktop:
        from ui.desktop import collector

        collector.hold()
    from lesson_engine.paths import compiled_methods_path
    from ui import method_cache

    method_cache.use(compiled_methods_path())


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    prepare(desktop=not args or args == [READY_CHECK])
    if not args:
        from ui.desktop.launch import run

        return run()
    if args == [READY_CHECK]:
        from ui.desktop.ready_check import report_ready

        return report_ready()
    if args[0] == RENDER:
        from ui.cli.audio import main as render_main

        return render_main(args)
    from ui.cli.commands import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
