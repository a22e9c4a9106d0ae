"""Reading ``db/sources/``: the readable files the embedded directory is built from.

The format is documented in ``db/README.md``. Every problem is reported as one
``UserError`` naming the file, the record and the field.
"""

from __future__ import annotations

import csv
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.directory.hours import parse_hours, to_schedule_rows
from desktop.directory.schema import CATEGORY_CODES, MEDIA_KINDS, ORGANIZATION_KINDS
from desktop.directory.texthash import source_hash as source_hash  # part of this API
from desktop.errors import UserError

# Sub-records (addresses, phones, schedules…) get ids derived from their parent's.
ID_NAMESPACE = uuid.UUID("5b0c2f5e-8f0e-4d43-9a3c-6d1f2e0b7a11")
CATEGORY_TAXONOMY_ID = str(uuid.uuid5(ID_NAMESPACE, "taxonomy:categories"))
CATEGORY_TAXONOMY_URI = "https://migrant-directory.invalid/taxonomy/categories"
TRANSLATION_HEADER = ["table", "record_id", "field", "source_hash", "text"]

ORGANIZATION_KEYS = {"id", "name", "alternate_name", "kind", "description", "website", "email",
                     "source", "assured_date", "communities_served", "media", "location",
                     "service", "phones", "year_incorporated", "legal_status"}
LOCATION_KEYS = {"id", "name", "address_1", "address_2", "city", "region", "postal_code",
                 "country", "latitude", "longitude", "phones", "description", "transportation"}
