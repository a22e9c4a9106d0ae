"""Search and browse over the directory: full text, filters, facets, keyset paging.

User text never reaches SQL: it is folded into words, and each word becomes a quoted
FTS5 prefix token passed as a bound parameter. Filters are bound parameters too.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import compress
from typing import Literal

from desktop.directory.facet_index import (
    JOINT,
    MAIN,
    FacetIndex,
    Matches,
    bitmap_of,
    matching_rows,
)
from desktop.directory.hours import week_minute
from desktop.directory.records import ResultRow
from desktop.directory.safe_text import without_direction_controls
from desktop.directory.textfold import query_words, worth_searching
from desktop.directory.vocabulary import TOKEN_PREFIX, Vocabulary, category_token, main_token
from desktop.errors import UserError

SortOrder = Literal["relevance", "name", "distance"]
# Column weights for bm25, in search_fts column order:
# name, other_names, categories, description, places, languages.
BM25_WEIGHTS = (10.0, 4.0, 3.0, 1.0, 5.0, 2.0)
MAX_QUERY_WORDS = 12
# bm25 costs about a microsecond and a half per matching entry: beyond this many
# matches, results come in tiers instead (see _broad_search).
RANK_AT_MOST = 1000
MAX_WORD_LENGTH = 64
FACETS = ("kind", "category", "language", "country", "city", "open_now", "free_of_charge",
          "open_to_undocumented")


@dataclass(frozen=True)
class SearchFilters:
    kinds: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    cities: frozenset[str] = frozenset()
    open_at: datetime | None = None
    free_of_charge: bool = False
    open_to_undocumented: bool = False
    within_km: float | None = None  # of the request's ``near`` point

    def is_empty(self) -> bool:
        return self == SearchFilters()


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: SortOrder = "relevance"
    near: tuple[float, float] | None = None  # (latitude, longitude) for distances
    now: datetime | None = None  # for "open now" on result rows
    # Where the person is (country code, city): entries there come first.
    home: tuple[str, str] | None = None
    # Search the words exactly as typed, even where one looks like a typo.
    as_typed: bool = False

    def __post_init__(self) -> None:
        if self.near is not None:
            try:
                lat, lon = (float(v) for v in self.near)
            except (TypeError, ValueError):
                lat = lon = math.nan
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # NaN and infinity fail too
                raise UserError(f"a place to measure from must be a latitude (-90 to 90) "
                                f"and a longitude (-180 to 180), not {self.near!r}")


@dataclass(frozen=True)
class Page:
    rows: tuple[ResultRow, ...]
    next_cursor: tuple | None  # pass as ``after`` to get the following page
    # The query searched for instead of what was typed, when a word was corrected.
    corrected_text: str | None = None


def fts_query(text: str, vocabulary: Vocabulary | None = None) -> str | None:
    """Turn what a person typed into a safe FTS5 query, or None when nothing is searchable
    (see ``fts_groups``)."""
    return _joined(fts_groups(text, vocabulary))


def _joined(groups: list[list[str]]) -> str | None:
    return " AND ".join(group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")"
                        for group in groups) or None


def fts_groups(text: str, vocabulary: Vocabulary | None = None) -> list[list[str]]:
    """What a person typed as full-text terms: one group per word, any of whose terms
    may match, every group required.

    Every word is quoted (so ``AND``, ``NEAR``, ``*``, ``:`` and quotes are just text)
    and the last one is prefix-matched, because people search as they type. A word that
    begins the name of a language, country or category in any UI language also matches
    its code token.
    """
    groups: list[list[str]] = []
    typed = [w[:MAX_WORD_LENGTH].replace('"', "") for w in query_words(text)[:MAX_QUERY_WORDS]]
    typed = [w for w in typed if w]
    if len(typed) > 1 and not worth_searching(typed[-1]):
        # One Latin, Arabic or Cyrillic letter just typed after other words ("legal h"):
        # as a prefix it matches nearly everything, and the words before it already say
        # what is sought. It counts from its second letter, as a first word does.
        typed.pop()
    for position, word in enumerate(typed):
        # Words before the last are finished (a space followed them): matching them
        # whole is what was meant, and far cheaper than merging every longer word.
        # The code tokens all begin with TOKEN_PREFIX: a word that could begin one is
        # matched whole, or "q" would merge the code lists of every entry.
        prefix_ok = position == len(typed) - 1 and not TOKEN_PREFIX.startswith(word[:2])
        alternatives = [f'"{word}"*' if prefix_ok else f'"{word}"']
        if vocabulary is not None:
            alternatives += [f'"{token}"' for token in
                             vocabulary.expand(word, whole=position < len(typed) - 1)]
        groups.append(alternatives)
    return groups


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _bindable(value: object) -> str:
    """A filter value as SQLite can take it: text the command line could not decode
    (lone surrogates from bytes that are not UTF-8) becomes replacement characters,
    which match nothing, instead of an encoding error."""
    text = str(value)
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


class _Where:
    """Collects SQL conditions on ``d`` (search_doc) with their bound parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[object] = []

    def add(self, clause: str, *params: object) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def any_of(self, column: str, values: frozenset[str]) -> None:
        values = frozenset(_bindable(v) for v in values)
        if values:
            marks = ",".join("?" * len(values))
            self.add(f"{column} IN ({marks})", *sorted(values))

    def sql(self) -> str:
        return " AND ".join(self.clauses) or "1"


