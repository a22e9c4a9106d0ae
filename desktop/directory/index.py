"""The search index: one document per organisation, derived from the HSDS tables.

Everything a newcomer might type about an organisation goes into its document: names,
translated descriptions, places, and one code token for each language it speaks, its
country and its categories (``vocabulary`` matches the names of those in every UI
language at query time). Rebuilt whole after every build or import; never by hand.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from desktop.directory.facet_index import write_facets, write_word_bitmaps
from desktop.directory.hours import MINUTES_PER_WEEK, from_schedule_row
from desktop.directory.schema import CATEGORY_CODES, DEMO_SOURCE, FTS_SQL, INDEX_SQL
from desktop.directory.textfold import index_words, sort_key
from desktop.directory.vocabulary import (
    category_token,
    country_token,
    kind_token,
    language_token,
    main_token,
    write_vocabulary,
)

DERIVED_TABLES = ("search_terms", "search_fts", "search_doc_hours", "search_doc_language",
                  "search_doc_category", "search_doc", "search_vocabulary", "search_facet")


def _grouped(conn: sqlite3.Connection, sql: str) -> dict[str, list[tuple]]:
    groups: dict[str, list[tuple]] = defaultdict(list)
    for key, *rest in conn.execute(sql):
        groups[key].append(tuple(rest))
    return groups


def _translations(conn: sqlite3.Connection) -> dict[tuple[str, str, str], list[str]]:
    texts: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for table, record, field, text in conn.execute(
        "SELECT table_name, record_id, field_name, translation FROM translations"
    ):
        texts[(table, record, field)].append(text)
    return texts


def _term_names(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """term id -> (code, index text). Home categories are found through their token;
    terms of other taxonomies (imported data) are found through their names."""
    return {
        term_id: (code or "", "" if code in CATEGORY_CODES else index_words(name))
        for term_id, code, name in conn.execute("SELECT id, code, name FROM taxonomy_term")
    }


@lru_cache(maxsize=4096)  # a directory has few distinct opening hours
def _schedule_ranges(schedule: tuple) -> tuple[tuple[int, int], ...]:
    byday, opens, closes = schedule
    try:
        return tuple(_week_ranges(from_schedule_row(byday, opens, closes)))
    except ValueError:
        return ()  # an unreadable imported schedule means "hours unknown"


def _week_ranges(intervals: Iterable) -> list[tuple[int, int]]:
    ranges = []
    for interval in intervals:
        start, end = interval.start_minute, interval.end_minute
        if end > MINUTES_PER_WEEK:  # Sunday night into Monday morning
            ranges.append((start, MINUTES_PER_WEEK))
            ranges.append((0, end - MINUTES_PER_WEEK))
        else:
            ranges.append((start, end))
    return ranges


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Recreate every derived search table; returns the number of documents."""
    for table in DERIVED_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.executescript(INDEX_SQL)
    conn.executescript(FTS_SQL)

    translations = _translations(conn)
    terms = _term_names(conn)
    services = _grouped(conn, "SELECT organization_id, id, name, alternate_name, description, "
                              "free_of_charge, open_to_undocumented FROM service "
                              "WHERE status IS NULL OR status != 'inactive' ORDER BY id")
    service_terms = _grouped(conn, "SELECT link_id, taxonomy_term_id, "
                                   "coalesce(label, '') = 'main' FROM attribute "
                                   "WHERE link_entity = 'service'")
    service_languages = _grouped(conn, "SELECT service_id, code FROM language "
                                       "WHERE service_id IS NOT NULL ORDER BY code")
    service_hours = _grouped(conn, "SELECT service_id, byday, opens_at, closes_at "
                                   "FROM schedule WHERE service_id IS NOT NULL")
    # A radio or paper in Arabic serves Arabic speakers: its languages count as spoken.
    media_languages = {org_id: (text or "").split() for org_id, text in conn.execute(
        "SELECT organization_id, languages_broadcast FROM media_detail")}
    places = _grouped(conn, """
        SELECT l.organization_id, l.latitude, l.longitude, a.city, a.region, a.country,
               a.address_1, a.postal_code, l.name, coalesce(l.time_zone, '')
        FROM location l LEFT JOIN address a ON a.location_id = l.id
        WHERE l.organization_id IS NOT NULL ORDER BY l.id""")

    docs, fts, doc_categories, doc_languages, doc_hours = [], [], [], [], []
    organizations = conn.execute(
        "SELECT id, name, alternate_name, description, kind, source, "
        "coalesce(main_category, '') FROM organization ORDER BY id")
    for rowid, (org_id, name, alternate, description, kind, source, main_category) in enumerate(
        organizations, start=1
    ):
        service_mains: list[str] = []
        other_names = [alternate or ""]
        descriptions = [description or "",
                        *translations.get(("organization", org_id, "description"), [])]
        category_codes: set[str] = set()
        category_text: list[str] = []
        languages: set[str] = set()
        free = undocumented = 0
        ranges: list[tuple[int, int]] = []
        for svc_id, svc_name, svc_alt, svc_desc, svc_free, svc_undoc in services.get(org_id, []):
            other_names += [svc_name, svc_alt or "",
                            *translations.get(("service", svc_id, "name"), [])]
            descriptions += [svc_desc or "",
                             *translations.get(("service", svc_id, "description"), [])]
            free |= bool(svc_free)
            undocumented |= bool(svc_undoc)
            for term_id, is_main in service_terms.get(svc_id, []):
                code, text = terms.get(term_id, ("", ""))
                if code in CATEGORY_CODES:
                    category_codes.add(code)
                    if is_main:
                        service_mains.append(code)
                category_text.append(text)
            languages.update(code for (code,) in service_languages.get(svc_id, []))
            for schedule in service_hours.get(svc_id, []):
                ranges += _schedule_ranges(schedule)
        languages.update(media_languages.get(org_id, ()))
        org_places = places.get(org_id, [])
        located = next((p for p in org_places if p[0] is not None), None)
        first = org_places[0] if org_places else (None,) * 9
        city = (located or first)[2] or ""
        country = (located or first)[4] or ""
        place_text = " ".join(" ".join(filter(None, (p[2], p[3], p[5], p[6], p[7])))
                              for p in org_places)
        codes = {country_token(p[4]) for p in org_places if p[4]}
        codes.update(language_token(code) for code in languages)
        codes.update(category_token(code) for code in category_codes)
        codes.add(kind_token(kind))
        if not main_category:  # an import without one: what most of its services are for
            ranked = sorted(set(service_mains), key=lambda c: (-service_mains.count(c), c))
            main_category = ranked[0] if ranked else min(category_codes, default="")
        time_zone = (located or first)[8] or ""
        if main_category:
            codes.add(main_token(main_category))
        docs.append((rowid, org_id, name, sort_key(name), kind, city, country,
                     located[0] if located else None, located[1] if located else None,
                     " ".join(sorted(languages)), " ".join(sorted(category_codes)),
                     int(free), int(undocumented), int(source == DEMO_SOURCE),
                     main_category, time_zone))
        fts.append((rowid, index_words(name), index_words(" ".join(other_names)),
                    " ".join(category_text), index_words(" ".join(descriptions)),
                    index_words(place_text), " ".join(sorted(codes))))
        doc_categories += [(rowid, code) for code in category_codes]
        doc_languages += [(rowid, code) for code in languages]
        doc_hours += [(rowid, start, end) for start, end in sorted(set(ranges))]

    conn.executemany("INSERT INTO search_doc VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
    conn.executemany("INSERT INTO search_fts(rowid, name, other_names, categories, description,"
                     " places, codes) VALUES (?,?,?,?,?,?,?)", fts)
    conn.executemany("INSERT INTO search_doc_category VALUES (?,?)", doc_categories)
    conn.executemany("INSERT INTO search_doc_language VALUES (?,?)", doc_languages)
    conn.executemany("INSERT INTO search_doc_hours VALUES (?,?,?)", doc_hours)
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    write_vocabulary(conn)
    categories: dict[int, set[str]] = defaultdict(set)
    for doc, code in doc_categories:
        categories[doc].add(code)
    languages: dict[int, set[str]] = defaultdict(set)
    for doc, code in doc_languages:
        languages[doc].add(code)
    write_facets(conn, docs, categories, languages)
    write_word_bitmaps(conn, len(docs))
    # "Open now" is judged on each entry's own clock: the zones it needs, kept at hand.
    zones = sorted({doc[-1] for doc in docs if doc[-1]})
    conn.execute("INSERT OR REPLACE INTO directory_meta(key, value) VALUES ('time_zones', ?)",
                 (" ".join(zones),))
    return len(docs)
