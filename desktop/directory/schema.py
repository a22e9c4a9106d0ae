"""The directory schema: Open Referral HSDS 3.0 tables plus this project's extension.

Table and column names follow HSDS 3.0 (``tests/reference/hsds-3/schema``) so that
import and export are a mapping, not a translation. What HSDS lacks lives in clearly
named extension tables and columns (marked ``ext`` below). ``db/README.md`` documents it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import _

# Bump when the layout changes; a file with another version is refused with a clear message.
SCHEMA_VERSION = 3  # 2: leaf tables without an id index, no FTS prefix indexes;
# 3: main category, record note, helplines, approximate coordinates, cited emergency numbers,
# draft translations

ORGANIZATION_KINDS = ("community", "union", "media", "ngo", "public", "employer")
MEDIA_KINDS = ("radio", "tv", "print", "online")
# Home-screen categories; their taxonomy_term rows have these codes.
CATEGORY_CODES = (
    "community",
    "work_rights",
    "media",
    "legal",
    "housing",
    "work_training",
    "language_education",
    "health",
    "emergency",
)
WELCOME_FLAGS = ("free_of_charge", "no_documents_needed", "open_to_undocumented",
                 "interpretation_available")
HELPLINE_TOPICS = ("anti_trafficking", "violence_against_women", "children", "migrant_workers",
                   "other")
DEMO_SOURCE = "demo"
# The licence line of a directory built from this project's sources.
DATA_LICENCE = ("Directory content: CC BY 4.0, Migrant Community Directory contributors; "
                "facts cited to each organisation's public pages. Town centres: GeoNames, "
                "CC BY 4.0. Schema: Open Referral HSDS 3.0, CC BY-SA 4.0.")
SYNTHETIC_SOURCE = "synthetic"

# Tables that other records point to are keyed by their UUID and WITHOUT ROWID: the rows
# live in the primary-key tree, so no second index repeats every id.
# Tables no foreign key points to (LEAF_TABLES; an optional link to a service-at-location
# is checked only by the import) are read only through their owner (a service's languages,
# hours, categories …), so the shipped file has no index on their id: it would repeat
# every UUID once more, about 35 MB at 100,000 organisations. Their ids are still
# unique: `db build` derives them from their owner and checks the file it wrote
# (``repeated_ids``), `db import` writes through a temporary unique index
# (``id_indexes``), and `db check` looks for repeats.
# Every record carries `source` (where the facts come from) and `assured_date`
# (when a person last verified them, ISO date) — ext on tables where HSDS lacks them.
TABLES_SQL = """
CREATE TABLE organization (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    alternate_name TEXT,
    description TEXT NOT NULL DEFAULT '',
    email TEXT,
    website TEXT,
    legal_status TEXT,
    year_incorporated INTEGER,
    parent_organization_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('community','union','media','ngo','public','employer')),
    main_category TEXT,                             -- ext: the category of its main purpose
    source TEXT NOT NULL,
    assured_date TEXT,
    note TEXT,                                      -- ext: e.g. where sources disagreed
    extra_json TEXT
) WITHOUT ROWID;
CREATE TABLE service (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization(id),
    name TEXT NOT NULL,
    alternate_name TEXT,
    description TEXT NOT NULL DEFAULT '',
    url TEXT,
    email TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    interpretation_services TEXT,
    application_process TEXT,
    fees_description TEXT,
    eligibility_description TEXT,
    minimum_age INTEGER,
    maximum_age INTEGER,
    alert TEXT,
    free_of_charge INTEGER NOT NULL DEFAULT 0,
    no_documents_needed INTEGER NOT NULL DEFAULT 0,
    open_to_undocumented INTEGER NOT NULL DEFAULT 0,
    interpretation_available INTEGER NOT NULL DEFAULT 0,
    helpline TEXT,                                  -- ext: a national helpline, its kind
    source TEXT NOT NULL,
    assured_date TEXT,
    last_modified TEXT,
    extra_json TEXT
) WITHOUT ROWID;
CREATE TABLE location (
    id TEXT PRIMARY KEY,
    organization_id TEXT REFERENCES organization(id),
    location_type TEXT NOT NULL DEFAULT 'physical',
    name TEXT,
    alternate_name TEXT,
    description TEXT,
    transportation TEXT,
    latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    coordinates_approximate INTEGER NOT NULL DEFAULT 0,  -- ext: a town centre, not the door
    time_zone TEXT,                                 -- ext: IANA zone of the place
    source TEXT NOT NULL,
    assured_date TEXT,
    extra_json TEXT
) WITHOUT ROWID;
CREATE TABLE service_at_location (
    id TEXT NOT NULL,
    service_id TEXT NOT NULL REFERENCES service(id),
    location_id TEXT NOT NULL REFERENCES location(id),
    description TEXT
);
CREATE TABLE address (
    id TEXT NOT NULL,
    location_id TEXT NOT NULL REFERENCES location(id),
    attention TEXT,
    address_1 TEXT,
    address_2 TEXT,
    city TEXT,
    region TEXT,
    state_province TEXT,
    postal_code TEXT,
    country TEXT NOT NULL,
    address_type TEXT NOT NULL DEFAULT 'physical'
);
CREATE TABLE phone (
    id TEXT PRIMARY KEY,
    location_id TEXT REFERENCES location(id),
    service_id TEXT REFERENCES service(id),
    organization_id TEXT REFERENCES organization(id),
    contact_id TEXT,
    service_at_location_id TEXT,
    number TEXT NOT NULL,
    extension TEXT,
    type TEXT,
    description TEXT
) WITHOUT ROWID;
CREATE TABLE schedule (
    id TEXT NOT NULL,
    service_id TEXT REFERENCES service(id),
    location_id TEXT REFERENCES location(id),
    service_at_location_id TEXT,
    valid_from TEXT,
    valid_to TEXT,
    dtstart TEXT,
    timezone REAL,
    until TEXT,
    count INTEGER,
    wkst TEXT,
    freq TEXT,
    interval INTEGER,
    byday TEXT,
    byweekno TEXT,
    bymonthday TEXT,
    byyearday TEXT,
    description TEXT,
    opens_at TEXT,
    closes_at TEXT,
    schedule_link TEXT,
    attending_type TEXT,
    notes TEXT
);
CREATE TABLE language (
    id TEXT NOT NULL,
    service_id TEXT REFERENCES service(id),
    location_id TEXT REFERENCES location(id),
    phone_id TEXT REFERENCES phone(id),
    name TEXT,
    code TEXT NOT NULL,
    note TEXT
);
CREATE TABLE service_area (
    id TEXT NOT NULL,
    service_id TEXT REFERENCES service(id),
    service_at_location_id TEXT,
    name TEXT,
    description TEXT,
    extent TEXT,
    extent_type TEXT,
    uri TEXT
);
CREATE TABLE taxonomy (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    uri TEXT,
    version TEXT
) WITHOUT ROWID;
CREATE TABLE taxonomy_term (
    id TEXT PRIMARY KEY,
    code TEXT,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    parent_id TEXT,
    taxonomy TEXT,
    language TEXT,
    taxonomy_id TEXT REFERENCES taxonomy(id),
    term_uri TEXT
) WITHOUT ROWID;
CREATE TABLE attribute (
    id TEXT NOT NULL,
    link_id TEXT NOT NULL,
    taxonomy_term_id TEXT NOT NULL REFERENCES taxonomy_term(id),
    link_type TEXT,
    link_entity TEXT NOT NULL,
    value TEXT,
    label TEXT
);
CREATE TABLE contact (
    id TEXT PRIMARY KEY,
    organization_id TEXT,
    service_id TEXT,
    service_at_location_id TEXT,
    location_id TEXT,
    name TEXT,
    title TEXT,
    department TEXT,
    email TEXT
) WITHOUT ROWID;