def _where(conn: sqlite3.Connection, request: SearchRequest, match: str | None,
           skip_facet: str = "") -> _Where:
    where = _Where()
    f = request.filters
    if match:
        where.add("d.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)", match)
    if skip_facet != "kind":
        where.any_of("d.kind", f.kinds)
    if skip_facet != "country":
        where.any_of("d.country", f.countries)
    if skip_facet != "city":
        where.any_of("d.city", f.cities)
    for facet, table, values in (("category", "search_doc_category", f.categories),
                                 ("language", "search_doc_language", f.languages)):
        if values and skip_facet != facet:
            marks = ",".join("?" * len(values))
            where.add(f"d.rowid IN (SELECT doc FROM {table} WHERE code IN ({marks}))",
                      *sorted(_bindable(v) for v in values))
    if f.open_at is not None and skip_facet != "open_now":
        minute, params = _local_minute_expression(f.open_at, time_zones(conn))
        where.add(_OPEN_AT.format(minute=minute), *params, *params)
    if f.within_km is not None and request.near is not None:
        # A planar bound, the same expression that orders by distance: consistent with
        # the counts and cheap, and within a few per cent of the true distance.
        expression, params = _distance_expression(request.near)
        radius = max(0.0, min(float(f.within_km), 20_000.0)) / 111.32
        where.add(f"{expression} <= ?", *params, radius * radius)
    if f.free_of_charge and skip_facet != "free_of_charge":
        where.add("d.free_of_charge = 1")
    if f.open_to_undocumented and skip_facet != "open_to_undocumented":
        where.add("d.open_to_undocumented = 1")
    return where


_OPEN_AT = ("EXISTS (SELECT 1 FROM search_doc_hours h WHERE h.doc = d.rowid "
            "AND h.opens <= {minute} AND {minute} < h.closes)")


def _aware(moment: datetime) -> datetime:
    """A moment without a zone is the device's own local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def local_week_minute(moment: datetime, zone: str) -> int:
    """The minute of the week at ``moment`` on the clocks of ``zone`` (an entry's hours
    are local to its place); the moment as given when the zone is unknown."""
    if not zone:
        return week_minute(moment)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return week_minute(_aware(moment).astimezone(ZoneInfo(zone)))
    except (ZoneInfoNotFoundError, ValueError):
        return week_minute(moment)


def _local_minute_expression(moment: datetime, zones: tuple[str, ...]
                             ) -> tuple[str, list[object]]:
    """SQL for "the minute of the week where this entry is", one branch per time zone."""
    if not zones:
        return "?", [week_minute(moment)]
    branches = " ".join("WHEN ? THEN ?" for _ in zones)
    params: list[object] = []
    for zone in zones:
        params += [zone, local_week_minute(moment, zone)]
    return f"(CASE d.time_zone {branches} ELSE ? END)", [*params, week_minute(moment)]


def time_zones(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The time zones of a directory's entries, kept in its metadata by the index."""
    row = conn.execute("SELECT value FROM directory_meta WHERE key = 'time_zones'").fetchone()
    return tuple(row[0].split()) if row and row[0] else ()
_ROW_COLUMNS = ("d.rowid, d.organization_id, d.name, d.kind, d.city, d.country, d.languages, "
                "d.categories, d.is_demo, d.latitude, d.longitude, d.time_zone, d.sort_name")


