"""``migrant-directory search QUERY``: the search API on the command line."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from desktop.errors import UserError


def register(subparsers: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    search = subparsers.add_parser("search", help="search the directory")
    search.add_argument("query", nargs="?", default="", help="words to look for (any language)")
    search.add_argument("--kind", action="append", default=[],
                        help="community, union, media, ngo, public or employer")
    search.add_argument("--category", action="append", default=[])
    search.add_argument("--speaks", action="append", default=[], metavar="LANG",
                        help="a language spoken (ISO 639 code, e.g. ar)")
    search.add_argument("--country", action="append", default=[], metavar="CC")
    search.add_argument("--city", action="append", default=[])
    search.add_argument("--open-now", action="store_true")
    search.add_argument("--free", action="store_true", help="free of charge only")
    search.add_argument("--undocumented", action="store_true",
                        help="only places that welcome undocumented people")
    search.add_argument("--near", metavar="LAT,LON", help="order nearest first from here")
    search.add_argument("--sort", choices=("relevance", "name", "distance"), default=None)
    search.add_argument("--within", type=float, default=None, metavar="KM",
                        help="only places within this many km of --near")
    search.add_argument("--home", metavar="CC[,CITY]", default=None,
                        help="where you are: entries in this country (and town) come first")
    search.add_argument("--as-typed", action="store_true",
                        help="search the words exactly as typed, without correcting typos")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--directory", "--db", dest="db", type=Path, default=None,
                        metavar="FILE", help="directory database to search")
    search.set_defaults(handler=run_search)


def parse_point(text: str) -> tuple[float, float]:
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise UserError(f"--near {text!r}: write latitude,longitude, e.g. 50.85,4.35") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UserError(f"--near {text!r}: latitude or longitude out of range")
    return lat, lon


def run_search(args: argparse.Namespace) -> int:
    from desktop.commands import open_directory
    from desktop.directory.search import SearchFilters, SearchRequest

    if not 1 <= args.limit <= 10_000:
        raise UserError("--limit must be between 1 and 10000")
    near = parse_point(args.near) if args.near else None
    if args.within is not None and (near is None or not 0 < args.within <= 20_000):
        raise UserError("--within needs --near and a distance between 0 and 20000 km")
    home = None
    if args.home:
        country, _, city = args.home.partition(",")
        home = (country.strip().upper(), city.strip())
    now = datetime.now()
    filters = SearchFilters(
        kinds=frozenset(args.kind), categories=frozenset(args.category),
        languages=frozenset(args.speaks), countries=frozenset(c.upper() for c in args.country),
        cities=frozenset(args.city), open_at=now if args.open_now else None,
        free_of_charge=args.free, open_to_undocumented=args.undocumented,
        within_km=args.within)
    sort = args.sort or ("distance" if near and args.within is None else "relevance")
    request = SearchRequest(text=args.query, filters=filters, sort=sort, near=near, now=now,
                            home=home, as_typed=args.as_typed)
    directory = open_directory(args)
    try:
        page = directory.search(request, limit=args.limit)
        total = directory.count(request)
    finally:
        directory.close()
    if args.json:
        rows = [{k: v for k, v in asdict(row).items() if k not in ("cursor", "rowid")}
                for row in page.rows]
        print(json.dumps({"query": args.query,
                          "searched_for": page.corrected_text or args.query,
                          "corrected": page.corrected_text is not None,
                          "total": total, "results": rows},
                         ensure_ascii=False, indent=2))
        return 0
    if page.corrected_text is not None:
        print(f"Showing results for: {page.corrected_text} (search exactly for "
              f"'{args.query}' with --as-typed)")
    for row in page.rows:
        distance = f"  {row.distance_km:.1f} km" if row.distance_km is not None else ""
        demo = "  [demo]" if row.is_demo else ""
        place = ", ".join(filter(None, (row.city, row.country)))
        print(f"{row.name}  ({row.kind}; {place}; {' '.join(row.languages)}){distance}{demo}")
    print(f"{len(page.rows)} of {total} shown")
    return 0
