"""The search index: one document per organisation, derived from the HSDS tables.

Everything a newcomer might type about an organisation goes into its document in every
UI language at once — translated descriptions and category names, and the names of the
languages it speaks and the country it is in from CLDR — so a query in any language finds
it. Rebuilt whole after every build or import; never edited by hand.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from babel import Locale

from desktop.directory.hours import MINUTES_PER_WEEK, from_schedule_row
from desktop.directory.schema import CATEGORY_CODES, DEMO_SOURCE, FTS_SQL, INDEX_SQL
from desktop.directory.textfold import index_words, sort_key

INDEX_LOCALES = ("en", "ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")
DERIVED_TABLES = ("search_fts", "search_doc_hours", "search_doc_language",
                  "search_doc_category", "search_doc")
# Everyday words for a spoken language that CLDR's formal names miss.
LANGUAGE_SYNONYMS = {
    "ar": ("arabic", "عربي"),
    "fa": ("farsi", "فارسی", "dari", "دری"),
    "ps": ("pashto", "pashtu"),
    "ti": ("tigrinya", "tigrigna"),
    "so": ("somali", "af soomaali"),
    "uk": ("ukrainian",),
    "ru": ("russian",),
}


@cache
def _cldr(locale: str) -> Locale:
    return Locale.parse(locale)


@cache
def language_terms(code: str) -> str:
    """The name of a language in every UI language, folded, for the index."""
    names = {code}
    for locale in INDEX_LOCALES:
        name = _cldr(locale).languages.get(code)
        if name:
            names.add(name)
    names.update(LANGUAGE_SYNONYMS.get(code, ()))
    return index_words(" ".join(sorted(names)))


@cache
def country_terms(code: str) -> str:
    names = {code}
    for locale in INDEX_LOCALES:
        name = _cldr(locale).territories.get(code)
        if name:
            names.add(name)
    return index_words(" ".join(sorted(names)))


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


def _category_terms(conn: sqlite3.Connection, translations: dict, keywords: dict[str, list[str]]
                    ) -> dict[str, tuple[str, str]]:
    """term id -> (code, index text with its names in every language and keywords)."""
    terms: dict[str, tuple[str, str]] = {}
    for term_id, code, name, _description in conn.execute(
        "SELECT id, code, name, description FROM taxonomy_term"
    ):
        parts = [name, *translations.get(("taxonomy_term", term_id, "name"), [])]
        parts += keywords.get(code or "", [])
        terms[term_id] = (code or "", index_words(" ".join(parts)))
    return terms


def category_vocabulary(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Category code -> the folded words people use for it, in every language."""
    translations = defaultdict(list)
    for record, text in conn.execute(
        "SELECT record_id, translation FROM translations WHERE table_name = 'taxonomy_term' "
        "AND field_name = 'name'"
    ):
        translations[("taxonomy_term", record, "name")].append(text)
    terms = _category_terms(conn, translations, _stored_keywords(conn))
    vocabulary: dict[str, set[str]] = defaultdict(set)
    for code, text in terms.values():
        if code in CATEGORY_CODES:
            vocabulary[code].update(text.split())
    return {code: frozenset(words) for code, words in vocabulary.items()}


def _stored_keywords(conn: sqlite3.Connection) -> dict[str, list[str]]:
    row = conn.execute("SELECT value FROM directory_meta WHERE key = 'category_keywords'")
    found = row.fetchone()
    if not found:
        return {}
    keywords: dict[str, list[str]] = {}
    for line in found[0].splitlines():
        code, _, words = line.partition("=")
        keywords[code] = words.split("|") if words else []
    return keywords


def store_keywords(conn: sqlite3.Connection, keywords: dict[str, list[str]]) -> None:
    """Keep the categories' search keywords in the file, so re-indexing finds them."""
    value = "\n".join(f"{code}={'|'.join(words)}" for code, words in sorted(keywords.items()))
    conn.execute("INSERT OR REPLACE INTO directory_meta(key, value) VALUES "
                 "('category_keywords', ?)", (value,))


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
    terms = _category_terms(conn, translations, _stored_keywords(conn))
    services = _grouped(conn, "SELECT organization_id, id, name, alternate_name, description, "
                              "free_of_charge, open_to_undocumented FROM service "
                              "WHERE status IS NULL OR status != 'inactive' ORDER BY id")
    service_terms = _grouped(conn, "SELECT link_id, taxonomy_term_id FROM attribute "
                                   "WHERE link_entity = 'service'")
    service_languages = _grouped(conn, "SELECT service_id, code FROM language "
                                       "WHERE service_id IS NOT NULL ORDER BY code")
    service_hours = _grouped(conn, "SELECT service_id, byday, opens_at, closes_at "
                                   "FROM schedule WHERE service_id IS NOT NULL")
    places = _grouped(conn, """
        SELECT l.organization_id, l.latitude, l.longitude, a.city, a.region, a.country,
               a.address_1, a.postal_code, l.name
        FROM location l LEFT JOIN address a ON a.location_id = l.id
        WHERE l.organization_id IS NOT NULL ORDER BY l.id""")

    docs, fts, doc_categories, doc_languages, doc_hours = [], [], [], [], []
    organizations = conn.execute(
        "SELECT id, name, alternate_name, description, kind, source FROM organization "
        "ORDER BY id")
    for rowid, (org_id, name, alternate, description, kind, source) in enumerate(
        organizations, start=1
    ):
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
            for (term_id,) in service_terms.get(svc_id, []):
                code, text = terms.get(term_id, ("", ""))
                if code in CATEGORY_CODES:
                    category_codes.add(code)
                category_text.append(text)
            languages.update(code for (code,) in service_languages.get(svc_id, []))
            for byday, opens, closes in service_hours.get(svc_id, []):
                try:
                    ranges += _week_ranges(from_schedule_row(byday, opens, closes))
                except ValueError:
                    continue  # an unreadable imported schedule means "hours unknown"
        org_places = places.get(org_id, [])
        located = next((p for p in org_places if p[0] is not None), None)
        first = org_places[0] if org_places else (None,) * 8
        city = (located or first)[2] or ""
        country = (located or first)[4] or ""
        place_text = " ".join(
            " ".join(filter(None, (p[2], p[3], p[5], p[6], p[7]))) + " " + country_terms(p[4])
            for p in org_places if p[4])
        docs.append((rowid, org_id, name, sort_key(name), kind, city, country,
                     located[0] if located else None, located[1] if located else None,
                     " ".join(sorted(languages)), " ".join(sorted(category_codes)),
                     int(free), int(undocumented), int(source == DEMO_SOURCE)))
        fts.append((rowid, index_words(name), index_words(" ".join(other_names)),
                    " ".join(category_text), index_words(" ".join(descriptions)),
                    index_words(place_text),
                    " ".join(language_terms(code) for code in sorted(languages))))
        doc_categories += [(rowid, code) for code in category_codes]
        doc_languages += [(rowid, code) for code in languages]
        doc_hours += [(rowid, start, end) for start, end in sorted(set(ranges))]

    conn.executemany("INSERT INTO search_doc VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
    conn.executemany("INSERT INTO search_fts(rowid, name, other_names, categories, description,"
                     " places, languages) VALUES (?,?,?,?,?,?,?)", fts)
    conn.executemany("INSERT INTO search_doc_category VALUES (?,?)", doc_categories)
    conn.executemany("INSERT INTO search_doc_language VALUES (?,?)", doc_languages)
    conn.executemany("INSERT INTO search_doc_hours VALUES (?,?,?)", doc_hours)
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    return len(docs)