def _distance_expression(near: tuple[float, float]) -> tuple[str, list[object]]:
    """Squared planar distance in degrees: orders like the true distance at city scale
    without needing SQL math functions. Places with no coordinates sort last."""
    lat, lon = near
    scale = math.cos(math.radians(lat)) ** 2
    expr = ("CASE WHEN d.latitude IS NULL THEN 1e12 ELSE "
            "(d.latitude - ?) * (d.latitude - ?) + (d.longitude - ?) * (d.longitude - ?) * ? END")
    return expr, [lat, lat, lon, lon, scale]


def search(conn: sqlite3.Connection, request: SearchRequest, *, after: tuple | None = None,
           limit: int = 50, vocabulary: Vocabulary | None = None,
           index: FacetIndex | None = None) -> Page:
    """One page of results, ordered as asked; ``after`` is the previous page's cursor.

    Entries in a category that the words name ("hous", "logement", "سكن" → housing)
    come first when ordering by relevance.
    """
    match = fts_query(request.text, vocabulary)
    if request.text.strip() and match is None:
        return Page((), None)  # only punctuation or symbols: nothing can match
    sort = request.sort
    if sort == "distance" and request.near is None:
        sort = "relevance"
    if sort == "relevance" and match is None:
        sort = "name"
    intent = (vocabulary.category_intent(query_words(request.text))
              if vocabulary is not None and sort == "relevance" else frozenset())
    if sort == "relevance" and match and index is not None and index.has_bitmaps():
        found = _matches(conn, request.text, vocabulary, match, index)
        if found.count > RANK_AT_MOST:
            if intent or len(query_words(request.text)) != 1:
                return _broad_search_in_bitmaps(conn, request, found, intent, after, limit,
                                                index)
            return _broad_search(conn, request, match, intent, after, limit)
    elif sort == "relevance" and _too_broad_to_rank(conn, match):
        return _broad_search(conn, request, match or "", intent, after, limit)
    if sort == "distance" and index is not None and index.has_bitmaps():
        return _nearest_in_bitmaps(conn, request, match, after, limit, index, vocabulary)
    key_params: list[object] = []
    from_params: list[object] = []
    if sort == "relevance":
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        source = (f"(SELECT rowid AS doc, bm25(search_fts, {weights}) AS key "
                  "FROM search_fts WHERE search_fts MATCH ?) m JOIN search_doc d "
                  "ON d.rowid = m.doc")
        from_params.append(match)
        purpose, purpose_params = _purpose_tier(intent)
        local, local_params = _local_tier(request.home)
        # What the person means first, then near them, then how well the words match
        # (bm25 is a small negative number).
        key = f"({purpose}) * 3000 + ({local}) * 1000 + m.key"
        key_params = purpose_params + local_params
        where = _where(conn, request, None)
    else:
        source = "search_doc d"
        where = _where(conn, request, match)
        if sort == "name":
            purpose, purpose_params = _purpose_tier(request.filters.categories)
            local, local_params = _local_tier(request.home)
            key = f"({purpose}) || ({local}) || d.sort_name"
            key_params = purpose_params + local_params
        else:
            assert request.near is not None
            key, key_params = _distance_expression(request.near)
    # Parameters in the order their "?" appear: SELECT list, FROM, WHERE, cursor, LIMIT.
    params = key_params + from_params + where.params
    sql = (f"SELECT * FROM (SELECT {_ROW_COLUMNS}, {key} AS sort_key FROM {source} "
           f"WHERE {where.sql()})")
    if after is not None:
        sql += " WHERE (sort_key > ? OR (sort_key = ? AND rowid > ?))"
        params += [after[0], after[0], after[1]]
    sql += " ORDER BY sort_key, rowid LIMIT ?"
    params.append(limit + 1)
    raw = conn.execute(sql, params).fetchall()
    more = len(raw) > limit
    raw = raw[:limit]
    rows = _result_rows(conn, raw, request)
    cursor = (raw[-1][-1], raw[-1][0]) if more and raw else None
    return Page(rows, cursor)


def _purpose_tier(categories: frozenset[str]) -> tuple[str, list[object]]:
    """0 for an entry whose main purpose is one of ``categories``, 1 for one that offers
    it among others, 2 for the rest: a radio with a legal-advice programme comes after
    the legal services when someone asks for a lawyer."""
    if not categories:
        return "0", []
    marks = ",".join("?" * len(categories))
    codes = sorted(categories)
    return (f"CASE WHEN d.main_category IN ({marks}) THEN 0 WHEN d.rowid IN (SELECT doc "
            f"FROM search_doc_category WHERE code IN ({marks})) THEN 1 ELSE 2 END",
            codes + codes)


