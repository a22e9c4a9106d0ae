"""Importing an HSDS 3.0 tabular data package of 100,000 services (issue 7: ≤ 60 s).

Generates a package (organizations, locations, addresses, services, service_at_location,
phones, schedules, languages, category attributes) in a temporary folder, imports it with
``db import -o``, and prints it side by side with a bare ``executemany`` of the same rows
into an empty schema (no checks, no search index): the cost of checking and indexing.

    python -m tests.benchmarks hsds [--services N]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from desktop.directory.hsds.importer import import_source
from desktop.directory.hsds.mapping import SPECS
from desktop.directory.schema import CATEGORY_CODES, create_schema

SERVICES_PER_ORG = 4
CITIES = [("Brussels", "BE", 50.85, 4.35), ("Lisboa", "PT", 38.72, -9.14),
          ("São Paulo", "BR", -23.55, -46.63), ("Malmö", "SE", 55.6, 13.0),
          ("Athína", "GR", 37.98, 23.73), ("Kuala Lumpur", "MY", 3.14, 101.69)]
WORDS = ("housing", "advice", "legal", "help", "work", "rights", "union", "language",
         "course", "health", "clinic", "shelter", "community", "radio", "diaspora", "wages",
         "contract", "asylum", "papers", "مساعدة", "سكن", "عمل", "ትምህርቲ", "допомога", "житло",
         "ayuda", "vivienda", "logement", "travail")
LANGUAGES = ("ar", "fr", "en", "pt", "es", "ti", "so", "uk", "ru", "fa", "ps")


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate_package(folder: Path, services: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in SPECS}
    taxonomy_id = _id(rng)
    tables["taxonomy"].append({"id": taxonomy_id, "name": "Categories",
                               "description": "Benchmark categories", "uri": "http://x.test"})
    terms = {code: _id(rng) for code in CATEGORY_CODES}
    for code, term in terms.items():
        tables["taxonomy_term"].append({"id": term, "code": code, "name": code,
                                        "description": "", "taxonomy_id": taxonomy_id})
    for _org in range(services // SERVICES_PER_ORG):
        org_id, loc_id = _id(rng), _id(rng)
        city, country, lat, lon = rng.choice(CITIES)
        tables["organization"].append({"id": org_id, "name": _text(rng, 3).title(),
                                       "description": _text(rng, 25),
                                       "website": "https://example.org", "tax_status": "x"})
        tables["location"].append({"id": loc_id, "organization_id": org_id,
                                   "location_type": "physical", "name": city,
                                   "latitude": round(lat + rng.uniform(-0.2, 0.2), 5),
                                   "longitude": round(lon + rng.uniform(-0.2, 0.2), 5)})
        tables["address"].append({"id": _id(rng), "location_id": loc_id,
                                  "address_1": f"{rng.randint(1, 300)} {_text(rng, 2)}",
                                  "city": city, "postal_code": str(rng.randint(1000, 9999)),
                                  "country": country, "address_type": "physical"})
        for _svc in range(SERVICES_PER_ORG):
            svc_id = _id(rng)
            tables["service"].append({"id": svc_id, "organization_id": org_id,
                                      "name": _text(rng, 3), "description": _text(rng, 30),
                                      "status": "active", "assured_date": "2026-01-15"})
            tables["service_at_location"].append({"id": _id(rng), "service_id": svc_id,
                                                  "location_id": loc_id})
            tables["phone"].append({"id": _id(rng), "service_id": svc_id,
                                    "number": f"+32 2 {rng.randint(100, 999)} 00 00"})
            tables["schedule"].append({"id": _id(rng), "service_id": svc_id, "freq": "WEEKLY",
                                       "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00",
                                       "closes_at": "17:00"})
            for code in rng.sample(LANGUAGES, 2):
                tables["language"].append({"id": _id(rng), "service_id": svc_id,
                                           "code": code})
            for code in rng.sample(CATEGORY_CODES, 2):
                tables["attribute"].append({"id": _id(rng), "link_id": svc_id,
                                            "taxonomy_term_id": terms[code],
                                            "link_entity": "service", "link_type": "category",
                                            "value": code})
    resources = []
    for name, rows in tables.items():
        if not rows:
            continue
        columns = list(dict.fromkeys(k for row in rows[:1] for k in row))
        for row in rows:
            columns += [k for k in row if k not in columns]
        path = folder / SPECS[name].filename
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        resources.append({"name": name, "path": path.name})
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}),
                                             encoding="utf-8")
    return {name: len(rows) for name, rows in tables.items() if rows}


def bare_insert(folder: Path, output: Path) -> float:
    """The floor: the same CSV rows into an empty schema with executemany, nothing checked."""
    start = time.perf_counter()
    conn = sqlite3.connect(output)
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    create_schema(conn)
    columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in SPECS}
    with conn:
        for name, spec in SPECS.items():
            path = folder / spec.filename
            if not path.exists():
                continue
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                wanted = [c for c in reader.fieldnames or [] if c in columns[name]]
                defaults = {"organization": {"kind": "ngo", "source": "bench"},
                            "service": {"source": "bench"},
                            "location": {"source": "bench"}}.get(name, {})
                names = wanted + list(defaults)
                conn.executemany(
                    f"INSERT OR REPLACE INTO {name} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    ([row[c] or None for c in wanted] + list(defaults.values())
                     for row in reader))
    conn.close()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_hsds_import")
    parser.add_argument("--services", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-hsds-") as scratch:
        folder = Path(scratch) / "package"
        folder.mkdir()
        start = time.perf_counter()
        counts = generate_package(folder, args.services)
        generated = time.perf_counter() - start
        size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 2**20

        start = time.perf_counter()
        import_source(folder, output=Path(scratch) / "imported.db")
        imported = time.perf_counter() - start
        bare = bare_insert(folder, Path(scratch) / "bare.db")

    rows = sum(counts.values())
    print(f"HSDS package: {args.services:,} services, {rows:,} rows in {len(counts)} tables, "
          f"{size_mb:.0f} MB of CSV (generated in {generated:.1f} s)")
    print(f"{'method':<52} {'seconds':>8} {'rows/s':>10}")
    for label, seconds in (("db import -o (check, upsert, rebuild search index)", imported),
                           ("bare executemany (no checks, no index)", bare)):
        print(f"{label:<52} {seconds:>8.1f} {rows / seconds:>10,.0f}")
    target = 60.0 * args.services / 100_000
    verdict = "OK" if imported <= target else "TOO SLOW"
    print(f"target: ≤ {target:.0f} s for {args.services:,} services → {verdict}")
    return 0 if imported <= target else 1
