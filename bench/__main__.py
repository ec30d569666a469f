"""Run every benchmark module in this folder, one after another."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    wanted = set(argv)
    here = Path(__file__).parent
    for module in sorted(m.name for m in pkgutil.iter_modules([str(here)])):
        if module.startswith("_") or (wanted and module not in wanted):
            continue
        print(f"== bench.{module}")
        importlib.import_module(f"bench.{module}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