def _local_tier(home: tuple[str, str] | None) -> tuple[str, list[object]]:
    """0 in the person's town, 1 elsewhere in their country, 2 abroad (0 when unknown)."""
    if home is None or not home[0]:
        return "0", []
    country, city = home
    return ("CASE WHEN d.country = ? AND d.city = ? THEN 0 WHEN d.country = ? THEN 1 "
            "ELSE 2 END", [country, city or "", country])


def _too_broad_to_rank(conn: sqlite3.Connection, match: str | None) -> bool:
    if match is None:
        return False
    found = conn.execute("SELECT count(*) FROM (SELECT rowid FROM search_fts "
                         "WHERE search_fts MATCH ? LIMIT ?)", (match, RANK_AT_MOST + 1))
    return found.fetchone()[0] > RANK_AT_MOST


def _broad_search(conn: sqlite3.Connection, request: SearchRequest, match: str,
                  intent: frozenset[str], after: tuple | None, limit: int) -> Page:
    """Results of a query too broad for a ranking to mean much ("a", "cen", "help" in a
    directory of 100,000), at a cost that does not grow with the number of matches.

    Each tier comes in the index's own order: first the entries whose main purpose is
    the category the words name, then those that offer it among others, then the rest;
    or, for one word naming no category, those whose names match it, then the rest.
    Several words naming no category come as one tier: a name that holds them all is
    rare, and looking for it costs as much as the page. As soon as the person types a
    more telling word, ``search`` ranks by bm25 again.
    """
    tiers: tuple[str, ...]
    if intent:
        # What it is for, above all; then what offers it among other things; then the rest.
        # (A main purpose need not be among the services' categories: the tiers are
        # written so that every match is in exactly one.)
        main = " OR ".join(f'"{main_token(code)}"' for code in sorted(intent))
        offers = " OR ".join(f'"{category_token(code)}"' for code in sorted(intent))
        tiers = (f"({match}) AND {{codes}} : ({main})",
                 f"({match}) AND {{codes}} : ({offers}) NOT {{codes}} : ({main})",
                 f"({match}) NOT {{codes}} : ({offers} OR {main})")
    elif len(query_words(request.text)) == 1:
        strong = f"{{name other_names}} : ({match})"
        tiers = (strong, f"({match}) NOT ({strong})")
    else:
        tiers = (match,)
    where = _where(conn, request, None)
    first_tier, after_rowid = (int(after[0]), int(after[1])) if after else (0, 0)
    raw: list[tuple] = []
    for tier in range(first_tier, len(tiers)):
        start = after_rowid if tier == first_tier else 0
        raw += conn.execute(
            f"SELECT {_ROW_COLUMNS}, {tier} AS sort_key FROM search_fts JOIN search_doc d "
            f"ON d.rowid = search_fts.rowid WHERE search_fts MATCH ? "
            f"AND search_fts.rowid > ? AND {where.sql()} ORDER BY search_fts.rowid LIMIT ?",
            [tiers[tier], start, *where.params, limit + 1 - len(raw)]).fetchall()
        if len(raw) > limit:
            break
    more = len(raw) > limit
    raw = raw[:limit]
    cursor = (raw[-1][-1], raw[-1][0]) if more and raw else None
    return Page(_result_rows(conn, raw, request), cursor)


def _broad_search_in_bitmaps(conn: sqlite3.Connection, request: SearchRequest,
                             found: Matches, intent: frozenset[str],
                             after: tuple | None, limit: int, index: FacetIndex) -> Page:
    """``_broad_search`` with the index's bitmaps, for the same tiers in the same order:
    the matches the page needs are already at hand from the keystroke's counts, so each
    tier is a few ANDs instead of another full-text query."""
    matched = _filtered(conn, request, found.rows, found.bitmap, index)
    if intent:
        main = index.value_bitmap(MAIN, intent)
        offers = index.value_bitmap("category", intent)
        tiers = [matched & main, matched & offers & ~main, matched & ~(offers | main)]
    else:
        tiers = [matched]
    first_tier, after_rowid = (int(after[0]), int(after[1])) if after else (0, 0)
    picked: list[tuple[int, int]] = []
    for tier in range(first_tier, len(tiers)):
        remaining = tiers[tier]
        if tier == first_tier:
            remaining &= ~((1 << (after_rowid + 1)) - 1)
        while remaining and len(picked) <= limit:
            lowest = remaining & -remaining
            picked.append((tier, lowest.bit_length() - 1))
            remaining ^= lowest
        if len(picked) > limit:
            break
    return _page_of(conn, request, picked, limit)


