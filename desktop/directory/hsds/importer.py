"""``db import``: take an HSDS package, HSDS JSON or the directory template into a directory.

The import always works on a copy beside the target and swaps it in only when every row
was read, checked and written and the search index rebuilt: a failed import leaves the
target byte-for-byte as it was.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.directory.build import atomic_output
from desktop.directory.database import check_directory_file
from desktop.directory.hsds import package_reader, template
from desktop.directory.hsds.json_reader import import_json
from desktop.directory.hsds.mapping import SPECS
from desktop.directory.hsds.staging import ImportReport, Staging, Where
from desktop.directory.index import rebuild_search_index
from desktop.directory.schema import create_schema, id_indexes
from desktop.errors import UserError
from desktop.i18n import _

# Resources of the official package that the directory has no table for.
KNOWN_UNSUPPORTED = ("accessibility", "cost_option", "funding", "meta_table_description",
                     "metadata", "organization_identifier", "program", "required_document")


def import_source(source: Path, *, output: Path | None = None,
                  into: Path | None = None) -> ImportReport:
    """Import ``source`` into a new directory ``output`` or merge it ``into`` one."""
    source = Path(source)
    if (output is None) == (into is None):
        raise UserError(_("say where the data goes: -o NEW.db for a new directory, or "
                          "--into DIRECTORY.db to merge into an existing one"))
    if not source.exists():
        raise UserError(_("does not exist"), path=source)
    target = Path(into or output)  # type: ignore[arg-type]
    if into is not None:
        check_directory_file(target)
    report = ImportReport(source=str(source))
    with atomic_output(target) as temp:
        if into is not None:
            shutil.copyfile(target, temp)
        conn = sqlite3.connect(temp)
        try:
            conn.execute("PRAGMA journal_mode = MEMORY")
            conn.execute("PRAGMA synchronous = OFF")
            if into is None:
                create_schema(conn)
            with conn, id_indexes(conn, target):
                _read_into(source, conn, report)
                organizations = rebuild_search_index(conn)
                _update_meta(conn, source, organizations, new=into is None)
            # The import's temporary indexes and replaced rows leave free pages behind.
            conn.execute("VACUUM")
        finally:
            conn.close()
    return report


def _read_into(source: Path, conn: sqlite3.Connection, report: ImportReport) -> None:
    name = source.name
    suffix = source.suffix.lower()
    if source.is_dir() or suffix == ".zip":
        with package_reader.package_folder(source) as folder:
            _read_package(folder, source, conn, report)
        return
    if source.name == "datapackage.json":
        _read_package(source.parent, source.parent, conn, report)
        return
    if suffix == ".json":
        staging = Staging(conn, name, report, identical_repeats_allowed=True)
        import_json(package_reader.read_json(source), str(source), staging)
        staging.finish()
        return
    if suffix == ".csv":
        table = package_reader.read_csv(source)
        if not template.is_template(table.header):
            raise UserError(_("is a CSV file but not the directory template (no "
                              "'Organisation name' and 'Service name' columns). An HSDS "
                              "table needs its package: import the folder or zip with "
                              "datapackage.json."), path=source)
        staging = Staging(conn, name, report)
        template.import_template(table, staging)
        staging.finish()
        return
    raise UserError(_("is not something the directory can import: give an HSDS data package "
                      "(folder or .zip with datapackage.json), an HSDS .json file or the "
                      "directory template (.csv)."), path=source)


def _read_package(folder: Path, shown_as: Path, conn: sqlite3.Connection,
                  report: ImportReport) -> None:
    descriptor_path = folder / "datapackage.json"
    descriptor = package_reader.read_json(descriptor_path)
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise UserError(_("has no 'resources' list; it is not a data package descriptor."),
                        path=descriptor_path)
    files: dict[str, Path] = {}
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            # Translators: {index} is the position of the entry in the "resources" list of
            # datapackage.json, counted from 0, e.g. 0 for the first entry. "resource" and
            # "name" are terms of the data package format. The path of datapackage.json is
            # shown before the message.
            raise UserError(_("resource {index} has no name.").format(index=index),
                            path=descriptor_path)
        name, relative = resource["name"], resource.get("path")
        if name not in SPECS:
            reason = (_("HSDS tables the directory does not hold") if name in
                      KNOWN_UNSUPPORTED else _("tables the directory does not know"))
            report.skip(reason, str(relative or name))
            continue
        if not isinstance(relative, str) or ".." in Path(relative).parts or \
                Path(relative).is_absolute():
            # Translators: {name} is a table name given in datapackage.json, untranslated, e.g.
            # service. 'path' is a key of that file: keep it as it is, in quotes. The path of
            # datapackage.json is shown before the message.
            raise UserError(_("resource '{name}' has no usable 'path' inside the package.")
                            .format(name=name), path=descriptor_path)
        path = folder / relative
        if not path.is_file():
            # Translators: {name} is a table name given in datapackage.json, untranslated, e.g.
            # service; {file} is the file that datapackage.json names for it, relative to the
            # package folder, e.g. data/services.csv. The path of datapackage.json is shown
            # before the message.
            raise UserError(_("resource '{name}' points to {file}, which is not in the "
                              "package.").format(name=name, file=relative),
                            path=descriptor_path)
        files[name] = path
    staging = Staging(conn, shown_as.name, report)
    for table in SPECS:  # parents first; references are checked at the end anyway
        path = files.get(table)
        if path is None:
            continue
        csv_table = package_reader.read_csv(path)
        if csv_table.header and SPECS[table].key[0] not in csv_table.header:
            # Translators: {column} is the name of the column every row of the table needs,
            # untranslated, e.g. id; {table} is the HSDS table's name, untranslated, e.g.
            # service. Row 1 is the header row of the CSV file, whose path is shown before the
            # message.
            raise UserError(_("row 1: there is no '{column}' column; this file cannot be "
                              "the '{table}' table.").format(column=SPECS[table].key[0],
                                                            table=table), path=path)
        label = str(path) if shown_as.is_dir() else \
            f"{shown_as}/{path.relative_to(folder)}"
        for number, record in csv_table.records():
            # Translators: {n} is a row number in a CSV file, counted as a spreadsheet
            # counts them (the header is row 1), e.g. 14. The result is put into other
            # messages, e.g. before ", field 'name': is required", or after a file's
            # path in "also at <file> row 14".
            staging.add(table, Where(label, _("row {n}").format(n=number)), record)
    staging.finish()


_PLAIN_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")


def _update_meta(conn: sqlite3.Connection, source: Path, organizations: int, *,
                 new: bool) -> None:
    values = {"organizations": str(organizations)}
    if new:
        now = datetime.now(UTC).replace(microsecond=0)
        # Only where the package did not bring its own (a round trip keeps the original).
        for key, value in {"version": now.strftime("%Y.%m.%d"), "build_date": now.isoformat(),
                           "built_by": f"migrant-directory {__version__}",
                           "sources": source.name}.items():
            conn.execute("INSERT OR IGNORE INTO directory_meta(key, value) VALUES (?, ?)",
                         (key, value))
    conn.executemany("INSERT OR REPLACE INTO directory_meta(key, value) VALUES (?, ?)",
                     values.items())
    version = conn.execute("SELECT value FROM directory_meta WHERE key = 'version'").fetchone()
    # The version travels into every corrections export: a plain version string only, never
    # something a spreadsheet would run ("=cmd|' /C calc'!A0").
    if version and not _PLAIN_VERSION.fullmatch(version[0]):
        # Translators: {version} is the version written in the imported data (at most 40
        # characters of it), e.g. =cmd|' /C calc'!A0. directory_meta is a table name, and
        # 2026.11.30 and synthetic-100 are examples of valid versions: keep them as they are.
        # The path of the imported file or folder is shown before the message.
        raise UserError(_("directory_meta: the version '{version}' is not a plain version "
                          "such as 2026.11.30 or synthetic-100").format(
            version=version[0][:40]), path=source)