-- ext: what HSDS lacks ------------------------------------------------------
CREATE TABLE media_detail (
    organization_id TEXT PRIMARY KEY REFERENCES organization(id),
    medium TEXT NOT NULL CHECK (medium IN ('radio','tv','print','online')),
    languages_broadcast TEXT NOT NULL DEFAULT '',  -- space-separated ISO 639 codes
    channel TEXT                                    -- channel name, frequency or address
) WITHOUT ROWID;
CREATE TABLE community_served (
    organization_id TEXT NOT NULL REFERENCES organization(id),
    country_code TEXT NOT NULL,                     -- ISO 3166-1 alpha-2 country of origin
    PRIMARY KEY (organization_id, country_code)
) WITHOUT ROWID;
CREATE TABLE translations (                         -- GTFS-style
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field_name TEXT NOT NULL,
    locale TEXT NOT NULL,
    translation TEXT NOT NULL,
    source_hash TEXT NOT NULL,                      -- sha1 of the source text translated
    draft INTEGER NOT NULL DEFAULT 0,               -- no fluent speaker has reviewed it
    PRIMARY KEY (table_name, record_id, field_name, locale)
) WITHOUT ROWID;
CREATE TABLE emergency_number (
    country_code TEXT PRIMARY KEY,
    general TEXT,
    police TEXT,
    ambulance TEXT,
    fire TEXT,
    source TEXT NOT NULL,                           -- the page(s) the numbers come from
    assured_date TEXT,                              -- when that page was read
    note TEXT
) WITHOUT ROWID;
CREATE TABLE directory_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Reading one organisation's records (details page, index build) without a full scan.
CREATE INDEX service_organization ON service(organization_id);
CREATE INDEX location_organization ON location(organization_id);
CREATE INDEX address_location ON address(location_id);
CREATE INDEX service_at_location_service ON service_at_location(service_id);
CREATE INDEX language_service ON language(service_id);
CREATE INDEX schedule_service ON schedule(service_id);
CREATE INDEX attribute_link ON attribute(link_id);
CREATE INDEX phone_location ON phone(location_id);
CREATE INDEX phone_service ON phone(service_id);
CREATE INDEX phone_organization ON phone(organization_id);
"""

# Derived tables rebuilt by desktop.directory.index from the tables above; never edited.
INDEX_SQL = """
CREATE TABLE search_doc (
    rowid INTEGER PRIMARY KEY,
    organization_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    city TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    languages TEXT NOT NULL DEFAULT '',            -- space-separated codes, spoken
    categories TEXT NOT NULL DEFAULT '',           -- space-separated codes
    free_of_charge INTEGER NOT NULL DEFAULT 0,
    open_to_undocumented INTEGER NOT NULL DEFAULT 0,
    is_demo INTEGER NOT NULL DEFAULT 0,
    main_category TEXT NOT NULL DEFAULT '',        -- what it is for, above all
    time_zone TEXT NOT NULL DEFAULT ''             -- IANA zone its hours are in
);
CREATE INDEX search_doc_sort_name ON search_doc(sort_name, rowid);
CREATE INDEX search_doc_country ON search_doc(country, city);
CREATE TABLE search_doc_category (doc INTEGER NOT NULL, code TEXT NOT NULL,
                                  PRIMARY KEY (code, doc)) WITHOUT ROWID;