def _filtered(conn: sqlite3.Connection, request: SearchRequest,
              rows: Callable[[], list[int]], matched: int, index: FacetIndex) -> int:
    """The matches (``rows()`` as a list, ``matched`` as a bitmap) every filter keeps."""
    f = request.filters
    if f.within_km is not None and request.near is not None:
        matched = bitmap_of(index.within(rows(), request.near, f.within_km), index.size + 1)
    for facet, attribute in _FACET_FILTERS.items():
        if getattr(f, attribute):
            matched &= index.value_bitmap(facet, getattr(f, attribute))
    for flag in ("free_of_charge", "open_to_undocumented"):
        if getattr(f, flag):
            matched &= index.value_bitmap(flag, ("1",))
    if f.open_at is not None:
        matched &= _open_bitmap(conn, f.open_at, index)
    return matched


def _page_of(conn: sqlite3.Connection, request: SearchRequest,
             picked: list[tuple[object, int]], limit: int) -> Page:
    """The page of the entries ``picked`` as (sort key, rowid), one more than ``limit``
    when there is a next page."""
    more = len(picked) > limit
    picked = picked[:limit]
    by_rowid: dict[int, tuple] = {}
    if picked:
        marks = ",".join("?" * len(picked))
        for row in conn.execute(f"SELECT {_ROW_COLUMNS} FROM search_doc d "
                                f"WHERE d.rowid IN ({marks})", [r for _k, r in picked]):
            by_rowid[row[0]] = row
    raw = [(*by_rowid[rowid], key) for key, rowid in picked if rowid in by_rowid]
    cursor = (raw[-1][-1], raw[-1][0]) if more and raw else None
    return Page(_result_rows(conn, raw, request), cursor)


def _nearest_in_bitmaps(conn: sqlite3.Connection, request: SearchRequest, match: str | None,
                        after: tuple | None, limit: int, index: FacetIndex,
                        vocabulary: Vocabulary | None) -> Page:
    """Nearest first, from the towns nearest the place outward (see ``FacetIndex.nearest``):
    the same order as sorting every match by distance, without sorting them all."""
    assert request.near is not None
    if match:
        found = _matches(conn, request.text, vocabulary, match, index)
        candidates = _filtered(conn, request, found.rows, found.bitmap, index)
    else:
        candidates = _filtered(conn, request, lambda: list(range(1, index.size + 1)),
                               index.everything, index)
    return _page_of(conn, request, index.nearest(candidates, request.near, after, limit + 1),
                    limit)


def _result_rows(conn: sqlite3.Connection, raw: list[tuple], request: SearchRequest
                 ) -> tuple[ResultRow, ...]:
    if not raw:
        return ()
    docs = [r[0] for r in raw]
    marks = ",".join("?" * len(docs))
    hours: dict[int, list[tuple[int, int]]] = {}
    for doc, opens, closes in conn.execute(
        f"SELECT doc, opens, closes FROM search_doc_hours WHERE doc IN ({marks})", docs
    ):
        hours.setdefault(doc, []).append((opens, closes))
    rows = []
    for (rowid, org_id, name, kind, city, country, languages, categories, is_demo, lat, lon,
         zone, _sort_name, sort_key) in raw:
        ranges = hours.get(rowid, [])
        minute = local_week_minute(request.now, zone) if request.now else None
        open_now = minute is not None and any(a <= minute < b for a, b in ranges)
        distance = None
        if request.near is not None and lat is not None and lon is not None:
            distance = distance_km(request.near[0], request.near[1], lat, lon)
        rows.append(ResultRow(
            rowid=rowid, organization_id=org_id, name=without_direction_controls(name),
            kind=kind, city=without_direction_controls(city),
            country=country, languages=tuple(languages.split()),
            categories=tuple(categories.split()), is_demo=bool(is_demo), latitude=lat,
            longitude=lon, has_hours=bool(ranges), open_now=open_now, distance_km=distance,
            cursor=(sort_key, rowid)))
    return tuple(rows)


def count(conn: sqlite3.Connection, request: SearchRequest,
          vocabulary: Vocabulary | None = None) -> int:
    match = fts_query(request.text, vocabulary)
    if request.text.strip() and match is None:
        return 0
    where = _where(conn, request, match)
    return conn.execute(f"SELECT count(*) FROM search_doc d WHERE {where.sql()}",
                        where.params).fetchone()[0]


