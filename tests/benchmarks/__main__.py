"""``make bench``: runs every ``tests/benchmarks/bench_*.py`` and prints its table.

Each module defines ``main(argv) -> int`` and prints its own side-by-side comparison;
``python -m tests.benchmarks NAME`` runs only the modules whose name contains NAME.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import tests.benchmarks as package


def main(argv: list[str]) -> int:
    wanted = argv[0] if argv else ""
    status = 0
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_") or wanted not in info.name:
            continue
        print(f"\n=== {info.name} ===", flush=True)
        module = importlib.import_module(f"tests.benchmarks.{info.name}")
        status |= int(module.main(argv[1:]) or 0)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