CREATE TABLE search_doc_language (doc INTEGER NOT NULL, code TEXT NOT NULL,
                                  PRIMARY KEY (code, doc)) WITHOUT ROWID;
-- Weekly opening intervals in minutes from Monday 00:00, local time of the place.
CREATE TABLE search_doc_hours (doc INTEGER NOT NULL, opens INTEGER NOT NULL,
                               closes INTEGER NOT NULL,
                               PRIMARY KEY (doc, opens, closes)) WITHOUT ROWID;
"""

# No prefix indexes: a prefix query reads the term list instead, and the index is less
# than half the size (85.7 → 34.4 MB at 100,000 organisations). Word positions stay
# (detail=full): in a contentless table, detail=column leaves bm25 nothing to rank by.
FTS_SQL = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    name, other_names, categories, description, places, codes,
    content='',
    tokenize='unicode61 remove_diacritics 2'
);
-- The index's own word list, for spelling suggestions ("hosing" -> "housing").
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_fts, row);
"""


LEAF_TABLES = ("service_at_location", "address", "schedule", "language", "service_area",
               "attribute")


@contextmanager
def id_indexes(conn: sqlite3.Connection, path: Path | None = None) -> Iterator[None]:
    """A unique index on the id of every leaf table while the file is being written (so an
    import can replace a record by id and a repeated id is refused), dropped afterwards.
    The writer VACUUMs the file before it is used, so the dropped pages do not stay."""
    for table in LEAF_TABLES:
        try:
            conn.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS writing_{table}_id ON {table}(id)")
        except sqlite3.IntegrityError:
            # Translators: {table} is the name of a database table, not translated, e.g.
            # address; {id} is a record's id as written in the file, e.g. addr-0042. 'db check'
            # is a command: keep it as it is. The file's path, when known, is shown before.
            raise UserError(_("the directory already uses the {table} id {id} for more than "
                              "one record; run 'db check' on it").format(
                table=table, id=_repeated_id(conn, table)), path=path) from None
    yield
    # Only on success: after a failure the file is thrown away, and dropping an index
    # while a cursor is still open would replace the real error with "table is locked".
    for table in LEAF_TABLES:
        conn.execute(f"DROP INDEX IF EXISTS writing_{table}_id")


def repeated_ids(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, id) of each leaf-table id used more than once; empty in a sound file."""
    found = ((table, _repeated_id(conn, table)) for table in LEAF_TABLES)
    return [(table, record_id) for table, record_id in found if record_id is not None]


def _repeated_id(conn: sqlite3.Connection, table: str) -> str | None:
    row = conn.execute(f"SELECT id FROM {table} GROUP BY id HAVING count(*) > 1 "
                       "LIMIT 1").fetchone()
    return row[0] if row else None


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(TABLES_SQL)
    conn.executescript(INDEX_SQL)
    conn.executescript(FTS_SQL)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