def facets(conn: sqlite3.Connection, request: SearchRequest,
           vocabulary: Vocabulary | None = None) -> dict[str, list[tuple[str, int]]]:
    """Counts for each filter value among the current results.

    Each facet is counted with every other filter applied but its own, so choosing one
    language still shows how many results the other languages would give.
    """
    match = fts_query(request.text, vocabulary)
    if request.text.strip() and match is None:
        return {name: [] for name in FACETS}
    out: dict[str, list[tuple[str, int]]] = {}
    for facet, expression, join in (
        ("kind", "d.kind", ""),
        ("country", "d.country", ""),
        ("city", "d.city", ""),
        ("category", "c.code", "JOIN search_doc_category c ON c.doc = d.rowid"),
        ("language", "l.code", "JOIN search_doc_language l ON l.doc = d.rowid"),
    ):
        where = _where(conn, request, match, skip_facet=facet)
        rows = conn.execute(
            f"SELECT {expression}, count(*) FROM search_doc d {join} WHERE {where.sql()} "
            f"AND {expression} != '' GROUP BY 1 ORDER BY 2 DESC, 1", where.params).fetchall()
        out[facet] = [(value, n) for value, n in rows]
    now = request.filters.open_at or request.now
    flag_requests = {
        "free_of_charge": replace(request.filters, free_of_charge=True),
        "open_to_undocumented": replace(request.filters, open_to_undocumented=True),
    }
    if now is not None:
        flag_requests["open_now"] = replace(request.filters, open_at=now)
    for facet, filters in flag_requests.items():
        out[facet] = [("true", count(conn, replace(request, filters=filters), vocabulary))]
    out.setdefault("open_now", [])
    return out


# Filters that a facet leaves out when it counts its own values.
_FACET_FILTERS = {"kind": "kinds", "country": "countries", "city": "cities",
                  "category": "categories", "language": "languages"}
_FACET_VALUES = (
    ("kind", "d.kind", ""),
    ("country", "d.country", ""),
    ("city", "d.city", ""),
    ("category", "c.code", "JOIN search_doc_category c ON c.doc = d.rowid"),
    ("language", "l.code", "JOIN search_doc_language l ON l.doc = d.rowid"),
)


