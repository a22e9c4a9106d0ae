"""``make bench``: runs every ``tests/benchmarks/bench_*.py`` and prints its table.

Each module defines ``main(argv) -> int`` (1 when a target is missed) and prints its own
side-by-side comparison. Every module runs in a fresh process of its own: a benchmark
that measures child processes (start-up, peak memory) must not inherit the memory of
one that ran before it. ``python -m tests.benchmarks NAME [ARGS…]`` runs only the
modules whose name contains NAME, in this process, with ARGS.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import tests.benchmarks as package

MISSED_TARGET = 1


def module_names(wanted: str = "") -> list[str]:
    return [info.name for info in sorted(pkgutil.iter_modules(package.__path__),
                                         key=lambda i: i.name)
            if info.name.startswith("bench_") and wanted in info.name]


def run_one(name: str, argv: list[str]) -> int:
    print(f"\n=== {name} ===", flush=True)
    return int(importlib.import_module(f"tests.benchmarks.{name}").main(argv) or 0)


def main(argv: list[str]) -> int:
    if argv:
        status = 0
        for name in module_names(argv[0]):
            status |= run_one(name, argv[1:])
        return status
    missed, crashed = [], []
    for name in module_names():
        code = subprocess.call([sys.executable, "-m", "tests.benchmarks", name])
        if code == MISSED_TARGET:
            missed.append(name)
        elif code != 0:
            crashed.append(f"{name} (exit {code})")
    print()
    print("targets missed in: " + (", ".join(missed) if missed else "none"))
    if crashed:
        print("benchmarks that failed to run: " + ", ".join(crashed))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
