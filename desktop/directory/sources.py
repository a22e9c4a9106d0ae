"""Reading ``db/sources/``: the readable files the embedded directory is built from.

The format is documented in ``db/README.md``. Every problem is reported as one
``UserError`` naming the file, the record and the field.
"""

from __future__ import annotations

import csv
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.directory.contacts import (
    ContactError,
    check_email,
    check_web_address,
    normalized_phone,
)
from desktop.directory.hours import parse_hours, to_schedule_rows
from desktop.directory.places import Gazetteer, read_gazetteer
from desktop.directory.safe_text import DIRECTION_CONTROLS
from desktop.directory.schema import (
    CATEGORY_CODES,
    DEMO_SOURCE,
    HELPLINE_TOPICS,
    MEDIA_KINDS,
    ORGANIZATION_KINDS,
)
from desktop.directory.search_words import read_all_search_words
from desktop.directory.texthash import source_hash as source_hash  # part of this API
from desktop.errors import UserError

# Sub-records (addresses, phones, schedules…) get ids derived from their parent's.
ID_NAMESPACE = uuid.UUID("5b0c2f5e-8f0e-4d43-9a3c-6d1f2e0b7a11")
CATEGORY_TAXONOMY_ID = str(uuid.uuid5(ID_NAMESPACE, "taxonomy:categories"))
CATEGORY_TAXONOMY_URI = "https://migrant-directory.invalid/taxonomy/categories"
TRANSLATION_HEADER = ["table", "record_id", "field", "source_hash", "text", "status"]
TRANSLATION_STATUSES = ("draft", "reviewed")

ORGANIZATION_KEYS = {"id", "name", "alternate_name", "kind", "description", "website", "email",
                     "source", "source_url", "assured_date", "note", "main_category",
                     "communities_served", "media", "location", "service", "phones",
                     "year_incorporated", "legal_status"}
LOCATION_KEYS = {"id", "name", "address_1", "address_2", "city", "region", "postal_code",
                 "country", "latitude", "longitude", "coordinates", "phones", "description",
                 "transportation"}
SERVICE_KEYS = {"id", "name", "alternate_name", "description", "categories", "languages",
                "locations", "hours", "free_of_charge", "no_documents_needed",
                "open_to_undocumented", "interpretation_available", "phones", "email", "url",
                "fees_description", "eligibility_description", "application_process",
                "assured_date", "helpline", "source_url"}
# Longest text a field may hold; longer is a mistake in the sources (or an attack on the
# QR code and the layout), and the build says so.
MAX_LENGTHS = {"name": 200, "alternate_name": 200, "description": 1200, "website": 300,
               "url": 300, "email": 120, "address_1": 200, "address_2": 200, "city": 100,
               "note": 1200}
MEDIA_KEYS = {"medium", "languages", "channel"}
CATEGORY_KEYS = {"id", "code", "name", "description", "keywords"}
# Fields whose text can be translated through db/sources/translations.
TRANSLATABLE_FIELDS = {
    "organization": ("description",),
    "service": ("name", "description"),
    "taxonomy_term": ("name", "description"),
}


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(parts)))


