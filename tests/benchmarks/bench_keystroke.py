"""Every keystroke, as the results page sees it: the first page, the count and the facet
counts, for queries typed letter by letter in many languages.

    python -m tests.benchmarks keystroke [--sizes 100000,1000000] [--rebuild]

Three ways of asking, each timed per keystroke: plain, with filters (a spoken language and
a country) and nearest first. Side by side, in the same run and on the same file:
(a) this app: one page plus one ``summary`` statement (count and facets from one
materialised set of matches); (b) the three calls the page made before (``search``,
``count``, ``facets``: the full-text query evaluated once per facet); (c) a naive
``LIKE '%…%'`` scan for the page and the count.
Targets (issue 12): p95 ≤ 30 ms at 100,000 and ≤ 150 ms at 1,000,000 organisations.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from desktop.directory.database import Directory
from desktop.directory.search import SearchFilters, SearchRequest, worth_searching
from desktop.directory.synth import synthesise_directory

OUT = Path(__file__).resolve().parents[2] / "bench-out"
TARGET_P95_MS = {100_000: 30.0, 1_000_000: 150.0}
PAGE = 60

# 34 queries in 11 languages, typed one letter at a time.
QUERIES = [
    "housing", "lawyer", "radio", "union", "legal help", "doctor", "language class",
    "logement", "avocat", "syndicat", "vivienda", "abogado", "sindicato", "moradia",
    "advogado", "سكن", "محامي", "راديو", "مسکن", "وکیل", "کار", "وکیل مرستیال",
    "житло", "юрист", "профспілка", "жильё", "адвокат", "መንበሪ ገዛ", "ጠበቓ", "ሬድዮ",
    "guri", "qareen", "shaqo", "sao paulo",
]
MODES = {
    "plain": lambda text: SearchRequest(text),
    "filters": lambda text: SearchRequest(text, filters=SearchFilters(
        languages=frozenset({"ar"}), countries=frozenset({"BE"}))),
    "nearest": lambda text: SearchRequest(text, sort="distance", near=(50.8466, 4.3528)),
}


def keystrokes() -> list[str]:
    """Every prefix the results page searches for (it waits for a second Latin, Arabic or
    Cyrillic letter: see ``worth_searching``)."""
    typed = []
    for query in QUERIES:
        typed += [query[:n] for n in range(1, len(query) + 1)
                  if query[:n].strip() and worth_searching(query[:n])]
    return typed


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed(step: Callable[[str], object], texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        start = time.perf_counter()
        step(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def app_step(directory: Directory, mode: str) -> Callable[[str], object]:
    def step(text: str) -> None:
        request = MODES[mode](text)
        directory.search(request, limit=PAGE)
        directory.summary(request)
    return step


def previous_step(directory: Directory, mode: str) -> Callable[[str], object]:
    def step(text: str) -> None:
        request = MODES[mode](text)
        directory.search(request, limit=PAGE)
        directory.count(request)
        directory.facets(request)
    return step


def like_step(conn: sqlite3.Connection) -> Callable[[str], object]:
    def step(text: str) -> None:
        pattern = f"%{text}%"
        conn.execute("SELECT id, name FROM organization WHERE name LIKE ?1 OR "
                     "description LIKE ?1 LIMIT ?2", (pattern, PAGE)).fetchall()
        conn.execute("SELECT count(*) FROM organization WHERE name LIKE ?1 OR "
                     "description LIKE ?1", (pattern,)).fetchone()
    return step


def bench_size(size: int, rebuild: bool, baselines: bool = True) -> tuple[list[str], bool]:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"synth-{size}.db"
    if rebuild or not path.exists():
        print(f"building a synthetic directory of {size:,} organisations …", flush=True)
        synthesise_directory(size, path)
    texts = keystrokes()
    lines, met = [], True
    with Directory(path) as directory:
        directory.search(SearchRequest("warm"), limit=PAGE)  # page cache and vocabulary
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        for mode in MODES:
            app = percentiles(timed(app_step(directory, mode), texts))
            nothing = (float("nan"), float("nan"))
            before = percentiles(timed(previous_step(directory, mode), texts)) \
                if baselines else nothing
            like = (percentiles(timed(like_step(conn), texts))
                    if mode == "plain" and baselines else nothing)
            target = TARGET_P95_MS.get(size)
            ok = target is None or app[1] <= target
            met &= ok
            lines.append(f"| {size:>9,} | {mode:<8} | {len(texts)} | {app[0]:7.2f} | "
                         f"{app[1]:7.2f} | {before[0]:7.2f} | {before[1]:7.2f} | "
                         f"{like[0]:7.2f} | {like[1]:7.2f} | "
                         f"{'≤ ' + str(target) if target else '-'} {'met' if ok else 'MISSED'} |")
        conn.close()
    return lines, met


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks keystroke")
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-baselines", action="store_true",
                        help="time only this app (the baselines take minutes per size at 1M)")
    args = parser.parse_args(argv)
    print("Per keystroke: first page + count + facets, ms "
          f"({len(QUERIES)} queries typed letter by letter)")
    print("| size | mode | keys | app p50 | app p95 | 3 calls p50 | 3 calls p95 | "
          "LIKE p50 | LIKE p95 | target p95 |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    all_met = True
    for size in (int(s) for s in args.sizes.split(",")):
        lines, met = bench_size(size, args.rebuild, baselines=not args.no_baselines)
        all_met &= met
        for line in lines:
            print(line, flush=True)
    return 0 if all_met else 1


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
