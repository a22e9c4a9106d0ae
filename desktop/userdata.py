"""The user's own data: favourites, settings and correction reports.

A small SQLite file in the user's data folder, separate from the directory: the directory
is replaced on every update, this file never is. Favourites keep the organisation's id
and the name it had when it was starred, so they survive directory updates and can still
be shown when an entry has gone.

Durability: WAL journal with ``synchronous=FULL`` and every write in its own transaction,
so a crash or power cut leaves either the old or the new state, never a broken file.
A file that is damaged, or was written by a newer version of the app, is moved aside
(``user-data.sqlite.damaged-<timestamp>``, never deleted) and a fresh one is started;
whatever settings and favourites can still be read from it are carried over.

No Qt here: the command line (``corrections export``) uses it too.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.errors import UserError
from desktop.files import NOT_WRITABLE, folder_is_writable

log = logging.getLogger(__name__)

FILE_NAME = "user-data.sqlite"
MAX_CORRECTION_LENGTH = 2000
# Why a correction is reported; the codes are stored and exported, the UI translates them.
CORRECTION_REASONS = ("phone", "address", "hours", "closed", "other")
# A search that found nothing the person needed: reported from the no-result page.
NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Favourite:
    org_id: str
    name: str
    added_at: datetime


@dataclass(frozen=True)
class Correction:
    id: int
    org_id: str
    org_name: str
    reason: str
    text: str
    directory_version: str
    created_at: datetime
    query: str = ""    # what was searched for, for a "could not find" report
    locale: str = ""   # the language of the screen it was made on


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("CREATE TABLE favourite (org_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                 "added_at TEXT NOT NULL)")
    conn.execute("CREATE TABLE correction (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, "
                 "org_name TEXT NOT NULL, reason TEXT NOT NULL, text TEXT NOT NULL, "
                 "directory_version TEXT NOT NULL, created_at TEXT NOT NULL)")


def _v2(conn: sqlite3.Connection) -> None:
    # "I could not find what I need": the search and its language go to the maintainers.
    conn.execute("ALTER TABLE correction ADD COLUMN query TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE correction ADD COLUMN locale TEXT NOT NULL DEFAULT ''")


# Migration n brings a file from user_version n-1 to n. Append, never edit a shipped one.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)


class UnusableFile(Exception):
    """The file cannot be used as it is: damaged, not SQLite, or from a newer app."""


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _connect(target: str) -> sqlite3.Connection:
    # Autocommit mode: transactions are opened explicitly in ``_transaction``.
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 2000")
    return conn


def _check_usable(conn: sqlite3.Connection) -> None:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise UnusableFile(f"written by a newer version of the app "
                               f"(format {version}, this app reads up to {SCHEMA_VERSION})")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise UnusableFile(str(error)) from error
    if result != "ok":
        raise UnusableFile(f"integrity check failed: {result}")


def _readable_rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    """Every row a query can still return before it reaches a damaged page, and those it
    returns reading from the other end (a truncated file loses its end, not all of it)."""
    found: dict[tuple, None] = {}
    for order in ("", " ORDER BY rowid DESC"):
        try:
            cursor = conn.execute(sql + order)
        except sqlite3.Error:
            continue
        while True:
            try:
                row = cursor.fetchone()
            except sqlite3.Error:
                break
            if row is None:
                break
            found[tuple(row)] = None
    return list(found)


def _open_to_read(path: Path) -> sqlite3.Connection | None:
    """A connection that reads ``path`` and never writes, even on a read-only disk."""
    # On a read-only disk SQLite cannot make the shared-memory file a WAL file needs:
    # "immutable" reads it without (what the log holds is read from its pages instead).
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?{options}", uri=True)
            # A truncated file is shorter than its header says, and SQLite refuses to
            # read any of it unless the schema is "writable"; nothing is written.
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as error:
            if "malformed" in str(error) or "not a database" in str(error):
                return conn  # damaged, not locked out: read what can be read
            conn.close()
    return None


def _salvage(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]],
                                  list[tuple]]:
    """Settings, favourites and correction reports still readable from a file that was
    moved aside: damaged, truncated, or written by a newer version of the app."""
    conn = _open_to_read(path)
    if conn is None:
        return [], [], []
    try:
        settings = [(str(k), str(v)) for k, v in
                    _readable_rows(conn, "SELECT key, value FROM settings")]
        favourites = [(str(i), str(n), str(a)) for i, n, a in
                      _readable_rows(conn, "SELECT org_id, name, added_at FROM favourite")]
        corrections = _readable_rows(
            conn, "SELECT org_id, org_name, reason, text, directory_version, created_at "
                  "FROM correction")
        with suppress(sqlite3.Error):  # reports made since version 2 say what was sought
            extra = dict(((r[0], r[1]), r[2:]) for r in _readable_rows(
                conn, "SELECT org_id, created_at, query, locale FROM correction"))
            corrections = [(*c, *extra.get((c[0], c[5]), ("", ""))) for c in corrections]
        corrections = [c if len(c) == 8 else (*c, "", "") for c in corrections]
    finally:
        conn.close()
    # SQL stops at the first missing page; the rows on the pages after it are still there.
    carved_settings, carved_favourites, carved_corrections = _carved(path)
    settings = _first_per_key(settings + carved_settings)
    favourites = _first_per_key(favourites + carved_favourites)
    seen = {(c[0], c[5], c[3]) for c in corrections}
    corrections += [c for c in carved_corrections if (c[0], c[5], c[3]) not in seen]
    return settings, favourites, corrections


def _first_per_key(rows: list[tuple]) -> list[tuple]:
    return list({row[0]: row for row in reversed(rows)}.values())[::-1]


def _is_time(text: object) -> bool:
    try:
        datetime.fromisoformat(str(text))
    except ValueError:
        return False
    return isinstance(text, str)


def _carved(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]],
                                 list[tuple]]:
    """Settings, favourites and reports read from the file's pages, told apart by shape:
    a setting is a key and a JSON value, a favourite an id, a name and a time, a report
    its nine (or, before version 2, seven) columns with the row number left out."""
    from desktop.sqlite_pages import table_rows

    settings, favourites, corrections = [], [], []
    for row in table_rows(path):
        texts = [v for v in row if isinstance(v, str)]
        if len(row) == 2 and len(texts) == 2 and row[0]:
            with suppress(ValueError):
                json.loads(str(row[1]))
                settings.append((str(row[0]), str(row[1])))
        elif len(row) == 3 and len(texts) == 3 and row[0] and _is_time(row[2]):
            favourites.append((str(row[0]), str(row[1]), str(row[2])))
        elif len(row) in (7, 9) and row[0] is None and len(texts) == len(row) - 1 \
                and _is_time(row[6]):
            corrections.append((*texts, "", "")[:8])
    return settings, favourites, corrections


class UserData:
    """Favourites, settings and corrections of one user, in one SQLite file (or memory)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self._conn = conn
        self.path = path
        # Set when a damaged or newer file had to be moved aside at open: where it went.
        self.moved_aside: Path | None = None
        self.problem: str = ""
        # Set when the folder cannot be written: changes live only until the app closes.
        self.read_only = False
        self._migrate()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> UserData:
        path = Path(path) if path is not None else paths.user_data_dir() / FILE_NAME
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            if error.errno in NOT_WRITABLE:
                return cls._read_only(path)
            raise UserError(f"cannot create the user data folder: {error.strerror}",
                            path=path.parent) from error
        if not folder_is_writable(path.parent):
            return cls._read_only(path)
        moved_aside: Path | None = None
        problem = ""
        salvaged: tuple[list, list, list] = ([], [], [])
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(str(path))
            _check_usable(conn)
            conn.execute("PRAGMA journal_mode = WAL")
        except (UnusableFile, sqlite3.DatabaseError) as error:
            if conn is not None:
                conn.close()
            problem = str(error)
            moved_aside = cls._move_aside(path)
            salvaged = _salvage(moved_aside)
            log.warning("%s could not be used (%s); it was moved to %s and a new file was "
                        "started", path, problem, moved_aside)
            conn = _connect(str(path))
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        data = cls(conn, path)
        data.moved_aside, data.problem = moved_aside, problem
        if moved_aside is not None:
            data._restore(*salvaged)
        return data

    @classmethod
    def _read_only(cls, path: Path) -> UserData:
        """The folder cannot be written (a read-only disk, a locked-down account): what the
        file holds is read into memory, the file is left exactly as it is, and the app
        runs with favourites and reports turned off (``read_only``) and says why."""
        salvaged = _salvage(path) if path.exists() else ([], [], [])
        data = cls(_connect(":memory:"), path)
        data._restore(*salvaged)
        data.read_only = True
        data.problem = f"the folder {path.parent} is read-only"
        log.warning("%s: nothing can be saved (%s)", path, data.problem)
        return data

    @classmethod
    def in_memory(cls) -> UserData:
        """For kiosk mode: nothing a visitor does reaches the disk."""
        return cls(_connect(":memory:"), None)

    @staticmethod
    def _move_aside(path: Path) -> Path:
        stamp = _now().strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        path.replace(target)
        # The journal files belong to the damaged file: keep them next to it, not in the way.
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.replace(target.with_name(target.name + suffix))
        return target

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as conn:
                MIGRATIONS[number - 1](conn)
                conn.execute(f"PRAGMA user_version = {number}")

    def _restore(self, settings: list[tuple[str, str]],
                 favourites: list[tuple[str, str, str]], corrections: list[tuple]) -> None:
        with self._transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO settings VALUES (?, ?)", settings)
            conn.executemany("INSERT OR REPLACE INTO favourite VALUES (?, ?, ?)", favourites)
            conn.executemany(
                "INSERT INTO correction (org_id, org_name, reason, text, directory_version, "
                "created_at, query, locale) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", corrections)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    @property
    def persistent(self) -> bool:
        """Whether what is saved here outlives the app: not in a kiosk (memory only) nor
        on a read-only disk."""
        return self.path is not None and not self.read_only

    # -- favourites ------------------------------------------------------------------

    def is_favourite(self, org_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM favourite WHERE org_id = ?", (org_id,))
        return row.fetchone() is not None

    def set_favourite(self, org_id: str, name: str, on: bool) -> None:
        with self._transaction() as conn:
            if on:
                # Keep the first "added" time when starring again; refresh the saved name.
                conn.execute("INSERT INTO favourite VALUES (?, ?, ?) ON CONFLICT(org_id) "
                             "DO UPDATE SET name = excluded.name",
                             (org_id, name, _now().isoformat()))
            else:
                conn.execute("DELETE FROM favourite WHERE org_id = ?", (org_id,))

    def favourites(self) -> list[Favourite]:
        rows = self._conn.execute(
            "SELECT org_id, name, added_at FROM favourite ORDER BY added_at DESC, name")
        return [Favourite(i, n, datetime.fromisoformat(a)) for i, n, a in rows]

    # -- settings --------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with self._transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, text))

    # -- corrections -----------------------------------------------------------------

    def add_correction(self, org_id: str, org_name: str, reason: str, text: str,
                       directory_version: str) -> Correction:
        if reason not in CORRECTION_REASONS:
            raise ValueError(f"unknown correction reason {reason!r}; "
                             f"expected one of {', '.join(CORRECTION_REASONS)}")
        text = text.strip()[:MAX_CORRECTION_LENGTH]
        if reason == "other" and not text:
            raise ValueError("a correction of kind 'other' needs a description")
        created = _now()
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO correction (org_id, org_name, reason, text, directory_version, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (org_id, org_name, reason, text, directory_version, created.isoformat()))
            row_id = int(cursor.lastrowid or 0)
        return Correction(row_id, org_id, org_name, reason, text, directory_version, created)

    def add_search_report(self, query: str, locale: str, directory_version: str,
                          text: str = "") -> Correction:
        """Nothing found that the person needed: the search, its language and an optional
        word from them go into the corrections queue for the maintainers."""
        query = query.strip()[:MAX_CORRECTION_LENGTH]
        text = text.strip()[:MAX_CORRECTION_LENGTH]
        created = _now()
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO correction (org_id, org_name, reason, text, directory_version, "
                "created_at, query, locale) VALUES ('', '', ?, ?, ?, ?, ?, ?)",
                (NOT_FOUND, text, directory_version, created.isoformat(), query, locale))
            row_id = int(cursor.lastrowid or 0)
        return Correction(row_id, "", "", NOT_FOUND, text, directory_version, created,
                          query, locale)

    def corrections(self) -> list[Correction]:
        rows = self._conn.execute(
            "SELECT id, org_id, org_name, reason, text, directory_version, created_at, "
            "query, locale FROM correction ORDER BY id")
        return [Correction(i, o, n, r, t, v, datetime.fromisoformat(c), q, loc)
                for i, o, n, r, t, v, c, q, loc in rows]

    def export_corrections_csv(self, path: Path) -> int:
        """Write every correction report to ``path`` (UTF-8 with BOM, for spreadsheets).

        Written beside and renamed, so a failed export never leaves half a file.
        Returns how many reports were written.
        """
        import csv  # maintainers' export only: the app's start-up does without
        import io

        from desktop.files import write_atomically

        path = Path(path)
        corrections = self.corrections()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "created_at", "organization_id", "organization_name",
                         "reason", "text", "directory_version", "query", "locale"])
        for c in corrections:
            # Every cell, the directory's version included: a hostile directory must not
            # plant a formula in the maintainers' spreadsheet.
            writer.writerow([c.id, c.created_at.isoformat(), _csv_safe(c.org_id),
                             _csv_safe(c.org_name), _csv_safe(c.reason), _csv_safe(c.text),
                             _csv_safe(c.directory_version), _csv_safe(c.query),
                             _csv_safe(c.locale)])
        try:
            write_atomically(path, "\ufeff" + buffer.getvalue())  # a BOM, for spreadsheets
        except OSError as error:
            raise UserError(f"cannot write the corrections file: {error.strerror}",
                            path=path) from error
        return len(corrections)

    # -- kiosk -----------------------------------------------------------------------

    def clear(self) -> None:
        """Forget everything (kiosk reset between visitors)."""
        with self._transaction() as conn:
            for table in ("favourite", "settings", "correction"):
                conn.execute(f"DELETE FROM {table}")


def _csv_safe(text: str) -> str:
    """Stop a spreadsheet from running text typed by a visitor as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
