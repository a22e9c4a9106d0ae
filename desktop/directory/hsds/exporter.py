"""``db export``: a directory as an HSDS 3.0 tabular data package or as HSDS JSON.

What HSDS has no field for travels inside the standard: organisation kind, welcome flags,
media details, communities served and each record's source and verification date become
``attributes`` of the project's published extension taxonomy; translations, emergency
numbers and directory metadata become extra resources. ``import(export(D))`` gives D back.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from desktop.directory.build import atomic_output
from desktop.directory.database import check_directory_file
from desktop.directory.hsds.mapping import (
    ALL_TABLES,
    EXTENSION_KEY,
    EXTENSION_TABLES,
    EXTENSION_TAXONOMY,
    EXTENSION_TERMS,
    HSDS_TABLES,
    extension_attribute_id,
    extension_term_id,
    is_uuid_field,
)
from desktop.directory.schema import WELCOME_FLAGS
from desktop.errors import UserError
from desktop.i18n import _

HSDS_VERSION = "3.0"
# HSDS requires these address fields; the directory may not know them.
_REQUIRED_JSON = {"address": ("address_1", "city", "state_province", "postal_code",
                              "country", "address_type")}


def read_tables(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    conn.row_factory = sqlite3.Row
    for spec in (*ALL_TABLES,):
        order = ", ".join(spec.key)
        tables[spec.table] = [dict(row) for row in
                              conn.execute(f"SELECT * FROM {spec.table} ORDER BY {order}")]
    for extra in ("media_detail", "community_served"):
        tables[extra] = [dict(row) for row in conn.execute(
            f"SELECT * FROM {extra} ORDER BY organization_id")]
    return tables


def extension_rows(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The extension taxonomy, its terms, and one attribute per extension fact."""
    terms = [{"id": extension_term_id(code), "code": code, "name": code.replace("_", " "),
              "description": description, "taxonomy": EXTENSION_TAXONOMY["name"],
              "taxonomy_id": EXTENSION_TAXONOMY["id"], "language": "en",
              "term_uri": f"{EXTENSION_TAXONOMY['uri']}#{code}"}
             for code, (_entity, description) in EXTENSION_TERMS.items()]
    attributes: list[dict[str, Any]] = []

    def attribute(entity: str, link: str, code: str, value: Any, many: bool = False) -> None:
        if value is None or value == "":
            return
        attributes.append({
            "id": extension_attribute_id(link, code, str(value) if many else ""),
            "link_id": link, "taxonomy_term_id": extension_term_id(code),
            "link_type": "extension", "link_entity": entity, "value": str(value)})

    for org in tables["organization"]:
        attribute("organization", org["id"], "organization_kind", org["kind"])
        attribute("organization", org["id"], "record_source", org["source"])
        attribute("organization", org["id"], "record_assured_date", org["assured_date"])
        attribute("organization", org["id"], "record_note", org.get("note"))
        attribute("organization", org["id"], "main_category", org.get("main_category"))
    for media in tables["media_detail"]:
        attribute("organization", media["organization_id"], "media_medium", media["medium"])
        attribute("organization", media["organization_id"], "media_languages",
                  media["languages_broadcast"])
        attribute("organization", media["organization_id"], "media_channel", media["channel"])
    for served in tables["community_served"]:
        attribute("organization", served["organization_id"], "community_served",
                  served["country_code"], many=True)
    for service in tables["service"]:
        for flag in WELCOME_FLAGS:
            if service[flag]:
                attribute("service", service["id"], flag, "true")
        attribute("service", service["id"], "record_source", service["source"])
        attribute("service", service["id"], "helpline", service.get("helpline"))
    for location in tables["location"]:
        attribute("location", location["id"], "record_source", location["source"])
        attribute("location", location["id"], "record_assured_date", location["assured_date"])
        if location.get("coordinates_approximate"):
            attribute("location", location["id"], "coordinates_approximate", "true")
        attribute("location", location["id"], "time_zone", location.get("time_zone"))
    return {"taxonomy": [dict(EXTENSION_TAXONOMY)], "taxonomy_term": terms,
            "attribute": attributes}