@dataclass
class Sources:
    """All rows of the directory, keyed by HSDS table name, ready to insert."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)  # category code -> words
    kind_keywords: dict[str, list[str]] = field(default_factory=dict)  # kind -> words

    def rows(self, table: str) -> list[dict[str, Any]]:
        return self.tables.setdefault(table, [])


class _Record:
    """Checks one TOML table and names it in every error."""

    def __init__(self, path: Path, kind: str, data: Any, where: str = "") -> None:
        if not isinstance(data, dict):
            raise UserError(f"{where or kind} must be a table of fields", path=path)
        self.path, self.kind, self.data = path, kind, data
        label = data.get("name") or data.get("code") or data.get("id") or "?"
        self.where = where or f"{kind} '{label}'"

    def fail(self, field_name: str, problem: str) -> UserError:
        return UserError(f"{self.where}, field '{field_name}': {problem}", path=self.path)

    def check_keys(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.fail(unknown[0], "unknown field (see db/README.md for the fields)")

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                raise self.fail(name, "is required")
            return None
        if not isinstance(value, str):
            raise self.fail(name, f"must be text, not {type(value).__name__}")
        limit = MAX_LENGTHS.get(name)
        if limit is not None and len(value) > limit:
            raise self.fail(name, f"is {len(value)} characters long; at most {limit}")
        control = DIRECTION_CONTROLS.search(value)
        if control:
            raise self.fail(name, f"holds the invisible direction control "
                                  f"U+{ord(control.group()):04X}, which can make text read "
                                  "as something else; remove it")
        return value.strip()

    def web_address(self, name: str) -> str | None:
        return self._contact(name, check_web_address)

    def email(self, name: str = "email") -> str | None:
        return self._contact(name, check_email)

    def _contact(self, name: str, check: Callable[[str], str]) -> str | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return check(value)
        except ContactError as error:
            raise self.fail(name, str(error)) from None

    def citations(self, name: str = "source_url", *, required: bool) -> list[str]:
        """The public pages a record's facts were read from: http(s) addresses."""
        value = self.data.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of web addresses")
        if required and not value:
            raise self.fail(name, "is required: the public page(s) these facts were read "
                                  "from (see db/README.md, 'Citations')")
        for url in value:
            try:
                check_web_address(url)
            except ContactError as error:
                raise self.fail(name, str(error)) from None
        return [url.strip() for url in value]

    def uuid(self, name: str = "id") -> str:
        value = self.text(name, required=True)
        try:
            return str(uuid.UUID(value or ""))
        except ValueError:
            raise self.fail(name, f"'{value}' is not a UUID") from None

    def flag(self, name: str) -> int:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return int(value)

    def codes(self, name: str, *, allowed: tuple[str, ...] | None = None,
              required: bool = False) -> list[str]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of codes, e.g. [\"ar\", \"fr\"]")
        if required and not value:
            raise self.fail(name, "needs at least one code")
        repeated = sorted({v for v in value if value.count(v) > 1})
        if repeated:
            raise self.fail(name, f"'{repeated[0]}' is listed twice")
        if allowed is not None:
            for code in value:
                if code not in allowed:
                    raise self.fail(name, f"unknown code '{code}'; known: {', '.join(allowed)}")
        return value

    def iso_date(self, name: str, *, required: bool = False) -> str | None:
        value = self.data.get(name)
        if isinstance(value, date):
            return value.isoformat()
        text = self.text(name, required=required)
        if text is None:
            return None
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise self.fail(name, f"'{text}' is not a date like 2026-01-31") from None

    def coordinate(self, name: str, limit: float) -> float | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(name, "must be a number")
        if not -limit <= value <= limit:
            raise self.fail(name, f"{value} is outside -{limit}..{limit}")
        return float(value)

    def subtables(self, name: str) -> list[Any]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise self.fail(name, "must be a list of tables ([[...]])")
        return value


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"is not valid TOML: {error}", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot be read: {error}", path=path) from None


