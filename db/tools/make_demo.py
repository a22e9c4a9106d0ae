"""Write the demonstration organisations: db/demo/organizations/demo-<country>.toml.

    python db/tools/make_demo.py [--sources db/sources]

Deterministic: a fixed random seed and ids derived from each record's position, so a rerun
gives the same files byte for byte. Every organisation is fictional and marked
``source = "demo"``; the app shows a "demo entry" badge on them. Run
``db/tools/make_translations.py`` afterwards to refresh the translations of demo services.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# A sibling script module, not a package: found through the path entry above.
import demo_data as d

SEED = 20261127
DEMO_NAMESPACE = uuid.UUID("0d3e6b52-7c1a-4f0e-8b9d-2a5c4e6f8a10")
TODAY = date(2026, 11, 27)
# Every country gets the same mix, so each host country shows every kind.
KIND_PLAN = ("community", "community", "community", "union", "union", "media", "media",
             "ngo", "ngo", "ngo", "public", "employer")
MEDIA_CYCLE = ("radio", "tv", "print", "online")
COUNTRY_FILES = {"BE": "belgium", "SE": "sweden", "DE": "germany", "FR": "france",
                 "ES": "spain", "IT": "italy", "GR": "greece", "BR": "brazil",
                 "PT": "portugal", "MY": "malaysia", "AU": "australia",
                 "ZA": "south-africa", "GB": "united-kingdom", "US": "united-states"}
# Unions there include undocumented migrants (UN report A/HRC/56/54, para. 100).
UNDOCUMENTED_UNION_COUNTRIES = {"BE", "SE"}
STALE_SHARE = 0.15


def demo_id(*parts: object) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, "/".join(str(p) for p in parts)))


def slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:6]) or fallback


class CountryMaker:
    """Makes the demo organisations of one host country."""

    def __init__(self, code: str, spec: dict[str, Any], rng: random.Random,
                 media_offset: int) -> None:
        self.code, self.spec, self.rng = code, spec, rng
        self.words = rng.sample(d.WORDS, k=len(KIND_PLAN) + 4)
        self.media_offset = media_offset
        self.communities = list(spec["communities"])
        rng.shuffle(self.communities)

    def organizations(self) -> list[dict[str, Any]]:
        media_seen = 0
        orgs = []
        for index, kind in enumerate(KIND_PLAN):
            medium = None
            if kind == "media":
                medium = MEDIA_CYCLE[(self.media_offset + media_seen) % len(MEDIA_CYCLE)]
                media_seen += 1
            orgs.append(self.organization(index, kind, medium))
        return orgs

    # -- one organisation -------------------------------------------------------------
    def organization(self, index: int, kind: str, medium: str | None) -> dict[str, Any]:
        rng, spec = self.rng, self.spec
        word = self.words[index]
        community = self.communities[index % len(self.communities)]
        demonym, community_langs, native = d.COMMUNITIES[community]
        city = self.pick_city()
        host = spec["host"][0]
        fields = {"w": word, "d": demonym, "c": city[0], "native": native, "sector": "",
                  "medium": medium or ""}
        if kind == "community":
            patterns = [p for p in d.COMMUNITY_NAMES if native or "{native}" not in p]
            name = rng.choice(patterns).format(**fields)
        elif kind == "union":
            name, fields["sector"] = spec["unions"][KIND_PLAN[:index].count("union")]
        elif kind == "media":
            name = rng.choice(d.MEDIA_NAMES[medium or "radio"]).format(**fields)
        elif kind == "ngo":
            language = rng.choice(spec["host"]) if spec["host"][0] != "el" else "el"
            patterns = d.NGO_NAMES.get(language, d.NGO_NAMES["en"])
            name = rng.choice(patterns).format(**fields)
        elif kind == "public":
            name = d.PUBLIC_NAMES.get(host, d.PUBLIC_NAMES["en"]).format(**fields)
        else:
            pattern, fields["sector"] = rng.choice(d.EMPLOYER_NAMES)
            name = pattern.format(**fields)
        medium_words = {"radio": "radio station", "tv": "television channel",
                        "print": "newspaper", "online": "news website"}
        fields["medium"] = medium_words.get(medium or "", "")
        description = rng.choice(d.ORG_DESCRIPTIONS[kind]).format(**fields)

        org_id = demo_id(self.code, index, "organization")
        org_slug = slug(name, f"{kind}-{index}")
        stale = rng.random() < STALE_SHARE
        org: dict[str, Any] = {
            "id": org_id, "name": name, "kind": kind, "description": description,
            "website": (f"https://example.org/{self.code.lower()}/{org_slug}"
                        if rng.random() < 0.6 else ""),
            "email": f"{org_slug}@example.org" if rng.random() < 0.6 else "",
            "source": "demo", "assured_date": self.assured_date(stale),
        }
        if kind in ("community", "media"):
            org["communities_served"] = [community]
        elif kind == "ngo" and rng.random() < 0.5:
            org["communities_served"] = sorted(rng.sample(self.communities, k=3))
        if kind == "media":
            broadcast = list(community_langs)
            if rng.random() < 0.4 and host not in broadcast:
                broadcast.append(host)
            org["media"] = {"medium": medium, "languages": broadcast,
                            "channel": self.channel(medium or "radio", org_slug)}
        locations = [self.location(index, 0, city, kind)]
        if kind in ("ngo", "public") and rng.random() < 0.3 and len(spec["cities"]) > 1:
            other = rng.choice([c for c in spec["cities"] if c is not city])
            locations.append(self.location(index, 1, other, kind))
        org["location"] = locations
        org["service"] = self.services(index, kind, community_langs, org, stale)
        return org

    def pick_city(self) -> tuple[Any, ...]:
        cities = self.spec["cities"]
        # The first city is the largest: about half of each country's entries are there.
        return cities[0] if self.rng.random() < 0.5 else self.rng.choice(cities[1:])

    def assured_date(self, stale: bool) -> str:
        days = self.rng.randint(400, 900) if stale else self.rng.randint(3, 200)
        return (TODAY - timedelta(days=days)).isoformat()

    def channel(self, medium: str, org_slug: str) -> str:
        rng = self.rng
        if medium == "radio":
            return rng.choice(d.RADIO_FREQUENCIES)
        if medium == "tv":
            return f"Cable channel {rng.randint(40, 89)} and live stream"
        if medium == "print":
            return rng.choice(("Free monthly, at community centres and shops",
                               "Weekly, every Friday", "Fortnightly, free in libraries"))
        return f"https://example.org/{self.code.lower()}/{org_slug}/news"

    def location(self, org_index: int, index: int, city: tuple[Any, ...],
                 kind: str) -> dict[str, Any]:
        rng = self.rng
        name, lat, lon, postcodes, phone_pattern = city
        pattern, streets = d.STREETS[self.spec["street"]]
        location: dict[str, Any] = {
            "id": demo_id(self.code, org_index, "location", index),
            "name": rng.choice(d.LOCATION_NAMES[kind]),
            "address_1": pattern.format(s=rng.choice(streets), n=rng.randint(2, 180)),
            "city": name,
            "postal_code": rng.choice(postcodes),
            "country": self.code,
            # Within about 2 km of the city centre: inside the city, never a real address.
            "latitude": round(lat + rng.uniform(-0.018, 0.018), 5),
            "longitude": round(lon + rng.uniform(-0.025, 0.025), 5),
        }
        if phone_pattern:
            location["phones"] = [self.phone(phone_pattern)]
        return location

    def phone(self, pattern: str) -> str:
        rng = self.rng
        return pattern.format(n2=f"{rng.randint(0, 99):02d}", n3=f"{rng.randint(0, 999):03d}",
                              n4=f"{rng.randint(0, 9999):04d}")

    # -- services ---------------------------------------------------------------------
    def services(self, org_index: int, kind: str, community_langs: tuple[str, ...],
                 org: dict[str, Any], stale: bool) -> list[dict[str, Any]]:
        rng = self.rng
        pool = d.KIND_CATEGORIES[kind]
        count = rng.choice((2, 2, 3)) if kind != "employer" else 2
        if kind == "media":
            candidates = self.templates(org["media"]["medium"], "media")
            templates = rng.sample(candidates, k=min(count, len(candidates)))
        else:
            categories = [pool[0], *rng.sample(pool[1:], k=min(count - 1, len(pool) - 1))]
            templates = [rng.choice(self.templates(kind, c)) for c in categories]
        languages = self.languages(kind, community_langs, org)
        services = []
        for index, (categories, name, what) in enumerate(templates):
            flags = self.flags(kind)
            services.append(self.service(org_index, index, categories, name, what, flags,
                                         languages, org, stale))
        return services

    @staticmethod
    def templates(offered_by: str, category: str) -> list[tuple[tuple[str, ...], str, str]]:
        allowed = d.ALLOWED_TEMPLATES.get(offered_by, {}).get(category)
        return [t for t in d.SERVICES[category] if allowed is None or t[1] in allowed]

    def languages(self, kind: str, community_langs: tuple[str, ...],
                  org: dict[str, Any]) -> list[str]:
        rng, host = self.rng, self.spec["host"]
        if kind == "media":
            return list(org["media"]["languages"])
        spoken = [host[0]]
        if kind == "community":
            spoken += community_langs
        else:
            others = sorted({lang for c in self.communities for lang in d.COMMUNITIES[c][1]})
            spoken += rng.sample(others, k=rng.randint(1, 3))
        if len(host) > 1 and rng.random() < 0.6:
            spoken.append(host[1])
        if "en" not in spoken and rng.random() < 0.5:
            spoken.append("en")
        return list(dict.fromkeys(spoken))

    def flags(self, kind: str) -> dict[str, bool]:
        flags = {flag: self.rng.random() < odds for flag, odds in d.FLAG_ODDS[kind].items()}
        if kind == "union" and self.code in UNDOCUMENTED_UNION_COUNTRIES:
            flags["open_to_undocumented"] = True
        return flags

    def service(self, org_index: int, index: int, categories: tuple[str, ...], name: str,
                what: str, flags: dict[str, bool], languages: list[str],
                org: dict[str, Any], stale: bool) -> dict[str, Any]:
        rng = self.rng
        sentences = [what]
        sentences += [d.FLAG_SENTENCES[flag] for flag, on in flags.items() if on][:2]
        has_email = bool(org["email"])
        extras = [s for s in d.EXTRA_SENTENCES if has_email or "email" not in s]
        if name not in d.SPECIAL_HOURS and rng.random() < 0.5:
            sentences.append(rng.choice(extras))
        service: dict[str, Any] = {
            "id": demo_id(self.code, org_index, "service", index),
            "name": name,
            "description": " ".join(sentences),
            "categories": list(categories),
            "languages": languages,
        }
        hours = d.SPECIAL_HOURS.get(name) or (
            rng.choice(d.OFFICE_HOURS) if rng.random() < 0.92 else "")
        if hours:
            service["hours"] = hours
        service.update({flag: True for flag, on in flags.items() if on})
        if stale and rng.random() < 0.3:
            # A service checked more recently than its organisation.
            service["assured_date"] = self.assured_date(stale=False)
        return service


# -- TOML output ----------------------------------------------------------------------
def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(value, ensure_ascii=False)


def toml_table(header: str, data: dict[str, Any]) -> list[str]:
    lines = [header]
    lines += [f"{key} = {toml_value(value)}" for key, value in data.items()
              if not isinstance(value, dict) and not (isinstance(value, list) and value
                                                       and isinstance(value[0], dict))
              and value != ""]
    return lines


def organization_toml(org: dict[str, Any]) -> str:
    lines = toml_table("[[organization]]", org)
    if "media" in org:
        lines += ["", *toml_table("[organization.media]", org["media"])]
    for location in org["location"]:
        lines += ["", *toml_table("[[organization.location]]", location)]
    for service in org["service"]:
        lines += ["", *toml_table("[[organization.service]]", service)]
    return "\n".join(lines) + "\n"


def write_demo(sources: Path) -> dict[str, int]:
    rng = random.Random(SEED)
    folder = sources / "organizations"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("demo-*.toml"):
        old.unlink()
    counts: dict[str, int] = {}
    for position, (code, spec) in enumerate(d.COUNTRIES.items()):
        orgs = CountryMaker(code, spec, rng, media_offset=position * 2).organizations()
        header = (f"# Demonstration entries for {COUNTRY_FILES[code].replace('-', ' ').title()}"
                  " — fictional organisations,\n"
                  "# generated by db/tools/make_demo.py: change the generator, not this file.\n")
        text = header + "\n" + "\n".join(organization_toml(org) for org in orgs)
        (folder / f"demo-{COUNTRY_FILES[code]}.toml").write_text(text, encoding="utf-8")
        counts[code] = len(orgs)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path,
                        default=Path(__file__).resolve().parents[1] / "demo")
    args = parser.parse_args(argv)
    counts = write_demo(args.sources)
    print(f"wrote {sum(counts.values())} demo organisations in {len(counts)} countries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