def _hsds_rows(tables: dict[str, list[dict[str, Any]]], table: str,
               extension: dict[str, list[dict[str, Any]]], *, tabular: bool = False
               ) -> list[dict[str, Any]]:
    """Rows as HSDS sees them: extension columns out, kept unknown fields back in.

    ``tabular``: nested HSDS arrays kept from a JSON import (funding, programs …) have no
    column in a CSV table, so they go out only in JSON.
    """
    hidden = {"kind", "source", "assured_date", "extra_json", "main_category", "note",
              "helpline", "coordinates_approximate", "time_zone", *WELCOME_FLAGS}
    if table == "service":
        hidden.discard("assured_date")   # HSDS services have assured_date of their own
    rows = []
    for row in tables[table]:
        out = {k: v for k, v in row.items() if k not in hidden}
        if row.get("extra_json"):
            for key, value in json.loads(row["extra_json"]).items():
                if not (tabular and isinstance(value, dict | list)):
                    out.setdefault(key, value)
        if table == "phone" and out.get("extension") is not None:
            # HSDS says a number; an extension such as "ext. 12" cannot go out as one.
            extension_text = str(out.pop("extension"))
            if extension_text.isdigit():
                out["extension"] = int(extension_text)
        rows.append(out)
    return rows + extension.get(table, [])


# --- tabular data package ------------------------------------------------------------

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict | list | bool):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# Where HSDS types a field differently from the directory's column.
_HSDS_TYPES = {("phone", "extension"): "integer"}


