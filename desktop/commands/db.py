"""``migrant-directory db …``: build, check and synthesise directory databases."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

from desktop import paths


def register(subparsers: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    db = subparsers.add_parser("db", help="build, check, import and export directories")
    db_sub = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)

    build = db_sub.add_parser("build", help="build a directory from readable source files")
    build.add_argument("--sources", type=Path, default=None,
                       help="folder of source files (default: db/sources)")
    build.add_argument("-o", "--output", type=Path, default=None,
                       help="database to write (default: db/directory.db)")
    build.add_argument("--demo", nargs="?", type=Path, const=paths.demo_sources_dir(),
                       default=None, metavar="FOLDER",
                       help="add the demonstration entries (default folder: db/demo), for "
                            "tests, screenshots and benchmarks; never for real use")
    build.set_defaults(handler=run_build)

    check = db_sub.add_parser("check", help="check a directory database and report problems")
    check.add_argument("path", type=Path)
    check.add_argument("--stale", action="store_true",
                       help="list every record not checked for over a year, and nothing else")
    check.set_defaults(handler=run_check)

    stats = db_sub.add_parser("stats", help="coverage of a directory: countries, kinds, "
                                            "contacts, citations, translations")
    stats.add_argument("path", type=Path, nargs="?", default=None,
                       help="directory file (default: the embedded directory)")
    stats.add_argument("--json", action="store_true", help="print JSON instead of tables")
    stats.set_defaults(handler=run_stats)

    synth = db_sub.add_parser("synth", help="make a synthetic directory for benchmarks")
    synth.add_argument("count", type=int, help="number of organisations")
    synth.add_argument("-o", "--output", type=Path, required=True)
    synth.add_argument("--seed", type=int, default=1)
    synth.set_defaults(handler=run_synth)

    if importlib.util.find_spec("desktop.commands.hsds") is not None:
        from desktop.commands import hsds

        hsds.register_db_commands(db_sub)


def run_build(args: argparse.Namespace) -> int:
    from desktop.directory.build import build_directory

    sources = args.sources or paths.sources_dir()
    output = args.output or paths.embedded_directory()
    build_directory(sources, output, demo_dir=args.demo)
    extra = f" and {args.demo} (demonstration entries)" if args.demo else ""
    print(f"Built {output} from {sources}{extra}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from desktop.directory.check import check_directory, stale_records

    if args.stale:
        stale = stale_records(args.path)
        for line in stale:
            print(line)
        print(f"{len(stale)} records not checked for over a year")
        return 0
    report = check_directory(args.path)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def run_stats(args: argparse.Namespace) -> int:
    import json

    from desktop.directory.stats import coverage, coverage_tables

    report = coverage(args.path or paths.embedded_directory())
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(coverage_tables(report))
    return 0


def run_synth(args: argparse.Namespace) -> int:
    from desktop.directory.synth import synthesise_directory

    synthesise_directory(args.count, args.output, seed=args.seed)
    print(f"Wrote a synthetic directory of {args.count} organisations to {args.output}")
    return 0