SERVICE_KEYS = {"id", "name", "alternate_name", "description", "categories", "languages",
                "locations", "hours", "free_of_charge", "no_documents_needed",
                "open_to_undocumented", "interpretation_available", "phones", "email", "url",
                "fees_description", "eligibility_description", "application_process",
                "assured_date"}
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
        return value.strip()

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
    def __init__(self) -> None:
        self.sources = Sources()
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
        source = org.text("source", required=True) or ""
        assured = org.iso_date("assured_date", required=True)
        row = {"id": org_id, "name": org.text("name", required=True),
               "alternate_name": org.text("alternate_name"),
               "description": org.text("description") or "", "email": org.text("email"),
               "website": org.text("website"), "legal_status": org.text("legal_status"),
               "year_incorporated": org.data.get("year_incorporated"), "kind": kind,
               "source": source, "assured_date": assured}
        self.sources.rows("organization").append(row)
        self.remember_texts("organization", row)
        for country in org.codes("communities_served"):
            if len(country) != 2 or not country.isupper():
                raise org.fail("communities_served", f"'{country}' is not an ISO country code")
            self.sources.rows("community_served").append(
                {"organization_id": org_id, "country_code": country})
        self.add_phones(org, org.codes("phones"), organization_id=org_id)
        if "media" in org.data:
            self.load_media(org, org_id)
        elif kind == "media":
            raise org.fail("media", "a media organisation needs [organization.media]")
        location_ids = [self.load_location(org, org_id, source, assured, loc)
                        for loc in org.subtables("location")]
        services = org.subtables("service")
        if not services:
            raise org.fail("service", "an organisation needs at least one [[organization.service]]")
        for item_service in services:
            self.load_service(org, org_id, source, assured, location_ids, item_service)

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

    def add_phones(self, owner: _Record, numbers: list[str], **links: str) -> None:
        owner_id = next(iter(links.values()))
        for number in numbers:
            if not any(ch.isdigit() for ch in number):
                raise owner.fail("phones", f"'{number}' is not a phone number")
            self.sources.rows("phone").append(
                {"id": derived_id("phone", owner_id, number), "number": number, **links})

    def load_location(self, org: _Record, org_id: str, source: str, assured: str | None,
                      item: Any) -> str:
        loc = _Record(org.path, "location", item, where=f"{org.where} location")
        loc.check_keys(LOCATION_KEYS)
        loc_id = loc.uuid()
        self.claim(loc, loc_id)
        country = loc.text("country", required=True) or ""
        if len(country) != 2 or not country.isupper():
            raise loc.fail("country", f"'{country}' is not an ISO 3166 code such as 'BE'")
        latitude, longitude = loc.coordinate("latitude", 90), loc.coordinate("longitude", 180)
        if (latitude is None) != (longitude is None):
            raise loc.fail("latitude" if latitude is None else "longitude",
                           "give both latitude and longitude, or neither")
        self.sources.rows("location").append({
            "id": loc_id, "organization_id": org_id, "location_type": "physical",
            "name": loc.text("name"), "description": loc.text("description"),
            "transportation": loc.text("transportation"),
            "latitude": latitude, "longitude": longitude, "source": source,
            "assured_date": assured})
        self.sources.rows("address").append({
            "id": derived_id("address", loc_id), "location_id": loc_id,
            "address_1": loc.text("address_1"), "address_2": loc.text("address_2"),
            "city": loc.text("city"), "region": loc.text("region"),
            "postal_code": loc.text("postal_code"), "country": country,
            "address_type": "physical"})
        self.add_phones(loc, loc.codes("phones"), location_id=loc_id)
        return loc_id

    def load_service(self, org: _Record, org_id: str, source: str, assured: str | None,
                     location_ids: list[str], item: Any) -> None:
        svc = _Record(org.path, "service", item)
        svc.where = f"{org.where} {svc.where}"
        svc.check_keys(SERVICE_KEYS)
        svc_id = svc.uuid()
        self.claim(svc, svc_id)
        row = {"id": svc_id, "organization_id": org_id, "name": svc.text("name", required=True),
               "alternate_name": svc.text("alternate_name"),
               "description": svc.text("description") or "", "url": svc.text("url"),
               "email": svc.text("email"), "status": "active",
               "fees_description": svc.text("fees_description"),
               "eligibility_description": svc.text("eligibility_description"),
               "application_process": svc.text("application_process"),
               "source": source,
               "assured_date": svc.iso_date("assured_date") or assured}
        for flag in ("free_of_charge", "no_documents_needed", "open_to_undocumented",
                     "interpretation_available"):
            row[flag] = svc.flag(flag)
        self.sources.rows("service").append(row)
        self.remember_texts("service", row)
        for code in svc.codes("categories", allowed=CATEGORY_CODES, required=True):
            self.sources.rows("attribute").append({
                "id": derived_id("attribute", svc_id, code), "link_id": svc_id,
                "taxonomy_term_id": self.category_ids[code], "link_type": "category",
                "link_entity": "service", "value": code})
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
        self.add_phones(svc, svc.codes("phones"), service_id=svc_id)

    def load_emergency_numbers(self, path: Path) -> None:
        expected = ["country", "general", "police", "ambulance", "fire", "source"]
        for line, row in _read_csv(path, expected):
            country = row["country"].strip()
            if len(country) != 2 or not country.isupper():
                raise UserError(f"line {line}, field 'country': '{country}' is not an ISO "
                                "country code", path=path)
            if not row["source"].strip():
                raise UserError(f"line {line}, field 'source': is required", path=path)
            self.sources.rows("emergency_number").append({
                "country_code": country,
                **{k: (row[k].strip() or None) for k in ("general", "police", "ambulance",
                                                         "fire")},
                "source": row["source"].strip()})

    def load_translations(self, path: Path) -> None:
        locale = path.stem
        for line, row in _read_csv(path, TRANSLATION_HEADER):
            key = (row["table"], row["record_id"], row["field"])
            if row["field"] not in TRANSLATABLE_FIELDS.get(row["table"], ()):
                raise UserError(f"line {line}, field 'field': {row['table']}.{row['field']} "
                                "cannot be translated", path=path)
            if key not in self.source_texts:
                raise UserError(f"line {line}, field 'record_id': no {row['table']} "
                                f"{row['record_id']} with a {row['field']}", path=path)
            if not row["text"].strip():
                continue
            self.sources.rows("translations").append({
                "table_name": row["table"], "record_id": row["record_id"],
                "field_name": row["field"], "locale": locale,
                "translation": row["text"].strip(), "source_hash": row["source_hash"]})


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


def load_sources(sources_dir: Path) -> Sources:
    """Read and check every source file; raise UserError at the first problem."""
    sources_dir = Path(sources_dir)
    if not sources_dir.is_dir():
        raise UserError("is not a folder of directory sources", path=sources_dir)
    loader = _Loader()
    categories = sources_dir / "categories.toml"
    if not categories.exists():
        raise UserError("is missing", path=categories)
    loader.load_categories(categories)
    organization_files = sorted((sources_dir / "organizations").glob("*.toml"))
    if not organization_files:
        raise UserError("holds no organisation files (*.toml)",
                        path=sources_dir / "organizations")
    for path in organization_files:
        loader.load_organizations(path)
    emergency = sources_dir / "emergency_numbers.csv"
    if emergency.exists():
        loader.load_emergency_numbers(emergency)
    for path in sorted((sources_dir / "translations").glob("*.csv")):
        loader.load_translations(path)
    return loader.sources