def _field_type(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    types = {}
    for _cid, name, decl, *_rest in conn.execute(f"PRAGMA table_info({table})"):
        types[name] = {"INTEGER": "integer", "REAL": "number"}.get(decl.upper(), "string")
    return types


def write_package(conn: sqlite3.Connection, tables: dict[str, list[dict[str, Any]]],
                  folder: Path) -> dict[str, int]:
    extension = extension_rows(tables)
    resources, counts = [], {}
    for spec in ALL_TABLES:
        rows = (_hsds_rows(tables, spec.table, extension, tabular=True)
                if spec in HSDS_TABLES else tables[spec.table])
        types = _field_type(conn, spec.table)
        columns = [c for c in types if c in rows[0]] if rows else \
            [c for c in types if c not in ("extra_json",)]
        for row in rows:
            columns += [k for k in row if k not in columns]
        with (folder / spec.filename).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(row.get(c)) for c in columns])
        counts[spec.table] = len(rows)
        fields = []
        for column in columns:
            described = {"name": column, "type": _HSDS_TYPES.get((spec.table, column),
                                                                 types.get(column, "string"))}
            if is_uuid_field(spec.table, column) and column in types:
                described["format"] = "uuid"
            fields.append(described)
        resources.append({
            "name": spec.table, "path": spec.filename, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            **({"description": _extension_description(spec.table)}
               if spec in EXTENSION_TABLES else {}),
            "schema": {"fields": fields, "primaryKey": list(spec.key) if len(spec.key) > 1
                       else spec.key[0]}})
    meta = {row["key"]: row["value"] for row in tables["directory_meta"]}
    descriptor = {
        "name": "migrant-community-directory",
        "title": "Migrant Community Directory",
        "profile": "tabular-data-package",
        "version": meta.get("version", ""),
        "hsds_version": HSDS_VERSION,
        "description": "Open Referral HSDS 3.0 data package. Extension data is carried as "
                       f"attributes of the taxonomy '{EXTENSION_TAXONOMY['name']}' "
                       f"({EXTENSION_TAXONOMY['uri']}) and in the extra resources "
                       "translations, emergency_number and directory_meta.",
        "license": meta.get("licence", ""),
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return counts


def _extension_description(table: str) -> str:
    return {
        "translations": "GTFS-style translations of record fields: table_name, record_id, "
                        "field_name, locale, translation, source_hash (first 12 hex digits "
                        "of the SHA-1 of the source text).",
        "emergency_number": "Emergency telephone numbers per country (ISO 3166-1 alpha-2).",
        "directory_meta": "Facts about this directory: version, build date, licence.",
    }[table]


# --- JSON ----------------------------------------------------------------------------

def _clean(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if v is not None}
    for required in _REQUIRED_JSON.get(table, ()):
        out.setdefault(required, "")
    return out


def organization_objects(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    extension = extension_rows(tables)
    rows = {spec.table: _hsds_rows(tables, spec.table, extension) for spec in HSDS_TABLES}
    by_id = {table: {row["id"]: row for row in rows[table]} for table in rows}

    def children(table: str, column: str, parent: str, *, unless: tuple[str, ...] = ()
                 ) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows[table]:
            if row.get(column) and not any(row.get(u) for u in unless):
                grouped[row[column]].append(row)
        return grouped

    def taxonomy_term(term_id: str) -> dict[str, Any]:
        term = _clean("taxonomy_term", by_id["taxonomy_term"][term_id])
        taxonomy = by_id["taxonomy"].get(term.get("taxonomy_id"))
        if taxonomy:
            term["taxonomy_detail"] = _clean("taxonomy", taxonomy)
        return term

    attributes = children("attribute", "link_id", "")
    phone_languages = children("language", "phone_id", "phone")

    def obj(table: str, row: dict[str, Any], **nested: list[dict[str, Any]]) -> dict[str, Any]:
        out = _clean(table, row)
        for key, items in nested.items():
            if items:
                out[key] = items
        linked = [dict(_clean("attribute", a), taxonomy_term=taxonomy_term(
            a["taxonomy_term_id"])) for a in attributes.get(row["id"], [])
            if a["taxonomy_term_id"] in by_id["taxonomy_term"]]
        if linked and table != "taxonomy_term":
            out["attributes"] = linked
        return out

    def phones(grouped: dict[str, list[dict[str, Any]]], key: str) -> list[dict[str, Any]]:
        return [obj("phone", p, languages=[obj("language", lang) for lang in
                                           phone_languages.get(p["id"], [])])
                for p in grouped.get(key, [])]

    contact_phones = children("phone", "contact_id", "contact")

    def contacts(grouped: dict[str, list[dict[str, Any]]], key: str) -> list[dict[str, Any]]:
        return [obj("contact", c, phones=phones(contact_phones, c["id"]))
                for c in grouped.get(key, [])]

    org_phones = children("phone", "organization_id", "", unless=(
        "service_id", "location_id", "contact_id", "service_at_location_id"))
    org_contacts = children("contact", "organization_id", "", unless=(
        "service_id", "location_id", "service_at_location_id"))
    org_locations = children("location", "organization_id", "")
    org_services = children("service", "organization_id", "")
    loc_addresses = children("address", "location_id", "")
    loc_phones = children("phone", "location_id", "", unless=(
        "service_id", "contact_id", "service_at_location_id"))
    loc_schedules = children("schedule", "location_id", "", unless=(
        "service_id", "service_at_location_id"))
    loc_languages = children("language", "location_id", "", unless=("service_id", "phone_id"))
    loc_contacts = children("contact", "location_id", "", unless=(
        "service_id", "service_at_location_id"))
    svc_phones = children("phone", "service_id", "", unless=(
        "contact_id", "service_at_location_id"))
    svc_schedules = children("schedule", "service_id", "", unless=("service_at_location_id",))
    svc_areas = children("service_area", "service_id", "", unless=("service_at_location_id",))
    svc_languages = children("language", "service_id", "", unless=("phone_id",))
    svc_contacts = children("contact", "service_id", "", unless=("service_at_location_id",))
    svc_sals = children("service_at_location", "service_id", "")
    sal_phones = children("phone", "service_at_location_id", "", unless=("contact_id",))
    sal_schedules = children("schedule", "service_at_location_id", "")
    sal_contacts = children("contact", "service_at_location_id", "")
    sal_areas = children("service_area", "service_at_location_id", "")

    def location(row: dict[str, Any]) -> dict[str, Any]:
        key = row["id"]
        return obj("location", row, addresses=[obj("address", a) for a in
                                               loc_addresses.get(key, [])],
                   phones=phones(loc_phones, key),
                   schedules=[obj("schedule", s) for s in loc_schedules.get(key, [])],
                   languages=[obj("language", lang) for lang in loc_languages.get(key, [])],
                   contacts=contacts(loc_contacts, key))

    def service(row: dict[str, Any]) -> dict[str, Any]:
        key = row["id"]
        sals = [obj("service_at_location", sal, phones=phones(sal_phones, sal["id"]),
                    schedules=[obj("schedule", s) for s in sal_schedules.get(sal["id"], [])],
                    contacts=contacts(sal_contacts, sal["id"]),
                    service_areas=[obj("service_area", a) for a in
                                   sal_areas.get(sal["id"], [])])
                for sal in svc_sals.get(key, [])]
        return obj("service", row, phones=phones(svc_phones, key),
                   schedules=[obj("schedule", s) for s in svc_schedules.get(key, [])],
                   service_areas=[obj("service_area", a) for a in svc_areas.get(key, [])],
                   service_at_locations=sals,
                   languages=[obj("language", lang) for lang in svc_languages.get(key, [])],
                   contacts=contacts(svc_contacts, key))

    return [obj("organization", org, phones=phones(org_phones, org["id"]),
                contacts=contacts(org_contacts, org["id"]),
                locations=[location(loc) for loc in org_locations.get(org["id"], [])],
                services=[service(svc) for svc in org_services.get(org["id"], [])])
            for org in rows["organization"]]


def json_document(tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A paginated list response (one page holding everything), as the HSDS API returns."""
    contents = organization_objects(tables)
    return {
        "total_items": len(contents), "total_pages": 1, "page_number": 1,
        "size": len(contents), "first_page": True, "last_page": True,
        "empty": not contents, "contents": contents,
        EXTENSION_KEY: {spec.table: tables[spec.table] for spec in EXTENSION_TABLES},
    }


# --- entry point ---------------------------------------------------------------------

def export_directory(database: Path, path: Path, fmt: str) -> dict[str, int]:
    database, path = Path(database), Path(path)
    check_directory_file(database)
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        tables = read_tables(conn)
        if fmt == "hsds-json":
            document = json_document(tables)
            with atomic_output(path) as temp:
                temp.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                                encoding="utf-8")
            return {"organization": len(document["contents"])}
        if fmt != "hsds-csv":
            # Translators: {format} is the format name given after --format on the command
            # line, e.g. hsds-xml; the known formats are hsds-csv and hsds-json. An error of
            # the 'db export' command.
            raise UserError(_("unknown export format '{format}'").format(format=fmt))
        with tempfile.TemporaryDirectory(prefix=".hsds-export-", dir=_parent(path)) as scratch:
            folder = Path(scratch) / "package"
            folder.mkdir()
            counts = write_package(conn, tables, folder)
            if path.suffix.lower() == ".zip":
                with atomic_output(path) as temp, zipfile.ZipFile(
                        temp, "w", zipfile.ZIP_DEFLATED) as bundle:
                    for file in sorted(folder.iterdir()):
                        bundle.write(file, file.name)
            else:
                _replace_folder(folder, path)
        return counts
    finally:
        conn.close()


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent


def _replace_folder(new: Path, path: Path) -> None:
    if path.exists():
        if not path.is_dir() or (any(path.iterdir())
                                 and not (path / "datapackage.json").exists()):
            raise UserError(_("exists and is not an earlier export (no datapackage.json); "
                              "choose an empty or new folder"), path=path)
        old = path.with_name(f".{path.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(path, old)
        os.replace(new, path)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, path)

