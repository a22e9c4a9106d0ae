"""``db check``: is this directory file sound, current, and fresh?"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from desktop.directory.contacts import ContactError, check_web_address
from desktop.directory.database import STALE_AFTER_DAYS, Directory, check_directory_file
from desktop.directory.schema import DEMO_SOURCE, SYNTHETIC_SOURCE, repeated_ids


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    uncited: list[str] = field(default_factory=list)  # real records with no page or date
    notes: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        """The file can be used: whole, consistent, indexed (an update needs this)."""
        return not self.problems

    @property
    def ok(self) -> bool:
        """Sound, and every real record cited (what ``db check`` asks of a directory)."""
        return self.sound and not self.uncited

    def lines(self) -> list[str]:
        out = [f"{self.path}: {'OK' if self.ok else 'PROBLEMS FOUND'}"]
        out += [f"  problem: {p}" for p in self.problems + self.uncited]
        out += [f"  note: {n}" for n in self.notes]
        return out


def check_directory(path: Path, today: date | None = None) -> CheckReport:
    """Integrity, schema version, unique ids, search-index consistency and stale records.

    A file that cannot be opened at all raises UserError (exit 2); a file that opens but
    has problems gives a report with ``ok`` False (exit 1).
    """
    path = Path(path)
    check_directory_file(path)
    report = CheckReport(path)
    today = today or date.today()
    directory = Directory(path)
    try:
        # Each check on its own: a damaged page stops that check, and the report says
        # so and goes on with what can still be read.
        for check in (_integrity, _references, _index, _citations, _freshness):
            try:
                check(directory, report, today)
            except sqlite3.DatabaseError as error:
                report.problems.append(f"damaged ({check.__name__.strip('_')}): {error}")
    finally:
        directory.close()
    return report


def uncited_records(conn: sqlite3.Connection) -> list[str]:
    """A real record names the public pages its facts come from and the day they were read.

    Demonstration and synthetic entries say what they are instead.
    """
    problems = []
    for table in ("organization", "service"):
        for record_id, name, source, assured in conn.execute(
            f"SELECT id, name, source, assured_date FROM {table} "
            "WHERE source NOT IN (?, ?) ORDER BY name", (DEMO_SOURCE, SYNTHETIC_SOURCE)
        ):
            pages = (source or "").split()
            try:
                if not pages:
                    raise ContactError("no source page")
                for page in pages:
                    check_web_address(page)
            except ContactError as error:
                problems.append(f"{table} '{name}' ({record_id}) is not cited: {error}")
            if not assured:
                problems.append(f"{table} '{name}' ({record_id}) has no date it was checked")
    return problems


def stale_records(path: Path, today: date | None = None) -> list[str]:
    """``db check --stale``: each organisation not checked for over a year, oldest first,
    with the pages to check it against."""
    path = Path(path)
    check_directory_file(path)
    today = today or date.today()
    stale_before = (today - timedelta(days=STALE_AFTER_DAYS)).isoformat()
    with Directory(path) as directory:
        return [f"{when}  {name}  {source}" for name, when, source in directory.conn.execute(
            "SELECT name, coalesce(assured_date, 'never'), source FROM organization "
            "WHERE assured_date IS NULL OR assured_date < ? ORDER BY assured_date, name",
            (stale_before,))]


def _integrity(directory: Directory, report: CheckReport, today: date) -> None:
    integrity = [r[0] for r in directory.conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        report.problems += [f"integrity: {line}" for line in integrity[:10]]


def _references(directory: Directory, report: CheckReport, today: date) -> None:
    conn = directory.conn
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        report.problems.append(f"{table} row {rowid} points to a missing {parent}")
    for table, record_id in repeated_ids(conn):
        report.problems.append(f"{table} id {record_id} is used by more than one record")


def _index(directory: Directory, report: CheckReport, today: date) -> None:
    conn = directory.conn
    organizations = conn.execute("SELECT count(*) FROM organization").fetchone()[0]
    documents = conn.execute("SELECT count(*) FROM search_doc").fetchone()[0]
    if organizations != documents:
        report.problems.append(f"search index out of date: {documents} documents for "
                               f"{organizations} organisations")
    missing = conn.execute("SELECT count(*) FROM organization o WHERE NOT EXISTS "
                           "(SELECT 1 FROM search_doc d WHERE d.organization_id = o.id)"
                           ).fetchone()[0]
    if missing:
        report.problems.append(f"{missing} organisations are missing from the search index")
    try:
        conn.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'a*'").fetchone()
    except sqlite3.DatabaseError as error:
        report.problems.append(f"full-text index is unreadable: {error}")
    facets = directory.facet_index
    if facets.damaged:
        report.problems.append(f"the search facets cannot be read ({facets.damaged}); "
                               "rebuild the directory")
    report.problems += facets.word_problems(conn)


def _citations(directory: Directory, report: CheckReport, today: date) -> None:
    report.uncited += uncited_records(directory.conn)


def _freshness(directory: Directory, report: CheckReport, today: date) -> None:
    stale_before = (today - timedelta(days=STALE_AFTER_DAYS)).isoformat()
    stale = directory.conn.execute(
        "SELECT name, coalesce(assured_date, 'never') FROM organization "
        "WHERE assured_date IS NULL OR assured_date < ? ORDER BY assured_date",
        (stale_before,)).fetchall()
    if stale:
        report.notes.append(f"{len(stale)} organisations not verified for over a year:")
        report.notes += [f"    {name} (last verified {when})" for name, when in stale[:50]]
    info = directory.info(today)
    report.notes.append(f"{info.organizations} organisations, {info.services} services, "
                        f"{info.demo_organizations} demonstration entries")
