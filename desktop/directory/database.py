"""Opening a directory file, read-only, and reading records from it.

A file that is not SQLite, is truncated, or has another schema version is refused with
one clear ``UserError`` before anything else reads it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.directory.home_records import EmergencyNumbers, Helpline, LocalizedText
from desktop.directory.safe_text import without_direction_controls
from desktop.directory.schema import DEMO_SOURCE, SCHEMA_VERSION
from desktop.directory.texthash import source_hash
from desktop.errors import UserError, reading
from desktop.i18n import _

if TYPE_CHECKING:  # searching and the detail records load when first asked for: opening
    # a directory (and the app's first frame) needs neither.
    from desktop.directory.facet_index import FacetIndex
    from desktop.directory.records import DirectoryInfo, Organization, Service
    from desktop.directory.search import Page, SearchRequest
    from desktop.directory.spelling import Speller
    from desktop.directory.vocabulary import Vocabulary

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = ("organization", "service", "location", "search_doc", "search_fts",
                   "translations", "directory_meta")
STALE_AFTER_DAYS = 365


def check_directory_file(path: Path) -> None:
    """Refuse anything that is not a complete directory of this schema version."""
    path = Path(path)
    with reading(path, _("is a folder, not a directory database file")):
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise UserError(_("is not a directory database (not an SQLite file)"), path=path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_count and size < page_size * page_count:
        # Translators: {size} is the number of bytes the file has, {expected} the number it
        # should have, e.g. 1048576 of 4194304. The path of the file is shown before the
        # message.
        raise UserError(_("is truncated: {size} of {expected} bytes are there").format(
            size=size, expected=page_size * page_count), path=path)
    try:
        conn = _connect_read_only(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        # Translators: {error} is SQLite's own error message, in English, e.g. "database
        # disk image is malformed". The path of the file is shown before the message.
        raise UserError(_("is damaged and cannot be read ({error})").format(error=error),
                        path=path) from None
    if version > SCHEMA_VERSION:
        # Translators: {version} is the schema version number of the file, e.g. 9; {supported}
        # the one this app reads, e.g. 8. The path of the file is shown before the message.
        raise UserError(_("was made by a newer version of the app (directory schema "
                          "{version}, this app reads {supported}); update the app").format(
            version=version, supported=SCHEMA_VERSION), path=path)
    if version < SCHEMA_VERSION:
        # Translators: {version} is the schema version number of the file, e.g. 7; {supported}
        # the one this app reads, e.g. 8. "it" is the file, whose path is shown before the
        # message.
        raise UserError(_("has an old directory schema ({version}, this app reads "
                          "{supported}); rebuild or re-import it").format(
            version=version, supported=SCHEMA_VERSION), path=path)
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        # Translators: {table} is the name of a database table, not translated, e.g. search_fts.
        # The path of the file is shown before the message.
        raise UserError(_("is not a complete directory: table '{table}' is missing").format(
            table=missing[0]), path=path)


def open_active_directory() -> tuple[Directory, UserError | None]:
    """The installed update if it can be read, else the directory that came with the app,
    with what is wrong with the update. An update the app cannot read (made for another
    version of the app, damaged) must not keep anyone from the directory; the update file
    is left as it is, for an admin to replace."""
    from desktop import paths

    active, embedded = paths.active_directory(), paths.embedded_directory()
    try:
        return Directory(active), None
    except UserError as error:
        if active == embedded or not embedded.exists():
            raise
        return Directory(embedded), error


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _text(value: str | None) -> str:
    return without_direction_controls(value) if value else ""


class Directory:
    """A read-only directory database: search, browse and read organisations."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        check_directory_file(self.path)
        try:
            self.conn = _connect_read_only(self.path)
            self.conn.execute("PRAGMA query_only = ON")
            self._meta = dict(self.conn.execute("SELECT key, value FROM directory_meta"))
            self._corrections: dict[str, str] = {}
        except sqlite3.DatabaseError as error:
            # Translators: {error} is SQLite's own error message, in English, e.g. "database
            # disk image is malformed". The path of the file is shown before the message.
            raise UserError(_("is damaged and cannot be read ({error})").format(error=error),
                        path=path) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Directory:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- search ------------------------------------------------------------------------
    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Names of languages, countries and categories in every UI language."""
        from desktop.directory.vocabulary import Vocabulary

        return Vocabulary(self.conn)

    @cached_property
    def speller(self) -> Speller:
        from desktop.directory.spelling import Speller

        return Speller(self.conn)

    def interpret(self, request: SearchRequest) -> SearchRequest:
        """The request as it will be searched: a word nothing in the directory begins with
        is corrected to the closest word that is there, unless asked ``as_typed``."""
        if request.as_typed or not request.text.strip():
            return request
        key = request.text
        corrected = self._corrections.get(key)
        if corrected is None:
            corrected = self.speller.correct(key).corrected
            if len(self._corrections) > 2000:
                self._corrections.clear()
            self._corrections[key] = corrected
        if corrected == request.text:
            return request
        from dataclasses import replace

        return replace(request, text=corrected)

    def search(self, request: SearchRequest, *, after: tuple | None = None,
               limit: int = 50) -> Page:
        from dataclasses import replace

        from desktop.directory import search as search_module

        searched = self.interpret(request)
        page = search_module.search(self.conn, searched, after=after, limit=limit,
                                    vocabulary=self.vocabulary, index=self.facet_index)
        if searched.text != request.text:
            page = replace(page, corrected_text=searched.text)
        return page

    def count(self, request: SearchRequest) -> int:
        from desktop.directory import search as search_module

        return search_module.count(self.conn, self.interpret(request), self.vocabulary)

    def summary(self, request: SearchRequest
                ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """The count and the facet counts together, in one statement (the results page
        asks for both on every keystroke)."""
        from desktop.directory import search as search_module

        return search_module.summary(self.conn, self.interpret(request), self.vocabulary,
                                     self.facet_index)

    @cached_property
    def facet_index(self) -> FacetIndex:
        from desktop.directory.facet_index import FacetIndex

        return FacetIndex(self.conn)

    def facets(self, request: SearchRequest) -> dict[str, list[tuple[str, int]]]:
        from desktop.directory import search as search_module

        return search_module.facets(self.conn, self.interpret(request), self.vocabulary)

    # -- reference data ----------------------------------------------------------------
    def places(self) -> list[tuple[str, str, float, float]]:
        """Cities with located entries: (city, country, latitude, longitude) of their
        centre, for a person to say where they are without any network."""
        return [(city, country, lat, lon) for city, country, lat, lon in self.conn.execute(
            "SELECT city, country, avg(latitude), avg(longitude) FROM search_doc "
            "WHERE latitude IS NOT NULL AND city != '' GROUP BY city, country "
            "ORDER BY country, city")]

    def emergency_numbers(self, country_code: str) -> EmergencyNumbers | None:
        row = self.conn.execute(
            "SELECT country_code, general, police, ambulance, fire, source, assured_date, "
            "note FROM emergency_number WHERE country_code = ?", (country_code,)).fetchone()
        return EmergencyNumbers(*(_text(v) for v in row)) if row else None

    def all_emergency_numbers(self) -> list[EmergencyNumbers]:
        return [EmergencyNumbers(*(_text(v) for v in row)) for row in self.conn.execute(
            "SELECT country_code, general, police, ambulance, fire, source, assured_date, "
            "note FROM emergency_number ORDER BY country_code")]

    def helplines(self, country_code: str, locale: str = "en") -> list[Helpline]:
        """The national helplines of a country, as services of the bodies that run them."""
        from desktop.directory.home_records import Helpline

        found: dict[str, Helpline] = {}
        for svc_id, topic, name, org_id, org_name, number in self.conn.execute(
            "SELECT s.id, s.helpline, s.name, o.id, o.name, p.number FROM service s "
            "JOIN organization o ON o.id = s.organization_id "
            "JOIN phone p ON p.service_id = s.id "
            "WHERE s.helpline IS NOT NULL AND EXISTS (SELECT 1 FROM service_at_location sl "
            "JOIN address a ON a.location_id = sl.location_id "
            "WHERE sl.service_id = s.id AND a.country = ?) ORDER BY s.helpline, p.number",
            (country_code,)
        ):
            if svc_id not in found:
                found[svc_id] = Helpline(topic, number,
                                         self._translate("service", svc_id, "name", name, locale),
                                         org_id, org_name)
        order = ("anti_trafficking", "violence_against_women", "children", "migrant_workers")
        return sorted(found.values(), key=lambda h: (order.index(h.topic) if h.topic in order
                                                     else len(order), h.number))

    def category_names(self, locale: str) -> dict[str, LocalizedText]:
        """Category code -> its name in ``locale`` (English when not translated)."""
        names = {}
        for term_id, code, name in self.conn.execute(
            "SELECT id, code, name FROM taxonomy_term WHERE code IS NOT NULL"
        ):
            names[code] = self._translate("taxonomy_term", term_id, "name", name, locale)
        return names

    def _translate(self, table: str, record_id: str, field: str, original: str | None,
                   locale: str) -> LocalizedText:
        original = original or ""
        if locale == "en" or not original:
            return LocalizedText(_text(original), locale)
        row = self.conn.execute(
            "SELECT translation, source_hash, draft FROM translations WHERE table_name = ? "
            "AND record_id = ? AND field_name = ? AND locale = ?",
            (table, record_id, field, locale.split("_")[0])).fetchone()
        if row and row[1] == source_hash(original):
            return LocalizedText(_text(row[0]), locale, draft=bool(row[2]))
        return LocalizedText(_text(original), "en", translated=False)

    # -- records -----------------------------------------------------------------------
    def organization(self, organization_id: str, locale: str = "en") -> Organization | None:
        from desktop.directory.records import Address, Location, MediaDetail, Organization

        c = self.conn
        row = c.execute(
            "SELECT id, name, alternate_name, description, kind, website, email, source, "
            "assured_date, main_category, note FROM organization WHERE id = ?",
            (organization_id,)).fetchone()
        if row is None:
            return None
        (org_id, name, alternate, description, kind, website, email, source, assured,
         main_category, note) = row
        media_row = c.execute("SELECT medium, languages_broadcast, channel FROM media_detail "
                              "WHERE organization_id = ?", (org_id,)).fetchone()
        media = (MediaDetail(media_row[0], tuple(_text(media_row[1]).split()),
                             _text(media_row[2])) if media_row else None)
        communities = tuple(r[0] for r in c.execute(
            "SELECT country_code FROM community_served WHERE organization_id = ? ORDER BY 1",
            (org_id,)))
        phones_by_owner: dict[str, list[str]] = defaultdict(list)
        for owner, number in c.execute(
            "SELECT coalesce(location_id, service_id, organization_id), number FROM phone "
            "WHERE organization_id = ?1 OR location_id IN (SELECT id FROM location "
            "WHERE organization_id = ?1) OR service_id IN (SELECT id FROM service "
            "WHERE organization_id = ?1) ORDER BY id", (org_id,)
        ):
            phones_by_owner[owner].append(number)
        locations = tuple(
            Location(loc_id, _text(loc_name),
                     Address(*(_text(v) for v in address)), lat, lon,
                     tuple(phones_by_owner.get(loc_id, ())), bool(approximate), _text(zone))
            for loc_id, loc_name, lat, lon, approximate, zone, *address in c.execute(
                "SELECT l.id, l.name, l.latitude, l.longitude, l.coordinates_approximate, "
                "l.time_zone, a.address_1, a.address_2, "
                "a.city, a.region, a.postal_code, a.country FROM location l "
                "LEFT JOIN address a ON a.location_id = l.id WHERE l.organization_id = ? "
                "ORDER BY l.id", (org_id,)))
        services = tuple(self._services(org_id, locale, phones_by_owner))
        return Organization(
            id=org_id, name=_text(name), alternate_name=_text(alternate),
            description=self._translate("organization", org_id, "description", description,
                                        locale),
            kind=kind, website=_text(website), email=_text(email), source=source,
            assured_date=date.fromisoformat(assured) if assured else None,
            is_demo=source == DEMO_SOURCE, communities_served=communities, media=media,
            locations=locations, services=services,
            phones=tuple(phones_by_owner.get(org_id, ())), main_category=_text(main_category),
            note=_text(note))

    def _services(self, org_id: str, locale: str,
                  phones_by_owner: dict[str, list[str]]) -> list[Service]:
        from desktop.directory.hours import from_schedule_row
        from desktop.directory.records import Service

        c = self.conn
        services = []
        for (svc_id, name, description, url, email, free, no_docs, undocumented, interp,
             assured, helpline, source) in c.execute(
            "SELECT id, name, description, url, email, free_of_charge, no_documents_needed, "
            "open_to_undocumented, interpretation_available, assured_date, helpline, source "
            "FROM service WHERE organization_id = ? ORDER BY name, id", (org_id,)
        ):
            # The main category first, then the others.
            categories = tuple(r[0] for r in c.execute(
                "SELECT t.code FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id"
                " WHERE a.link_id = ? AND a.link_entity = 'service' AND t.code IS NOT NULL "
                "ORDER BY coalesce(a.label, '') != 'main', 1", (svc_id,)))
            languages = tuple(r[0] for r in c.execute(
                "SELECT code FROM language WHERE service_id = ? ORDER BY code", (svc_id,)))
            hours: list = []
            for byday, opens, closes in c.execute(
                "SELECT byday, opens_at, closes_at FROM schedule WHERE service_id = ?",
                (svc_id,)
            ):
                try:
                    hours += from_schedule_row(byday, opens, closes)
                except ValueError:
                    continue
            location_ids = tuple(r[0] for r in c.execute(
                "SELECT location_id FROM service_at_location WHERE service_id = ? ORDER BY 1",
                (svc_id,)))
            services.append(Service(
                id=svc_id, name=self._translate("service", svc_id, "name", name, locale),
                description=self._translate("service", svc_id, "description", description,
                                            locale),
                categories=categories, languages=languages, hours=tuple(sorted(hours)),
                free_of_charge=bool(free), no_documents_needed=bool(no_docs),
                open_to_undocumented=bool(undocumented),
                interpretation_available=bool(interp),
                phones=tuple(phones_by_owner.get(svc_id, ())), email=_text(email),
                url=_text(url), location_ids=location_ids,
                assured_date=date.fromisoformat(assured) if assured else None,
                helpline=_text(helpline),
                sources=tuple(p for p in _text(source).split() if p.startswith("http"))))
        return services

    def info(self, today: date | None = None) -> DirectoryInfo:
        from desktop.directory.records import DirectoryInfo

        today = today or date.today()
        c = self.conn
        organizations, demo, oldest = c.execute(
            "SELECT count(*), sum(source = ?), min(assured_date) FROM organization",
            (DEMO_SOURCE,)).fetchone()
        stale_before = (today - timedelta(days=STALE_AFTER_DAYS)).isoformat()
        stale = c.execute("SELECT count(*) FROM organization WHERE assured_date IS NULL "
                          "OR assured_date < ?", (stale_before,)).fetchone()[0]
        labels = tuple(r[0] for r in c.execute(
            "SELECT source FROM organization GROUP BY source ORDER BY count(*) DESC"))
        return DirectoryInfo(
            path=str(self.path), version=self._meta.get("version", ""),
            build_date=self._meta.get("build_date", ""),
            sources=self._meta.get("sources", ""), licence=self._meta.get("licence", ""),
            organizations=organizations,
            services=c.execute("SELECT count(*) FROM service").fetchone()[0],
            demo_organizations=demo or 0,
            oldest_assured_date=date.fromisoformat(oldest) if oldest else None,
            stale_organizations=stale, source_labels=labels)