class _Loader:
    def __init__(self, gazetteer: Gazetteer, *, allow_demo: bool) -> None:
        self.sources = Sources()
        self.gazetteer = gazetteer
        self.allow_demo = allow_demo
        self.seen_ids: dict[str, Path] = {}
        self.category_ids: dict[str, str] = {}
        self.source_texts: dict[tuple[str, str, str], str] = {}

    def claim(self, record: _Record, record_id: str) -> None:
        if record_id in self.seen_ids:
            raise record.fail("id", f"{record_id} is already used in {self.seen_ids[record_id]}")
        self.seen_ids[record_id] = record.path

    def remember_texts(self, table: str, row: dict[str, Any]) -> None:
        for name in TRANSLATABLE_FIELDS.get(table, ()):
            if row.get(name):
                self.source_texts[(table, row["id"], name)] = row[name]

    def load_categories(self, path: Path) -> None:
        data = _read_toml(path)
        self.sources.rows("taxonomy").append({
            "id": CATEGORY_TAXONOMY_ID, "name": "Migrant Community Directory categories",
            "description": "The home-screen categories of the directory.",
            "uri": CATEGORY_TAXONOMY_URI, "version": "1",
        })
        for item in data.get("category", []):
            record = _Record(path, "category", item)
            record.check_keys(CATEGORY_KEYS)
            term_id = record.uuid()
            code = record.text("code", required=True) or ""
            if code not in CATEGORY_CODES:
                raise record.fail("code", f"unknown category '{code}'")
            self.claim(record, term_id)
            self.category_ids[code] = term_id
            self.sources.keywords[code] = record.codes("keywords")
            row = {"id": term_id, "code": code, "name": record.text("name", required=True),
                   "description": record.text("description") or "",
                   "taxonomy": "migrant-directory", "taxonomy_id": CATEGORY_TAXONOMY_ID,
                   "language": "en", "term_uri": f"{CATEGORY_TAXONOMY_URI}/{code}"}
            self.sources.rows("taxonomy_term").append(row)
            self.remember_texts("taxonomy_term", row)
        missing = [code for code in CATEGORY_CODES if code not in self.category_ids]
        if missing:
            raise UserError(f"categories missing: {', '.join(missing)}", path=path)

    def load_organizations(self, path: Path) -> None:
        data = _read_toml(path)
        unknown = sorted(set(data) - {"organization"})
        if unknown:
            raise UserError(f"unknown top-level table '{unknown[0]}'; expected [[organization]]",
                            path=path)
        for item in data.get("organization", []):
            self.load_organization(path, item)

    def load_organization(self, path: Path, item: Any) -> None:
        org = _Record(path, "organization", item)
        org.check_keys(ORGANIZATION_KEYS)
        org_id = org.uuid()
        self.claim(org, org_id)
        kind = org.text("kind", required=True)
        if kind not in ORGANIZATION_KINDS:
            raise org.fail("kind", f"'{kind}' is not one of {', '.join(ORGANIZATION_KINDS)}")
        label = org.text("source")
        if label is not None and label != DEMO_SOURCE:
            raise org.fail("source", "only 'demo' goes here; a real record lists the pages "
                                     "it was read from in source_url")
        is_demo = label == DEMO_SOURCE
        if is_demo and not self.allow_demo:
            raise org.fail("source", "demonstration entries do not belong in the default "
                                     "directory; they live in db/demo (db build --demo)")
        # Every fact about a real organisation comes from a public page, read on a date.
        source = DEMO_SOURCE if is_demo else " ".join(org.citations(required=True))
        assured = org.iso_date("assured_date", required=True)
        main_category = org.text("main_category")
        if main_category is not None and main_category not in CATEGORY_CODES:
            raise org.fail("main_category", f"unknown category '{main_category}'; known: "
                                            f"{', '.join(CATEGORY_CODES)}")
        row = {"id": org_id, "name": org.text("name", required=True),
               "alternate_name": org.text("alternate_name"),
               "description": org.text("description") or "", "email": org.email(),
               "website": org.web_address("website"), "legal_status": org.text("legal_status"),
               "year_incorporated": org.data.get("year_incorporated"), "kind": kind,
               "main_category": main_category, "note": org.text("note"),
               "source": source, "assured_date": assured}
        self.sources.rows("organization").append(row)
        self.remember_texts("organization", row)
        for country in org.codes("communities_served"):
            if len(country) != 2 or not country.isupper():
                raise org.fail("communities_served", f"'{country}' is not an ISO country code")
            self.sources.rows("community_served").append(
                {"organization_id": org_id, "country_code": country})
        if "media" in org.data:
            self.load_media(org, org_id)
        elif kind == "media":
            raise org.fail("media", "a media organisation needs [organization.media]")
        locations = [self.load_location(org, org_id, source, assured, loc, real=not is_demo)
                     for loc in org.subtables("location")]
        if not locations and not is_demo:
            raise org.fail("location", "a real organisation needs a location with its city")
        home_country = locations[0][1] if locations else ""
        self.add_phones(org, org.codes("phones"), home_country, organization_id=org_id)
        services = org.subtables("service")
        if not services:
            raise org.fail("service", "an organisation needs at least one [[organization.service]]")
        service_categories = [self.load_service(org, org_id, source, assured, locations,
                                                item_service, real=not is_demo)
                              for item_service in services]
        if main_category is None:
            row["main_category"] = service_categories[0][0]

    def load_media(self, org: _Record, org_id: str) -> None:
        media = _Record(org.path, "media", org.data["media"], where=f"{org.where} media")
        media.check_keys(MEDIA_KEYS)
        medium = media.text("medium", required=True)
        if medium not in MEDIA_KINDS:
            raise media.fail("medium", f"'{medium}' is not one of {', '.join(MEDIA_KINDS)}")
        self.sources.rows("media_detail").append({
            "organization_id": org_id, "medium": medium,
            "languages_broadcast": " ".join(media.codes("languages")),
            "channel": media.text("channel")})

    def add_phones(self, owner: _Record, numbers: list[str], country: str,
                   **links: str) -> list[str]:
        owner_id = next(iter(links.values()))
        stored = []
        for number in numbers:
            if not any(ch.isdigit() for ch in number):
                raise owner.fail("phones", f"'{number}' is not a phone number")
            if country:
                try:
                    number = normalized_phone(number, country)
                except ContactError as error:
                    raise owner.fail("phones", str(error)) from None
            stored.append(number)
            self.sources.rows("phone").append(
                {"id": derived_id("phone", owner_id, number), "number": number, **links})
        return stored

    def load_location(self, org: _Record, org_id: str, source: str, assured: str | None,
                      item: Any, *, real: bool) -> tuple[str, str]:
        """Returns the location's id and country."""
        loc = _Record(org.path, "location", item, where=f"{org.where} location")
        loc.check_keys(LOCATION_KEYS)
        loc_id = loc.uuid()
        self.claim(loc, loc_id)
        country = loc.text("country", required=True) or ""
        if len(country) != 2 or not country.isupper():
            raise loc.fail("country", f"'{country}' is not an ISO 3166 code such as 'BE'")
        city = loc.text("city", required=real)
        latitude, longitude = loc.coordinate("latitude", 90), loc.coordinate("longitude", 180)
        if (latitude is None) != (longitude is None):
            raise loc.fail("latitude" if latitude is None else "longitude",
                           "give both latitude and longitude, or neither")
        approximate = loc.text("coordinates") == "approximate"
        if loc.text("coordinates") not in (None, "approximate"):
            raise loc.fail("coordinates", "the only value is \"approximate\"")
        extent = self.gazetteer.countries.get(country)
        if (latitude is not None and longitude is not None and extent is not None
                and not extent.holds(latitude, longitude)):
            raise loc.fail("latitude", f"{latitude}, {longitude} is outside {country}")
        town = self.gazetteer.town(country, city) if city else None
        if latitude is None and real and city:
            # No page gave the door's coordinates: the town centre, said to be approximate.
            if town is None:
                raise loc.fail("city", f"'{city}' is not in db/sources/places.csv; run "
                                       "db/tools/make_places.py")
            latitude, longitude, approximate = town.latitude, town.longitude, True
        time_zone = town.time_zone if town else (extent.time_zone if extent else None)
        self.sources.rows("location").append({
            "id": loc_id, "organization_id": org_id, "location_type": "physical",
            "name": loc.text("name"), "description": loc.text("description"),
            "transportation": loc.text("transportation"),
            "latitude": latitude, "longitude": longitude,
            "coordinates_approximate": int(approximate and latitude is not None),
            "time_zone": time_zone, "source": source, "assured_date": assured})
        self.sources.rows("address").append({
            "id": derived_id("address", loc_id), "location_id": loc_id,
            "address_1": loc.text("address_1"), "address_2": loc.text("address_2"),
            "city": city, "region": loc.text("region"),
            "postal_code": loc.text("postal_code"), "country": country,
            "address_type": "physical"})
        self.add_phones(loc, loc.codes("phones"), country, location_id=loc_id)
        return loc_id, country

    def load_service(self, org: _Record, org_id: str, source: str, assured: str | None,
                     locations: list[tuple[str, str]], item: Any, *, real: bool) -> list[str]:
        """Returns the service's categories, its main one first."""
        location_ids = [loc_id for loc_id, _country in locations]
        svc = _Record(org.path, "service", item)
        svc.where = f"{org.where} {svc.where}"
        svc.check_keys(SERVICE_KEYS)
        svc_id = svc.uuid()
        self.claim(svc, svc_id)
        helpline = svc.text("helpline")
        if helpline is not None and helpline not in HELPLINE_TOPICS:
            raise svc.fail("helpline", f"'{helpline}' is not one of {', '.join(HELPLINE_TOPICS)}")
        own_pages = svc.citations(required=False)
        if own_pages and not real:
            raise svc.fail("source_url", "a demonstration entry cites no page")
        row = {"id": svc_id, "organization_id": org_id, "name": svc.text("name", required=True),
               "alternate_name": svc.text("alternate_name"),
               "description": svc.text("description") or "", "url": svc.web_address("url"),
               "email": svc.email(), "status": "active", "helpline": helpline,
               "fees_description": svc.text("fees_description"),
               "eligibility_description": svc.text("eligibility_description"),
               "application_process": svc.text("application_process"),
               "source": " ".join(own_pages) if own_pages else source,
               "assured_date": svc.iso_date("assured_date") or assured}
        for flag in ("free_of_charge", "no_documents_needed", "open_to_undocumented",
                     "interpretation_available"):
            row[flag] = svc.flag(flag)
        self.sources.rows("service").append(row)
        self.remember_texts("service", row)
        categories = svc.codes("categories", allowed=CATEGORY_CODES, required=True)
        for position, code in enumerate(categories):
            # The first category is the service's main purpose: search ranks it first.
            self.sources.rows("attribute").append({
                "id": derived_id("attribute", svc_id, code), "link_id": svc_id,
                "taxonomy_term_id": self.category_ids[code], "link_type": "category",
                "link_entity": "service", "value": code,
                "label": "main" if position == 0 else None})
        for code in svc.codes("languages"):
            if not (2 <= len(code) <= 3 and code.isalpha() and code.islower()):
                raise svc.fail("languages", f"'{code}' is not an ISO 639 language code")
            self.sources.rows("language").append({
                "id": derived_id("language", svc_id, code), "service_id": svc_id,
                "code": code})
        chosen = svc.codes("locations") or location_ids
        for loc_id in chosen:
            if loc_id not in location_ids:
                raise svc.fail("locations", f"{loc_id} is not a location of this organisation")
            self.sources.rows("service_at_location").append({
                "id": derived_id("service_at_location", svc_id, loc_id),
                "service_id": svc_id, "location_id": loc_id})
        hours = svc.text("hours")
        if hours:
            try:
                intervals = parse_hours(hours)
            except ValueError as error:
                raise svc.fail("hours", str(error)) from None
            for index, schedule in enumerate(to_schedule_rows(intervals)):
                self.sources.rows("schedule").append({
                    "id": derived_id("schedule", svc_id, str(index)), "service_id": svc_id,
                    **schedule})
        country = next((c for loc_id, c in locations if loc_id in chosen), "")
        numbers = self.add_phones(svc, svc.codes("phones"), country, service_id=svc_id)
        if helpline is not None and not numbers:
            raise svc.fail("phones", "a helpline needs its number")
        return categories

    def load_emergency_numbers(self, path: Path) -> None:
        expected = ["country", "general", "police", "ambulance", "fire", "source_url",
                    "assured_date", "note"]
        for line, row in _read_csv(path, expected):
            record = _Record(path, "emergency numbers", {k: v.strip() for k, v in row.items()},
                             where=f"line {line}")
            country = record.text("country", required=True) or ""
            if len(country) != 2 or not country.isupper():
                raise record.fail("country", f"'{country}' is not an ISO country code")
            pages = record.text("source_url", required=True) or ""
            record.data["source_url"] = pages.split()
            numbers = {}
            for service in ("general", "police", "ambulance", "fire"):
                number = record.text(service)
                if number is not None:
                    try:
                        number = normalized_phone(number, country)
                    except ContactError as error:
                        raise record.fail(service, str(error)) from None
                numbers[service] = number
            self.sources.rows("emergency_number").append({
                "country_code": country, **numbers,
                "source": " ".join(record.citations(required=True)),
                "assured_date": record.iso_date("assured_date", required=True),
                "note": record.text("note")})

    def load_translations(self, path: Path) -> None:
        locale = path.stem
        for line, row in read_translation_rows(path):
            key = (row["table"], row["record_id"], row["field"])
            if row["field"] not in TRANSLATABLE_FIELDS.get(row["table"], ()):
                raise UserError(f"line {line}, field 'field': {row['table']}.{row['field']} "
                                "cannot be translated", path=path)
            if key not in self.source_texts:
                raise UserError(f"line {line}, field 'record_id': no {row['table']} "
                                f"{row['record_id']} with a {row['field']}", path=path)
            if not row["text"].strip():
                continue
            if row["status"] not in TRANSLATION_STATUSES:
                raise UserError(f"line {line}, field 'status': '{row['status']}' is not one "
                                f"of {', '.join(TRANSLATION_STATUSES)}", path=path)
            self.sources.rows("translations").append({
                "table_name": row["table"], "record_id": row["record_id"],
                "field_name": row["field"], "locale": locale,
                "translation": row["text"].strip(), "source_hash": row["source_hash"],
                "draft": int(row["status"] == "draft")})


