"""Self-check of db/sources: counts, coverage, unique ids, emergency rows, translation hashes.

    python db/tools/check_sources.py [--sources db/sources]

Prints a summary and every problem found; exits 1 when the content falls short of what
the directory promises (issue 2: kinds, categories, languages, countries, sizes), 0 otherwise.
Standard library only, so it runs before the project's environment exists.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import tomllib
import uuid
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

KINDS = ("community", "union", "media", "ngo", "public", "employer")
CATEGORIES = ("community", "work_rights", "media", "legal", "housing", "work_training",
              "language_education", "health", "emergency")
MEDIA = ("radio", "tv", "print", "online")
FLAGS = ("free_of_charge", "no_documents_needed", "open_to_undocumented",
         "interpretation_available")
REQUIRED_LANGUAGES = ("en", "ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so",
                      "am", "tr", "ur", "zh", "tl")
UI_LOCALES = ("ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")
MIN_ORGANIZATIONS, MIN_SERVICES, MIN_DEMO_COUNTRIES = 160, 320, 10
TODAY = date(2026, 11, 27)


def source_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class Checker:
    def __init__(self, sources: Path) -> None:
        self.sources = sources
        self.problems: list[str] = []
        self.ids: dict[str, str] = {}
        self.texts: dict[tuple[str, str, str], str] = {}
        self.orgs: list[tuple[Path, dict[str, Any]]] = []
        self._translated_cache: dict[Path, set[tuple[str, str, str]]] = {}

    def claim(self, record_id: str, where: str) -> None:
        try:
            uuid.UUID(record_id)
        except ValueError:
            self.problems.append(f"{where}: id '{record_id}' is not a UUID")
        if record_id in self.ids:
            self.problems.append(f"{where}: id {record_id} also used by {self.ids[record_id]}")
        self.ids[record_id] = where

    def load(self) -> None:
        with (self.sources / "categories.toml").open("rb") as handle:
            categories = tomllib.load(handle)["category"]
        codes = [c["code"] for c in categories]
        if sorted(codes) != sorted(CATEGORIES):
            self.problems.append(f"categories.toml: codes {codes} differ from {CATEGORIES}")
        for category in categories:
            self.claim(category["id"], f"category {category['code']}")
            for field in ("name", "description"):
                self.texts[("taxonomy_term", category["id"], field)] = category[field]
        for path in sorted((self.sources / "organizations").glob("*.toml")):
            with path.open("rb") as handle:
                for org in tomllib.load(handle)["organization"]:
                    self.orgs.append((path, org))
                    where = f"{path.name}: {org['name']}"
                    self.claim(org["id"], where)
                    if org.get("description"):
                        self.texts[("organization", org["id"], "description")] = \
                            org["description"]
                    for loc in org.get("location", []):
                        self.claim(loc["id"], f"{where} location")
                    for svc in org["service"]:
                        self.claim(svc["id"], f"{where} service {svc['name']}")
                        for field in ("name", "description"):
                            if svc.get(field):
                                self.texts[("service", svc["id"], field)] = svc[field]

    def summary(self) -> list[str]:
        orgs = [org for _, org in self.orgs]
        demo = [org for org in orgs if org["source"] == "demo"]
        services = [svc for org in orgs for svc in org["service"]]
        countries = Counter(loc["country"] for org in orgs for loc in org.get("location", []))
        demo_countries = {loc["country"] for org in demo for loc in org["location"]}
        kinds = Counter(org["kind"] for org in orgs)
        categories = Counter(c for svc in services for c in svc["categories"])
        languages = Counter(lang for svc in services for lang in svc.get("languages", []))
        media = Counter(org["media"]["medium"] for org in orgs if "media" in org)
        flags = Counter(flag for svc in services for flag in FLAGS if svc.get(flag))
        stale = sum(1 for org in orgs
                    if (TODAY - date.fromisoformat(str(org["assured_date"]))).days > 365)
        sindicato = [org["name"] for org in orgs
                     if org["kind"] == "union" and "sindicato" in org["name"].lower()]
        housing_ar = sum(1 for svc in services
                         if "housing" in svc["categories"] and "ar" in svc.get("languages", []))
        sao_paulo = sum(1 for org in orgs for loc in org.get("location", [])
                        if loc.get("city") == "São Paulo")
        located = sum(1 for org in demo for loc in org["location"] if "latitude" in loc)
        with_hours = sum(1 for org in demo for svc in org["service"] if svc.get("hours"))

        self.require(len(orgs) >= MIN_ORGANIZATIONS, f"only {len(orgs)} organisations")
        self.require(len(services) >= MIN_SERVICES, f"only {len(services)} services")
        self.require(len(demo_countries) >= MIN_DEMO_COUNTRIES,
                     f"demo entries in only {len(demo_countries)} countries")
        for kind in KINDS:
            self.require(kinds[kind] > 0, f"no organisation of kind {kind}")
        for category in CATEGORIES:
            self.require(categories[category] > 0, f"no service in category {category}")
        for medium in MEDIA:
            self.require(media[medium] > 0, f"no {medium} media organisation")
        for org in orgs:
            self.require((org["kind"] == "media") == ("media" in org),
                         f"{org['name']}: media detail and kind disagree")
        for lang in REQUIRED_LANGUAGES:
            self.require(languages[lang] > 0, f"no service speaks {lang}")
        for flag in FLAGS:
            self.require(flags[flag] > 0, f"no service is {flag}")
        self.require(len(sindicato) >= 3, "fewer than three unions named 'sindicato'")
        self.require(housing_ar >= 3, "fewer than three Arabic-speaking housing services")
        self.require(sao_paulo > 0, "no entry in São Paulo")
        self.require(stale > 0, "no entry older than a year (the stale warning never shows)")
        self.require(located == sum(len(org["location"]) for org in demo),
                     "a demo location has no coordinates")
        return [
            f"organisations: {len(orgs)} ({len(demo)} demo, {len(orgs) - len(demo)} seed)",
            f"services: {len(services)} ({with_hours} demo services with opening hours)",
            f"location countries: {len(countries)} ({' '.join(sorted(countries))}); "
            f"demo host countries: {len(demo_countries)}",
            "kinds: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS),
            "media: " + ", ".join(f"{m} {media[m]}" for m in MEDIA),
            "categories (services): " + ", ".join(f"{c} {categories[c]}" for c in CATEGORIES),
            f"languages spoken: {len(languages)} codes; " + ", ".join(
                f"{lang} {languages[lang]}" for lang in REQUIRED_LANGUAGES),
            "welcome flags (services): " + ", ".join(f"{f} {flags[f]}" for f in FLAGS),
            f"unions named 'sindicato': {len(sindicato)}; Arabic-speaking housing services: "
            f"{housing_ar}; locations in São Paulo: {sao_paulo}",
            f"organisations not verified for over a year: {stale}",
            f"unique ids: {len(self.ids)}",
        ]

    def require(self, condition: bool, problem: str) -> None:
        if not condition:
            self.problems.append(problem)

    def check_emergency_numbers(self) -> str:
        with (self.sources / "emergency_numbers.csv").open(encoding="utf-8", newline="") as f:
            rows = {row["country"]: row for row in csv.DictReader(f)}
        for path, org in self.orgs:
            for loc in org.get("location", []):
                if loc["country"] not in rows:
                    self.problems.append(f"{path.name}: {org['name']}: no emergency numbers "
                                         f"for {loc['country']}")
        return f"emergency number rows: {len(rows)}"

    def check_translations(self) -> list[str]:
        lines = []
        for locale in UI_LOCALES:
            path = self.sources / "translations" / f"{locale}.csv"
            if not path.exists():
                self.problems.append(f"{path.name} is missing")
                continue
            tables: Counter[str] = Counter()
            with path.open(encoding="utf-8", newline="") as handle:
                for line, row in enumerate(csv.DictReader(handle), start=2):
                    key = (row["table"], row["record_id"], row["field"])
                    english = self.texts.get(key)
                    if english is None:
                        self.problems.append(f"{path.name} line {line}: no source text {key}")
                    elif row["source_hash"] != source_hash(english):
                        self.problems.append(f"{path.name} line {line}: hash does not match "
                                             f"the English text of {key}")
                    elif not row["text"].strip():
                        self.problems.append(f"{path.name} line {line}: empty translation")
                    tables[row["table"]] += 1
            covered = [key for key in self.texts if key[0] == "taxonomy_term"]
            seeded = self.seed_keys()
            missing = [key for key in [*covered, *seeded]
                       if not self.translated(path, key)]
            if missing:
                self.problems.append(f"{path.name}: {len(missing)} category/seed fields "
                                     "untranslated")
            lines.append(f"translations {locale}: " + ", ".join(
                f"{table} {count}" for table, count in sorted(tables.items())))
        return lines

    def seed_keys(self) -> list[tuple[str, str, str]]:
        seed_ids = {org["id"] for _, org in self.orgs if org["source"] != "demo"}
        seed_ids |= {svc["id"] for _, org in self.orgs if org["source"] != "demo"
                     for svc in org["service"]}
        return [key for key in self.texts if key[1] in seed_ids]

    def translated(self, path: Path, key: tuple[str, str, str]) -> bool:
        if path not in self._translated_cache:
            with path.open(encoding="utf-8", newline="") as handle:
                self._translated_cache[path] = {
                    (r["table"], r["record_id"], r["field"]) for r in csv.DictReader(handle)}
        return key in self._translated_cache[path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path,
                        default=Path(__file__).resolve().parents[1] / "sources")
    args = parser.parse_args(argv)
    checker = Checker(args.sources)
    checker.load()
    lines = checker.summary()
    lines.append(checker.check_emergency_numbers())
    lines += checker.check_translations()
    print("\n".join(lines))
    if checker.problems:
        print(f"\n{len(checker.problems)} problem(s):")
        print("\n".join(f"  - {problem}" for problem in checker.problems))
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
