"""Checking incoming HSDS rows and writing them into a directory, whatever file they came from.

Readers (CSV package, JSON, template) call ``Staging.add(table, where, row)`` for every
record; this module turns values into the directory's types, refuses what cannot be
trusted (with file, row and field named), keeps unknown columns in ``extra_json``, turns
the project's extension attributes back into columns, and upserts by id in batches.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop.directory.hsds.mapping import (
    DATE_FIELDS,
    DATETIME_FIELDS,
    EXTENSION_TAXONOMY,
    EXTENSION_TERM_CODES,
    SPECS,
    TABLES_WITH_EXTRA,
    TIME_FIELDS,
    is_uuid,
    is_uuid_field,
)
from desktop.directory.safe_text import DIRECTION_CONTROLS, without_direction_controls
from desktop.directory.schema import (
    CATEGORY_CODES,
    HELPLINE_TOPICS,
    MEDIA_KINDS,
    ORGANIZATION_KINDS,
    WELCOME_FLAGS,
)
from desktop.errors import UserError
from desktop.i18n import _, ngettext

BATCH_ROWS = 5000
DEFAULT_KIND = "ngo"
RECORD_TABLES = ("organization", "service", "location")   # tables with source/assured_date
_TRUE = {"1", "true", "yes", "y", "x"}
# Extension attributes that fill one column of this project's tables.
EXTENSION_COLUMNS = {
    "record_note": ("organization", "note"),
    "main_category": ("organization", "main_category"),
    "helpline": ("service", "helpline"),
    "coordinates_approximate": ("location", "coordinates_approximate"),
    "time_zone": ("location", "time_zone"),
}
_ALLOWED_VALUES = {"main_category": CATEGORY_CODES, "helpline": HELPLINE_TOPICS}
_FALSE = {"0", "false", "no", "n", ""}


@dataclass(frozen=True)
class Where:
    """Where a record came from, as the person who wrote the file would say it."""

    file: str
    row: str   # "row 14" for CSV, a JSON pointer such as "/services/0" for JSON

    def fail(self, column: str, problem: str) -> UserError:
        # Translators: {row} says where the record is: "row 14" (translated separately) for a
        # CSV file, or a JSON pointer such as /contents/0/services/1 for a JSON file; {field}
        # is an HSDS field name, untranslated, e.g. organization_id; {problem} is one of the
        # separately translated problems, e.g. "is required" or "'abc' is not a whole number".
        # The file's path is shown before the message.
        return UserError(_("{row}, field '{field}': {problem}").format(
            row=self.row, field=column, problem=problem), path=self.file)


@dataclass
class ImportReport:
    source: str
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    new: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)   # reason -> examples

    def skip(self, reason: str, example: str = "") -> None:
        examples = self.skipped.setdefault(reason, [])
        examples.append(example)

    def lines(self) -> list[str]:
        # Translators: {source} is the path of the imported file or folder as the user gave it,
        # e.g. /media/usb/hsds-package.zip. First line of the summary printed by the 'db
        # import' command; a line per table with its number of rows follows.
        out = [_("Imported from {source}:").format(source=self.source)]
        for table, count in sorted(self.counts.items()):
            # Translators: One line of the 'db import' summary, printed in columns in a
            # terminal: {table:<22} is a table name, untranslated, padded to 22 characters,
            # e.g. service; {count:>8} is the number of rows imported into it, right-aligned in
            # 8 characters, e.g. 1200 (may be 1). Keep both placeholders exactly as written,
            # and the two leading spaces.
            line = ngettext("  {table:<22} {count:>8} row", "  {table:<22} {count:>8} rows",
                            count).format(table=table, count=count)
            if table in self.new:
                # Translators: Added at the end of a summary line such as "  service  1200
                # rows": {new} is how many of those rows were not in the directory before, e.g.
                # 300 (may be 0 or 1). Keep the leading space.
                line += ngettext(" ({new} new)", " ({new} new)", self.new[table]).format(
                    new=self.new[table])
            out.append(line)
        if not self.counts:
            out.append(_("  nothing"))
        if self.skipped:
            out.append(_("Skipped:"))
            for reason, examples in self.skipped.items():
                shown = [e for e in examples if e][:3]
                more = len(examples) - len(shown)
                # Translators: Added after up to three examples of skipped items, e.g.
                # "services.csv: field_x; phones.csv: field_y": {n} is the number of further
                # items not listed, e.g. 12 (may be 1). Keep the leading space. Printed by the
                # 'db import' command.
                detail = "; ".join(shown) + (ngettext(" and {n} more", " and {n} more",
                                                      more).format(n=more)
                                             if shown and more > 0 else "")
                count = len(examples)
                out.append(f"  {reason}" + (f" ({count}×)" if count > 1 else "")
                           + (f": {detail}" if detail else ""))
        return out


class Staging:
    def __init__(self, conn: sqlite3.Connection, source_name: str, report: ImportReport, *,
                 identical_repeats_allowed: bool = False) -> None:
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.source_name = source_name
        self.report = report
        self.identical_repeats_allowed = identical_repeats_allowed
        self.columns: dict[str, dict[str, tuple[str, bool, Any]]] = {}
        for spec in SPECS.values():
            self.columns[spec.table] = {
                name: (decl.upper(), bool(notnull), default)
                for _cid, name, decl, notnull, default, _pk in
                conn.execute(f"PRAGMA table_info({spec.table})")}
        self.pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.seen: dict[str, dict[Any, tuple[Where, int]]] = defaultdict(dict)
        self.before = {table: self._count(table) for table in
                       (*SPECS, "media_detail", "community_served")}
        self.existing_kinds = dict(conn.execute("SELECT id, kind FROM organization"))
        self.kind_given: set[str] = set()
        self.updates: dict[tuple[str, str], list[tuple[Any, str]]] = defaultdict(list)
        self.media: dict[str, dict[str, Any]] = defaultdict(dict)
        self.communities: dict[str, set[str]] = defaultdict(set)
        self.unknown_columns: set[tuple[str, str]] = set()

    def _count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # --- values --------------------------------------------------------------------------
    def _value(self, table: str, column: str, raw: Any, where: Where) -> Any:
        decl = self.columns[table][column][0]
        if isinstance(raw, str):
            raw = raw.strip() if not raw.strip() else raw
        if raw is None or raw == "":
            return None
        if isinstance(raw, dict | list):
            raise where.fail(column, _("must be a single value, not a list or object"))
        if decl == "INTEGER":
            text = str(raw).strip().lower()
            if column in WELCOME_FLAGS and text in _TRUE | _FALSE:
                return int(text in _TRUE)
            try:
                number = float(text)
            except ValueError:
                # Translators: {value} is the text found in the file, e.g. 12.5 or abc.
                # Follows "<file>: row 14, field 'minimum_age':" in an import error (for a
                # JSON file, a position such as /contents/0 replaces "row 14").
                raise where.fail(column, _("'{value}' is not a whole number").format(
                    value=raw)) from None
            if number != int(number):
                # Translators: {value} is the text found in the file, e.g. 12.5 or abc.
                # Follows "<file>: row 14, field 'minimum_age':" in an import error (for a
                # JSON file, a position such as /contents/0 replaces "row 14").
                raise where.fail(column, _("'{value}' is not a whole number").format(
                    value=raw))
            return int(number)
        if decl == "REAL":
            try:
                return float(str(raw).strip())
            except ValueError:
                # Translators: {value} is the text found in the file, e.g. abc. Follows
                # "<file>: row 14, field 'latitude':" in an import error (for a JSON file, a
                # position such as /contents/0 replaces "row 14").
                raise where.fail(column, _("'{value}' is not a number").format(
                    value=raw)) from None
        text = raw if isinstance(raw, str) else json.dumps(raw) if isinstance(raw, bool) \
            else str(raw)
        if DIRECTION_CONTROLS.search(text):
            # They would make the app draw a name backwards ("exe.txt…"): never stored.
            self.report.skip(_("invisible direction controls removed (they can make text "
                               "read backwards)"),
                             f"{Path(where.file).name} {where.row} {column}")
            text = without_direction_controls(text)
        if is_uuid_field(table, column):
            if not is_uuid(text.strip()):
                # Translators: {value} is the text found in an id field of the file, e.g.
                # org-1. Keep the example id as it is. Follows "<file>: row 14, field 'id':" in
                # an import error (for a JSON file, a position such as /contents/0 replaces
                # "row 14").
                raise where.fail(column, _("'{value}' is not a UUID; HSDS ids look like "
                                           "'d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610'").format(
                    value=text))
            return text.strip().lower()
        if column in DATE_FIELDS:
            try:
                date.fromisoformat(text.strip()[:10])
                if len(text.strip()) > 10:
                    datetime.fromisoformat(text.strip())
            except ValueError:
                # Translators: {value} is the text found in the file, e.g. 31/01/2024. Keep
                # 2024-01-31 as it is: it shows the required format (year-month-day). Follows
                # "<file>: row 14, field 'assured_date':" in an import error (for a JSON file,
                # a position such as /contents/0 replaces "row 14").
                raise where.fail(column, _("'{value}' is not a date like 2024-01-31").format(
                    value=text)) from None
        elif column in DATETIME_FIELDS:
            try:
                datetime.fromisoformat(text.strip())
            except ValueError:
                # Translators: {value} is the text found in the file, e.g. yesterday. Keep
                # 2024-01-31T09:30:00Z as it is: it shows the required format. Follows "<file>:
                # row 14, field 'last_modified':" in an import error (for a JSON file, a
                # position such as /contents/0 replaces "row 14").
                raise where.fail(column, _("'{value}' is not a date and time like "
                                           "2024-01-31T09:30:00Z").format(value=text)) from None
        elif column in TIME_FIELDS:
            parts = text.strip().split(":")
            valid = 2 <= len(parts) <= 3 and all(p.isdigit() and len(p) == 2 for p in parts[:2])
            if valid:
                hour, minute = int(parts[0]), int(parts[1])
                seconds = parts[2] if len(parts) == 3 else "00"
                valid = hour <= 24 and minute <= 59 and seconds[:2].isdigit()
            if not valid:
                # Translators: {value} is the text found in the file, e.g. 9am. Keep 09:00 as
                # it is: it shows the required 24-hour format. Follows "<file>: row 14, field
                # 'opens_at':" in an import error (for a JSON file, a position such as
                # /contents/0 replaces "row 14").
                raise where.fail(column, _("'{value}' is not a time like 09:00").format(
                    value=text))
        return text

    # --- records -------------------------------------------------------------------------
    def add(self, table: str, where: Where, raw: dict[str, Any]) -> None:
        columns = self.columns[table]
        if table == "attribute" and self._extension_attribute(where, raw):
            return
        if table == "taxonomy" and raw.get("id") == EXTENSION_TAXONOMY["id"]:
            return
        if table == "taxonomy_term" and str(raw.get("id", "")).lower() in EXTENSION_TERM_CODES:
            return
        row: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in raw.items():
            if key in columns and key != "extra_json":
                row[key] = self._value(table, key, value, where)
            elif value not in (None, "", [], {}):
                extra[key] = value
        if extra:
            if table in TABLES_WITH_EXTRA:
                row["extra_json"] = json.dumps(extra, ensure_ascii=False, sort_keys=True)
            else:
                for key in extra:
                    if (where.file, key) not in self.unknown_columns:
                        self.unknown_columns.add((where.file, key))
                        self.report.skip(_("fields the directory has no place for"),
                                         f"{Path(where.file).name}: {key}")
        self._defaults(table, row, where)
        for column, (_decl, notnull, default) in columns.items():
            if column not in row:
                row[column] = None
            if row[column] is None and notnull and default is None:
                raise where.fail(column, _("is required"))
        self._claim(table, where, row)
        self.report.counts[table] += 1
        batch = self.pending[table]
        batch.append(row)
        if len(batch) >= BATCH_ROWS and not self.identical_repeats_allowed:
            self.flush(table)

    def _defaults(self, table: str, row: dict[str, Any], where: Where) -> None:
        if table in RECORD_TABLES and row.get("source") is None:
            row["source"] = self.source_name
        if table == "organization":
            kind = row.get("kind")
            if kind is not None and kind not in ORGANIZATION_KINDS:
                # Translators: {kind} is the organisation kind found in the file, e.g.
                # charity; {kinds} is the list of accepted kinds, comma-separated codes to
                # keep untranslated: community, union, media, ngo, public, employer.
                # Follows "<file>: row 14, field 'kind':" in an import error (for a JSON
                # file, a position such as /contents/0 replaces "row 14").
                raise where.fail("kind", _("'{kind}' is not one of {kinds}").format(
                    kind=kind, kinds=", ".join(ORGANIZATION_KINDS)))
            if kind is None:
                row["kind"] = self.existing_kinds.get(row.get("id"), DEFAULT_KIND)
            else:
                self.kind_given.add(row["id"])
        if table == "location":
            lat, lon = row.get("latitude"), row.get("longitude")
            bad = (lat is None) != (lon is None) or (
                lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180))
            if bad:
                self.report.skip(_("coordinates outside the globe or incomplete; the location "
                                   "is kept without them"),
                                 f"{Path(where.file).name} {where.row} ({lat}, {lon})")
                row["latitude"] = row["longitude"] = None
        if table == "translations" and row.get("table_name") not in SPECS:
            # Translators: {name} is the table name found in a translations record, e.g.
            # services (a valid one would be service). Follows "<file>: row 14, field
            # 'table_name':" in an import error (for a JSON file, a position such as
            # /contents/0 replaces "row 14").
            raise where.fail("table_name", _("'{name}' is not a directory table").format(
                name=row.get("table_name")))
        for column in WELCOME_FLAGS:
            if table == "service" and row.get(column) is None:
                row[column] = 0
        if table == "service" and row.get("status") is None:
            row["status"] = "active"
        if table == "location" and row.get("location_type") is None:
            row["location_type"] = "physical"
        if table == "address" and row.get("address_type") is None:
            row["address_type"] = "physical"
        if table == "directory_meta" and row.get("value") is None:
            row["value"] = ""  # an empty setting (e.g. no category keywords) is a setting
        for column in ("description",):
            if column in self.columns[table] and row.get(column) is None and \
                    self.columns[table][column][1]:
                row[column] = ""

    def _claim(self, table: str, where: Where, row: dict[str, Any]) -> None:
        key = tuple(row[k] for k in SPECS[table].key)
        earlier = self.seen[table].get(key)
        if earlier is None:
            # JSON repeats one object in several nestings: keep the row to merge them.
            self.seen[table][key] = (where, row if self.identical_repeats_allowed else None)
            return
        first, first_row = earlier
        if first_row is not None:
            conflicts = [c for c, v in row.items()
                         if v is not None and first_row[c] is not None and v != first_row[c]]
            if not conflicts:
                # The same object seen again, perhaps under another parent: one record
                # that links to both.
                first_row.update({c: v for c, v in row.items() if first_row[c] is None})
                raise _Repeat
            # Translators: {key} identifies the record, usually its id, e.g.
            # d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610 (several values joined by / for some
            # tables); {file} is the path of the file where the record appeared first and {row}
            # where in that file: "row 14" or a JSON pointer such as /contents/0. Follows
            # "<file>: row 14, field 'id':" in an import error (for a JSON file, a position
            # such as /contents/0 replaces "row 14").
            raise where.fail(conflicts[0], _(
                "'{key}' is described twice with different values: also at {file} {row}")
                .format(key="/".join(map(str, key)), file=first.file, row=first.row))
        # Translators: {key} identifies the record, usually its id, e.g.
        # d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610 (several values joined by / for some tables);
        # {file} is the path of the file where the record appeared first and {row} where in
        # that file: "row 14" or a JSON pointer such as /contents/0. Follows "<file>: row 14,
        # field 'id':" in an import error (for a JSON file, a position such as /contents/0
        # replaces "row 14").
        raise where.fail(SPECS[table].key[0], _(
            "'{key}' is used twice: also at {file} {row}; ids must be unique").format(
            key="/".join(map(str, key)), file=first.file, row=first.row))

    def _extension_attribute(self, where: Where, raw: dict[str, Any]) -> bool:
        term = str(raw.get("taxonomy_term_id") or "").lower()
        code = EXTENSION_TERM_CODES.get(term)
        if code is None:
            return False
        link = self._value("attribute", "link_id", raw.get("link_id"), where)
        entity = str(raw.get("link_entity") or "")
        value = str(raw.get("value") or "").strip()
        if link is None:
            raise where.fail("link_id", _("is required"))
        if code == "organization_kind":
            if value not in ORGANIZATION_KINDS:
                # Translators: {kind} is the organisation kind found in the file, e.g.
                # charity; {kinds} is the list of accepted kinds, comma-separated codes to
                # keep untranslated: community, union, media, ngo, public, employer.
                # Follows "<file>: row 14, field 'kind':" in an import error (for a JSON
                # file, a position such as /contents/0 replaces "row 14").
                raise where.fail("value", _("'{kind}' is not one of {kinds}").format(
                    kind=value, kinds=", ".join(ORGANIZATION_KINDS)))
            self.updates[("organization", "kind")].append((value, link))
            self.kind_given.add(link)
        elif code == "media_medium":
            if value not in MEDIA_KINDS:
                # Translators: {medium} is the medium found in the file, e.g. radio station;
                # {kinds} is the list of accepted media, comma-separated codes to keep
                # untranslated: radio, tv, print, online. Follows "<file>: row 14, field
                # 'value':" in an import error (for a JSON file, a position such as /contents/0
                # replaces "row 14").
                raise where.fail("value", _("'{medium}' is not one of {kinds}").format(
                    medium=value, kinds=", ".join(MEDIA_KINDS)))
            self.media[link]["medium"] = value
        elif code == "media_languages":
            self.media[link]["languages_broadcast"] = value
        elif code == "media_channel":
            self.media[link]["channel"] = value or None
        elif code == "community_served":
            self.communities[link].add(value)
        elif code in WELCOME_FLAGS:
            self.updates[("service", code)].append((int(value.lower() in _TRUE), link))
        elif code in EXTENSION_COLUMNS:
            table, column = EXTENSION_COLUMNS[code]
            allowed = _ALLOWED_VALUES.get(code)
            if allowed is not None and value not in allowed:
                # Translators: {value} is the value found in the file, e.g. food; {values} is
                # the list of accepted codes, comma-separated and untranslated: the categories
                # (community, work_rights, media, ...) or the helpline topics
                # (anti_trafficking, violence_against_women, children, migrant_workers, other).
                # Follows "<file>: row 14, field 'value':" in an import error (for a JSON file,
                # a position such as /contents/0 replaces "row 14").
                raise where.fail("value", _("'{value}' is not one of {values}").format(
                    value=value, values=", ".join(allowed)))
            if code == "coordinates_approximate":
                self.updates[(table, column)].append((int(value.lower() in _TRUE), link))
            else:
                self.updates[(table, column)].append((value or None, link))
        elif code in ("record_source", "record_assured_date"):
            if entity not in RECORD_TABLES:
                # Translators: {tables} is a list of table names, untranslated: organization,
                # service, location. The subject is the field link_entity. Follows "<file>: row
                # 14, field 'link_entity':" in an import error (for a JSON file, a position
                # such as /contents/0 replaces "row 14").
                raise where.fail("link_entity", _("must be one of {tables}").format(
                    tables=", ".join(RECORD_TABLES)))
            column = "source" if code == "record_source" else "assured_date"
            if column == "assured_date":
                value = self._value(entity, column, value, where)
            self.updates[(entity, column)].append((value, link))
        self.report.counts["attribute (extension)"] += 1
        return True

    # --- writing -------------------------------------------------------------------------
    def flush(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.pending):
            rows = self.pending.pop(name, [])
            if rows:
                self.db[name].insert_all(rows, replace=True, batch_size=1000)

    def finish(self) -> None:
        """Write what is left, apply extension data, and check references."""
        self.flush()
        for (table, column), values in self.updates.items():
            self.conn.executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?", values)
        media_rows = [{"organization_id": org, "medium": m["medium"],
                       "languages_broadcast": m.get("languages_broadcast", ""),
                       "channel": m.get("channel")}
                      for org, m in self.media.items() if "medium" in m]
        if media_rows:
            self.db["media_detail"].insert_all(media_rows, replace=True)
        if self.communities:
            self.conn.executemany(
                "DELETE FROM community_served WHERE organization_id = ?",
                [(org,) for org in self.communities])
            self.db["community_served"].insert_all(
                [{"organization_id": org, "country_code": code}
                 for org, codes in self.communities.items() for code in sorted(codes)],
                replace=True)
        self.report.counts["media_detail"] += len(media_rows)
        self.report.counts["community_served"] += sum(map(len, self.communities.values()))
        for extension_table in ("media_detail", "community_served", "attribute (extension)"):
            if not self.report.counts.get(extension_table):
                self.report.counts.pop(extension_table, None)
        guessed = [org for org in self.seen["organization"]
                   if org[0] not in self.kind_given and org[0] not in self.existing_kinds]
        if guessed:
            for _org in guessed:
                self.report.skip(_("organisations without a kind were imported as 'ngo' "
                                   "(NGO / civil society)"))
        self._check_references()
        for table in self.report.counts:
            if table in self.before:
                self.report.new[table] = self._count(table) - self.before[table]

    def _check_references(self) -> None:
        for spec in SPECS.values():
            for column, parent in spec.required_refs.items():
                dangling = self.conn.execute(
                    f"SELECT id, {column} FROM {spec.table} c WHERE {column} IS NOT NULL AND "
                    f"NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{column}) LIMIT 1"
                ).fetchone()
                if dangling:
                    where = self._where(spec.table, dangling[0])
                    # Translators: {value} is the id found in the file, e.g.
                    # d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610; {parent} is the English name of the
                    # table where that id should be, untranslated: organization, service,
                    # location or taxonomy_term; rephrase as "no record of table {parent}" if
                    # your grammar needs it. Follows "<file>: row 14, field 'organization_id':"
                    # in an import error (for a JSON file, a position such as /contents/0
                    # replaces "row 14").
                    raise where.fail(column, _("'{value}' points to no {parent} in the "
                                               "package or the directory").format(
                        value=dangling[1], parent=parent))
            for column, parent in spec.optional_refs.items():
                condition = (f"{column} IS NOT NULL AND NOT EXISTS "
                             f"(SELECT 1 FROM {parent} p WHERE p.id = {spec.table}.{column})")
                rows = self.conn.execute(
                    f"SELECT id, {column} FROM {spec.table} WHERE {condition}").fetchall()
                if rows:
                    for record_id, value in rows:
                        where = self._where(spec.table, record_id)
                        self.report.skip(
                            _("links to records that are not there, left empty"),
                            f"{Path(where.file).name} {where.row} {column}={value}")
                    self.conn.execute(f"UPDATE {spec.table} SET {column} = NULL "
                                      f"WHERE {condition}")

    def _where(self, table: str, record_id: str) -> Where:
        found = self.seen[table].get((record_id,))
        return found[0] if found else Where(str(self.source_name), f"{table} {record_id}")


class _Repeat(Exception):
    """An identical nested object seen again: not a new record."""


def add_allowing_repeats(staging: Staging, table: str, where: Where, raw: dict[str, Any]) -> bool:
    """``Staging.add``, treating an identical repeat (JSON nesting) as already added."""
    try:
        staging.add(table, where, raw)
    except _Repeat:
        return False
    return True
