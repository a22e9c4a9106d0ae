"""Building a directory database from the readable sources, with sqlite-utils.

The file is written beside its destination and renamed over it only when complete, so a
failed build never leaves a partial or broken directory behind.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from desktop import __version__
from desktop.directory.index import rebuild_search_index
from desktop.directory.schema import DATA_LICENCE, create_schema, repeated_ids
from desktop.directory.sources import Sources, load_sources
from desktop.directory.vocabulary import store_keywords
from desktop.errors import UserError

# Parents before children, so foreign keys always point at rows already there.
TABLE_ORDER = ("taxonomy", "taxonomy_term", "organization", "media_detail", "community_served",
               "location", "address", "service", "service_at_location", "phone", "schedule",
               "language", "attribute", "translations", "emergency_number")



@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial",
                                         dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    temp.unlink()
    try:
        yield temp
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            leftover.unlink(missing_ok=True)


def bulk_insert(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows whose values are already SQLite types.

    The column list comes from sqlite-utils; the rows go through one ``executemany``
    because ``Table.insert_all`` checks and converts every value one by one, which is
    most of the build time at 100,000 organisations.
    """
    known = db[table].columns_dict
    columns = [c for c in dict.fromkeys(k for row in rows for k in row) if c in known]
    unknown = {k for row in rows for k in row} - set(known)
    if unknown:
        raise ValueError(f"{table} has no column {sorted(unknown)[0]!r}")
    # Rows live in their primary-key tree (WITHOUT ROWID): inserting in key order
    # appends instead of splitting pages all over the file.
    keys = db[table].pks
    if len(keys) == 1:  # the common case, an "id": no tuple to build per row
        key = keys[0]
        rows = sorted(rows, key=lambda row: str(row.get(key) or ""))
    else:
        rows = sorted(rows, key=lambda row: tuple(str(row.get(k) or "") for k in keys))
    marks = ", ".join("?" * len(columns))
    names = ", ".join(f"[{c}]" for c in columns)
    db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
                        ([row.get(c) for c in columns] for row in rows))


def write_directory(sources: Sources | Iterable[Sources], path: Path, *,
                    meta: dict[str, str]) -> None:
    """Write ``sources`` into a new directory database at ``path`` (which must not exist).

    ``sources`` may be a series of chunks, so a very large directory never has to be
    held in memory whole.
    """
    chunks = [sources] if isinstance(sources, Sources) else sources
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        create_schema(conn)
        db = sqlite_utils.Database(conn)
        with conn:
            keywords: dict[str, list[str]] = {}
            kind_keywords: dict[str, list[str]] = {}
            for chunk in chunks:
                keywords.update(chunk.keywords)
                kind_keywords.update(chunk.kind_keywords)
                for table in TABLE_ORDER:
                    rows = chunk.tables.get(table)
                    if rows:
                        try:
                            bulk_insert(db, table, rows)
                        except sqlite3.IntegrityError as error:
                            raise UserError(f"{table}: {error}", path=path) from None
            store_keywords(conn, keywords, kind_keywords)
            count = rebuild_search_index(conn)
            meta = {"organizations": str(count), **meta}
            db["directory_meta"].insert_all(
                [{"key": k, "value": v} for k, v in meta.items()], replace=True)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            table, rowid, parent, _ = problems[0]
            raise UserError(f"{table} row {rowid} points to a missing {parent}", path=path)
        # Leaf tables have no unique index in the shipped file (schema.LEAF_TABLES).
        repeated = repeated_ids(conn)
        if repeated:
            table, record_id = repeated[0]
            raise UserError(f"{table} id {record_id} is used by more than one record",
                            path=path)
        conn.execute("VACUUM")
    finally:
        conn.close()


def build_directory(sources_dir: Path, output: Path, *, source_label: str = "db/sources",
                    demo_dir: Path | None = None) -> Path:
    """``demo_dir`` adds the demonstration entries: a file for tests, screenshots and
    benchmarks, which the app then shows with a banner. The default directory has none."""
    sources = load_sources(Path(sources_dir), demo_dir=demo_dir)
    if demo_dir is not None:
        source_label += " + db/demo"
    now = datetime.now(UTC).replace(microsecond=0)
    meta = {
        "version": now.strftime("%Y.%m.%d"),
        "build_date": now.isoformat(),
        "built_by": f"migrant-directory {__version__}",
        "sources": source_label,
        "licence": DATA_LICENCE,
    }
    with atomic_output(Path(output)) as temp:
        write_directory(sources, temp, meta=meta)
    return Path(output)
