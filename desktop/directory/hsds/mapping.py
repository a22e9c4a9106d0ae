"""How HSDS 3.0 tables, files and nested JSON objects map onto the directory's tables.

The directory schema (``desktop.directory.schema``) already uses HSDS table and column
names, so this module only records what the schema cannot say by itself: which HSDS file
holds a table, which references must resolve, which fields are dates, and how this
project's extension travels inside HSDS as ``attributes`` of a published taxonomy.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from desktop.directory.schema import WELCOME_FLAGS


@dataclass(frozen=True)
class TableSpec:
    table: str                      # directory table == HSDS datapackage resource name
    filename: str                   # file in an HSDS tabular data package
    # column -> table; a row whose required reference points nowhere is refused
    required_refs: dict[str, str] = field(default_factory=dict)
    # column -> table; a dangling optional reference is emptied and reported
    optional_refs: dict[str, str] = field(default_factory=dict)
    key: tuple[str, ...] = ("id",)


# Import order: parents before children, so a reference can be checked when it arrives.
HSDS_TABLES: tuple[TableSpec, ...] = (
    TableSpec("taxonomy", "taxonomies.csv"),
    TableSpec("taxonomy_term", "taxonomy_terms.csv",
              optional_refs={"taxonomy_id": "taxonomy", "parent_id": "taxonomy_term"}),
    TableSpec("organization", "organizations.csv",
              optional_refs={"parent_organization_id": "organization"}),
    TableSpec("service", "services.csv", required_refs={"organization_id": "organization"}),
    TableSpec("location", "locations.csv", optional_refs={"organization_id": "organization"}),
    TableSpec("service_at_location", "service_at_location.csv",
              required_refs={"service_id": "service", "location_id": "location"}),
    TableSpec("address", "addresses.csv", required_refs={"location_id": "location"}),
    TableSpec("contact", "contacts.csv",
              optional_refs={"organization_id": "organization", "service_id": "service",
                             "service_at_location_id": "service_at_location",
                             "location_id": "location"}),
    TableSpec("phone", "phones.csv",
              optional_refs={"location_id": "location", "service_id": "service",
                             "organization_id": "organization", "contact_id": "contact",
                             "service_at_location_id": "service_at_location"}),
    TableSpec("schedule", "schedules.csv",
              optional_refs={"service_id": "service", "location_id": "location",
                             "service_at_location_id": "service_at_location"}),
    TableSpec("language", "languages.csv",
              optional_refs={"service_id": "service", "location_id": "location",
                             "phone_id": "phone"}),
    TableSpec("service_area", "service_areas.csv",
              optional_refs={"service_id": "service",
                             "service_at_location_id": "service_at_location"}),
    TableSpec("attribute", "attributes.csv",
              required_refs={"taxonomy_term_id": "taxonomy_term"}),
)

# This project's own tables, carried in the package as extra resources.
EXTENSION_TABLES: tuple[TableSpec, ...] = (
    TableSpec("translations", "translations.csv",
              key=("table_name", "record_id", "field_name", "locale")),
    TableSpec("emergency_number", "emergency_numbers.csv", key=("country_code",)),
    TableSpec("directory_meta", "directory_meta.csv", key=("key",)),
)

# A JSON export carries the extension tables under this top-level key of the page.
EXTENSION_KEY = "x_migrant_directory"
ALL_TABLES: tuple[TableSpec, ...] = HSDS_TABLES + EXTENSION_TABLES
SPECS: dict[str, TableSpec] = {spec.table: spec for spec in ALL_TABLES}

# Tables whose unknown columns are kept, as JSON, in ``extra_json``.
TABLES_WITH_EXTRA = ("organization", "service", "location")

DATE_FIELDS = frozenset({"assured_date", "valid_from", "valid_to", "until"})
DATETIME_FIELDS = frozenset({"last_modified", "dtstart"})  # a date alone is accepted too
TIME_FIELDS = frozenset({"opens_at", "closes_at"})
# Columns that are not UUIDs even though they end in _id or are keys.
NON_UUID_FIELDS = frozenset({"record_id"})

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_uuid(value: str) -> bool:
    return bool(_UUID.match(value))


def is_uuid_field(table: str, column: str) -> bool:
    if table in ("translations", "emergency_number", "directory_meta"):
        return False
    return column == "id" or (column.endswith("_id") and column not in NON_UUID_FIELDS)


# Nested HSDS JSON: (parent entity, key) -> (child table, column that points to the parent).
NESTED: dict[tuple[str, str], tuple[str, str | None]] = {
    ("organization", "locations"): ("location", "organization_id"),
    ("organization", "services"): ("service", "organization_id"),
    ("organization", "phones"): ("phone", "organization_id"),
    ("organization", "contacts"): ("contact", "organization_id"),
    ("service", "phones"): ("phone", "service_id"),
    ("service", "schedules"): ("schedule", "service_id"),
    ("service", "service_areas"): ("service_area", "service_id"),
    ("service", "service_at_locations"): ("service_at_location", "service_id"),
    ("service", "languages"): ("language", "service_id"),
    ("service", "contacts"): ("contact", "service_id"),
    ("location", "addresses"): ("address", "location_id"),
    ("location", "phones"): ("phone", "location_id"),
    ("location", "schedules"): ("schedule", "location_id"),
    ("location", "languages"): ("language", "location_id"),
    ("location", "contacts"): ("contact", "location_id"),
    ("service_at_location", "phones"): ("phone", "service_at_location_id"),
    ("service_at_location", "schedules"): ("schedule", "service_at_location_id"),
    ("service_at_location", "contacts"): ("contact", "service_at_location_id"),
    ("contact", "phones"): ("phone", "contact_id"),
    ("phone", "languages"): ("language", "phone_id"),
}
# Nested single objects that are parents, not children: their id fills a column of the row.
NESTED_PARENTS: dict[tuple[str, str], tuple[str, str]] = {
    ("service", "organization"): ("organization", "organization_id"),
    ("service_at_location", "location"): ("location", "location_id"),
    ("service_at_location", "service"): ("service", "service_id"),
    ("attribute", "taxonomy_term"): ("taxonomy_term", "taxonomy_term_id"),
    ("taxonomy_term", "taxonomy_detail"): ("taxonomy", "taxonomy_id"),
}

# ---------------------------------------------------------------------------------------
# The extension as HSDS attributes. Ids are fixed forever: other systems may keep them.
EXTENSION_NAMESPACE = uuid.UUID("6f0d1c52-8d2e-4b57-9a39-1f4e8f3b7c21")
EXTENSION_TAXONOMY = {
    "id": str(uuid.uuid5(EXTENSION_NAMESPACE, "taxonomy")),
    "name": "Migrant Community Directory extension",
    "description": "Facts about organisations and services for migrants that HSDS 3.0 has "
                   "no field for: organisation kind, welcome flags, media details, "
                   "communities served, and the source and verification date of records.",
    "uri": "https://migrant-directory.example.org/hsds-extension/1",
    "version": "1",
}

# code -> (entity it describes, description). The attribute's value holds the data.
EXTENSION_TERMS: dict[str, tuple[str, str]] = {
    "organization_kind": ("organization", "Kind of organisation: community, union, media, "
                                          "ngo, public or employer."),
    "media_medium": ("organization", "Medium of a native-language media outlet: radio, tv, "
                                     "print or online."),
    "media_languages": ("organization", "Languages broadcast, space-separated ISO 639 codes."),
    "media_channel": ("organization", "Channel name, frequency or address of a media outlet."),
    "community_served": ("organization", "A country of origin whose people the organisation "
                                         "serves (ISO 3166-1 alpha-2); one attribute each."),
    **{flag: ("service", f"Welcome flag '{flag}': the value is 'true'.") for flag in
       WELCOME_FLAGS},
    "record_source": ("any", "Where the facts of the record come from: the public pages "
                             "they were read from, space-separated."),
    "record_assured_date": ("any", "When a person last verified the record (ISO date)."),
    "record_note": ("organization", "A note from the people who checked the record, e.g. "
                                    "where its sources disagreed."),
    "main_category": ("organization", "The category of the organisation's main purpose "
                                      "(a code of this project's category taxonomy)."),
    "helpline": ("service", "The service is a national helpline; the value says for what: "
                            "anti_trafficking, violence_against_women, children, "
                            "migrant_workers or other."),
    "coordinates_approximate": ("location", "The coordinates are the town centre, not the "
                                            "door: the value is 'true'."),
    "time_zone": ("location", "The IANA time zone of the place (opening hours are local)."),
}


def extension_term_id(code: str) -> str:
    return str(uuid.uuid5(EXTENSION_NAMESPACE, f"term:{code}"))


EXTENSION_TERM_CODES: dict[str, str] = {extension_term_id(code): code for code in
                                        EXTENSION_TERMS}


def extension_attribute_id(link_id: str, code: str, value: str = "") -> str:
    """Stable, so exporting twice gives byte-identical packages."""
    return str(uuid.uuid5(EXTENSION_NAMESPACE, f"attribute:{link_id}:{code}:{value}"))