def read_translation_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line, row) of a translations CSV: the one reader, for the build and the tools."""
    return _read_csv(path, TRANSLATION_HEADER)


def _read_csv(path: Path, header: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != header:
                raise UserError(f"the header must be {','.join(header)}", path=path)
            rows = []
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    raise UserError(f"line {reader.line_num}: wrong number of fields",
                                    path=path)
                rows.append((reader.line_num, row))
            return rows
    except UnicodeDecodeError:
        raise UserError("is not UTF-8 text", path=path) from None
    except csv.Error as error:
        raise UserError(f"is not valid CSV: {error}", path=path) from None
    except OSError as error:
        raise UserError(f"cannot be read: {error}", path=path) from None


def load_sources(sources_dir: Path, *, demo_dir: Path | None = None) -> Sources:
    """Read and check every source file; raise UserError at the first problem.

    ``demo_dir`` adds the demonstration entries (organisations and their translations),
    which the default directory never holds.
    """
    sources_dir = Path(sources_dir)
    if not sources_dir.is_dir():
        raise UserError("is not a folder of directory sources", path=sources_dir)
    if demo_dir is not None and not Path(demo_dir).is_dir():
        raise UserError("is not a folder of demonstration sources", path=demo_dir)
    loader = _Loader(read_gazetteer(sources_dir / "places.csv"), allow_demo=demo_dir is not None)
    categories = sources_dir / "categories.toml"
    if not categories.exists():
        raise UserError("is missing", path=categories)
    loader.load_categories(categories)
    folders = [sources_dir] + ([Path(demo_dir)] if demo_dir is not None else [])
    organization_files = [path for folder in folders
                          for path in sorted((folder / "organizations").glob("*.toml"))]
    if not organization_files:
        raise UserError("holds no organisation files (*.toml)",
                        path=sources_dir / "organizations")
    for path in organization_files:
        loader.load_organizations(path)
    emergency = sources_dir / "emergency_numbers.csv"
    if emergency.exists():
        loader.load_emergency_numbers(emergency)
    search_words = read_all_search_words(sources_dir / "vocabulary")
    for code, words in search_words.categories.items():
        loader.sources.keywords.setdefault(code, []).extend(words)
    loader.sources.kind_keywords = search_words.kinds
    for folder in folders:
        for path in sorted((folder / "translations").glob("*.csv")):
            loader.load_translations(path)
    return loader.sources