def summary(conn: sqlite3.Connection, request: SearchRequest,
            vocabulary: Vocabulary | None = None, index: FacetIndex | None = None
            ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """The number of results and every facet's counts.

    With the directory's facet arrays (``index``): one full-text lookup for the matching
    entries, then every count in memory (see ``facet_index``). Without them, one SQL
    statement (below).
    """
    if index is not None and index.size and index.has_bitmaps():
        return _summary_with_bitmaps(conn, request, vocabulary, index)
    if index is not None and index.size:
        return _summary_in_memory(conn, request, vocabulary, index)
    return _summary_in_sql(conn, request, vocabulary)


def _matches(conn: sqlite3.Connection, text: str, vocabulary: Vocabulary | None,
             match: str, index: FacetIndex) -> Matches:
    """The entries ``match`` (the query of ``text``) matches. A term that matches many
    entries is answered from its bitmap in the index; the rest from the full text."""
    def from_word_bitmaps() -> int | None:
        if not index.has_word_bitmaps():
            return None
        groups = fts_groups(text, vocabulary)
        kept = [[index.word_bitmap(conn, term) for term in group] for group in groups]
        if all(bitmap is None for group in kept for bitmap in group):
            return None  # no frequent term: one full-text query is the cheapest
        found: int | None = None
        looked_up: list[list[str]] = []  # groups with no frequent term
        for group, bitmaps in zip(groups, kept, strict=True):
            if all(bitmap is None for bitmap in bitmaps):
                looked_up.append(group)
                continue
            either = 0
            for bitmap in bitmaps:
                either |= bitmap or 0
            rare = [term for term, bitmap in zip(group, bitmaps, strict=True) if bitmap is None]
            if rare:
                either |= bitmap_of(matching_rows(conn, " OR ".join(rare)), index.size + 1)
            found = either if found is None else found & either
        joined = _joined(looked_up)
        if joined is not None:
            rest = bitmap_of(matching_rows(conn, joined), index.size + 1)
            found = rest if found is None else found & rest
        return found

    return index.matches(match, lambda: matching_rows(conn, match), from_word_bitmaps)


_OPEN_BITMAP: dict[tuple[int, str, int], int] = {}


def _open_bitmap(conn: sqlite3.Connection, moment: datetime, index: FacetIndex) -> int:
    """Entries open at ``moment`` as a bitmap; kept for the minute."""
    key = _minute_of(conn, moment)
    found = _OPEN_BITMAP.get(key)
    if found is None:
        found = bitmap_of(_open_entries(conn, moment), index.size + 1)
        _OPEN_BITMAP.clear()
        _OPEN_BITMAP[key] = found
    return found


def _summary_with_bitmaps(conn: sqlite3.Connection, request: SearchRequest,
                          vocabulary: Vocabulary | None, index: FacetIndex
                          ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """The count and every facet's counts as bitmap ANDs (see ``facet_index``)."""
    match = fts_query(request.text, vocabulary)
    if request.text.strip() and match is None:
        return 0, {name: [] for name in FACETS}
    f = request.filters
    near_only = f.within_km is not None and request.near is not None
    if match is None and not near_only:
        matches = index.everything
    elif not near_only:
        matches = _matches(conn, request.text, vocabulary, match, index).bitmap
    else:
        rows = (_matches(conn, request.text, vocabulary, match, index).rows() if match
                else list(range(1, index.size + 1)))
        matches = bitmap_of(index.within(rows, request.near, f.within_km), index.size + 1)
    # Filters that are not facets apply to every count.
    for flag in ("free_of_charge", "open_to_undocumented"):
        if getattr(f, flag):
            matches &= index.value_bitmap(flag, ("1",))
    now = f.open_at or request.now
    open_now = _open_bitmap(conn, now, index) if now is not None else None
    if f.open_at is not None and open_now is not None:
        matches &= open_now
    chosen = {facet: index.value_bitmap(facet, getattr(f, attribute))
              for facet, attribute in _FACET_FILTERS.items() if getattr(f, attribute)}
    kept = matches
    for wanted in chosen.values():
        kept &= wanted
    out: dict[str, list[tuple[str, int]]] = {}
    for facet in _FACET_FILTERS:
        # A facet whose own filter is on counts what its other values would give.
        base = kept
        if facet in chosen:
            base = matches
            for other, wanted in chosen.items():
                if other != facet:
                    base &= wanted
        out[facet] = index.bitmap_counts(base, facet)
    for flag in ("free_of_charge", "open_to_undocumented"):
        out[flag] = [("true", (kept & index.value_bitmap(flag, ("1",))).bit_count())]
    out["open_now"] = ([("true", (kept & open_now).bit_count())]
                       if open_now is not None else [])
    return kept.bit_count(), out


_OPEN_CACHE: dict[tuple[int, str, int], frozenset[int]] = {}


def _minute_of(conn: sqlite3.Connection, moment: datetime) -> tuple[int, str, int]:
    """The key under which "open at ``moment``" is kept: this file, as it is now, this
    minute."""
    return (id(conn), str(conn.execute("PRAGMA data_version").fetchone()[0]),
            int(_aware(moment).timestamp() // 60))


def _open_entries(conn: sqlite3.Connection, moment: datetime) -> frozenset[int]:
    """Entries open at ``moment``, each on its own clock; kept for the minute."""
    zones = time_zones(conn)
    key = _minute_of(conn, moment)
    found = _OPEN_CACHE.get(key)
    if found is None:
        minute, params = _local_minute_expression(moment, zones)
        found = frozenset(r for (r,) in conn.execute(
            f"SELECT d.rowid FROM search_doc d WHERE {_OPEN_AT.format(minute=minute)}",
            params + params))
        _OPEN_CACHE.clear()
        _OPEN_CACHE[key] = found
    return found


def _summary_in_memory(conn: sqlite3.Connection, request: SearchRequest,
                       vocabulary: Vocabulary | None, index: FacetIndex
                       ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    match = fts_query(request.text, vocabulary)
    if request.text.strip() and match is None:
        return 0, {name: [] for name in FACETS}
    if match is None:
        rows = list(range(1, index.size + 1))
    else:
        rows = [r for (r,) in conn.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (match,))]
    f = request.filters
    # Filters that are not facets apply to every count.
    if f.free_of_charge:
        rows = index.keep(rows, "free_of_charge", ("1",))
    if f.open_to_undocumented:
        rows = index.keep(rows, "open_to_undocumented", ("1",))
    if f.within_km is not None and request.near is not None:
        rows = index.within(rows, request.near, f.within_km)
    now = f.open_at or request.now
    open_set = _open_entries(conn, now) if now is not None else None
    if f.open_at is not None and open_set is not None:
        rows = list(compress(rows, map(open_set.__contains__, rows)))
    chosen = {facet: getattr(f, attribute) for facet, attribute in _FACET_FILTERS.items()
              if getattr(f, attribute)}
    # A facet whose own filter is on counts over the matches with every other filter:
    # with one filter that is all the matches, with two the matches of the other one.
    all_but: dict[str, list[int]] = {}
    kept = rows
    if len(chosen) == 2:
        first, second = chosen
        all_but[second] = index.keep(rows, first, chosen[first])
        all_but[first] = index.keep(rows, second, chosen[second])
        kept = index.keep(all_but[second], second, chosen[second])
    else:
        for facet, wanted in chosen.items():
            kept = index.keep(kept, facet, wanted)
        if len(chosen) == 1:
            all_but[next(iter(chosen))] = rows
    out: dict[str, list[tuple[str, int]]] = {}
    joint = index.joint_counts(kept) if JOINT in index.facets else None
    for facet in _FACET_FILTERS:
        if facet in chosen:  # its own filter left out: what the other values would give
            base = all_but.get(facet)
            if base is None:
                base = rows
                for other, wanted in chosen.items():
                    if other != facet:
                        base = index.keep(base, other, wanted)
            out[facet] = index.counts(base, facet)
        elif joint is not None and facet in joint:
            out[facet] = joint[facet]
        else:
            out[facet] = index.counts(kept, facet)
    for flag in ("free_of_charge", "open_to_undocumented"):
        counted = joint[flag] if joint is not None else index.counts(kept, flag)
        out[flag] = [("true", dict(counted).get("1", 0))]
    out["open_now"] = ([("true", sum(map(open_set.__contains__, kept)))]
                       if open_set is not None else [])
    return len(kept), out


def _summary_in_sql(conn: sqlite3.Connection, request: SearchRequest,
                    vocabulary: Vocabulary | None = None
                    ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """The number of results and every facet's counts, in one statement.

    The full-text query is evaluated once into a materialised set of matching entries,
    and every count is taken over that set. A facet whose own filter is on counts over
    the set without that filter (so choosing one language still shows what the others
    would give): one more set, only for the filters actually chosen.
    """
    match = fts_query(request.text, vocabulary)
    if request.text.strip() and match is None:
        return 0, {name: [] for name in FACETS}
    f = request.filters
    sets: dict[str, _Where] = {"m": _where(conn, request, match)}
    facet_set: dict[str, str] = {}
    for facet, _expression, _join in _FACET_VALUES:
        if getattr(f, _FACET_FILTERS[facet]):
            sets[f"m_{facet}"] = _where(conn, request, match, skip_facet=facet)
            facet_set[facet] = f"m_{facet}"
        else:
            facet_set[facet] = "m"
    now = f.open_at or request.now
    parts: list[str] = ["SELECT 'count', '', count(*) FROM m"]
    params: list[object] = []
    for facet, expression, join in _FACET_VALUES:
        parts.append(f"SELECT * FROM (SELECT '{facet}', {expression}, count(*) "
                     f"FROM {facet_set[facet]} s JOIN search_doc d ON d.rowid = s.doc {join} "
                     f"WHERE {expression} != '' GROUP BY 2)")
    # The welcome flags and "open now": how many of the results have each.
    parts.append("SELECT 'free_of_charge', 'true', coalesce(sum(d.free_of_charge), 0) "
                 "FROM m JOIN search_doc d ON d.rowid = m.doc")
    parts.append("SELECT 'open_to_undocumented', 'true', "
                 "coalesce(sum(d.open_to_undocumented), 0) FROM m JOIN search_doc d "
                 "ON d.rowid = m.doc")
    if now is not None:
        if f.open_at is not None:
            parts.append("SELECT 'open_now', 'true', count(*) FROM m")
        else:
            minute, minute_params = _local_minute_expression(now, time_zones(conn))
            parts.append("SELECT 'open_now', 'true', count(*) FROM m JOIN search_doc d "
                         f"ON d.rowid = m.doc WHERE {_OPEN_AT.format(minute=minute)}")
            params += minute_params + minute_params
    ctes, cte_params = [], []
    for name, where in sets.items():
        ctes.append(f"{name}(doc) AS MATERIALIZED (SELECT d.rowid FROM search_doc d "
                    f"WHERE {where.sql()})")
        cte_params += where.params
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
    out: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    total = 0
    for facet, value, n in conn.execute(sql, cte_params + params):
        if facet == "count":
            total = n
        else:
            out[facet].append((value, n))
    for facet, _expression, _join in _FACET_VALUES:
        out[facet].sort(key=lambda item: (-item[1], item[0]))
    return total, out
