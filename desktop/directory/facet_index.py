"""Counting what a search found, fast enough for every keystroke.

The results page shows, for each keystroke, how many entries match and how many of them
each filter value would keep (kinds, countries, towns, categories, languages, the welcome
flags, "open now"). Counting that in SQL means joining every match to its document once
per facet: hundreds of milliseconds for a broad query in a directory of 100,000.

Instead the index keeps, for every facet, the entries' values as one compact array (one
number per entry: which combination of values it has), written with the search index.
A keystroke then costs one full-text lookup for the matching entries, and counting is
``Counter`` over those arrays, in C.

Faster still, and what a directory indexed by this version uses: one bitmap per facet
value (bit *r* set when entry *r* has it, kept as a Python integer). The matching entries
become one bitmap too, and every count is an AND and a population count: a few
milliseconds for a query that matches 70,000 entries of 100,000, whatever the number of
towns or languages.

In a directory of a million, the full-text lookup itself becomes the cost: two letters
typed match most entries, and reading 700,000 ids out of the index takes longer than a
keystroke may. So the words and word beginnings that match many entries (see
``FREQUENT_AT_LEAST``) have their matches written as bitmaps too, keyed by the very
full-text term the query builder writes for them (``"le"*``, ``"legal"``), and computed
by that same full-text query when the index is built: the answer is the index's own.
"""

from __future__ import annotations

import bisect
import heapq
import json
import math
import sqlite3
import sys
import threading
import zlib
from array import array
from collections import Counter, OrderedDict, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, repeat
from operator import and_, mul, rshift

FACET_SQL = """
CREATE TABLE search_facet (
    name TEXT PRIMARY KEY,
    combos TEXT NOT NULL,        -- JSON: every combination of values an entry has
    doc_combo BLOB NOT NULL      -- per entry (rowid order, from 1): its combination's number
) WITHOUT ROWID;
"""
SINGLE = ("kind", "country", "city")
MULTI = ("category", "language")
FLAGS = ("free_of_charge", "open_to_undocumented")
# The single-valued facets and the flags together: one number per entry for the few
# hundred combinations a directory has, so they are all counted in one pass.
JOINT = "joint"
JOINT_PARTS = (*SINGLE, *FLAGS)
BITS_PREFIX = "bits:"
MAIN = "main"
TOWNS = "towns"
# Queries whose matches are kept: the current one and the one before. Each holds its
# ids, hundreds of thousands in a directory of a million.
MATCHES_KEPT = 2
WIDTHS = "widths"  # each array's type code; files without it use "I" (4 bytes)
# Full-text terms that match many entries: "words" maps each term (as the query builder
# writes it) to the number of its bitmap, kept in the row "words:<number>".
WORDS = "words"
WORDS_PREFIX = "words:"
# Reading this many ids out of the full-text index costs about 10 ms; a term that
# matches more is answered from its bitmap.
FREQUENT_AT_LEAST = 40_000
# Word bitmaps kept in memory: those of the words being typed.
WORDS_KEPT = 16
BITMAP_FACETS = (JOINT, *MULTI, MAIN)
# Gathers the low bit of each of a 64-bit word's eight bytes into one byte (bit i from
# byte i): every partial product lands on its own bit, so nothing carries.
_GATHER = 0x0102040810204080


def _padded(size: int) -> int:
    return (size + 63) // 64 * 64


def _packed_bytes(flags: bytearray) -> bytes:
    """One byte per entry (0 or 1) → one bit per entry, in C-level passes."""
    words = array("Q")
    words.frombytes(bytes(flags))
    if sys.byteorder == "big":
        words.byteswap()
    return bytes(map(and_, map(rshift, map(mul, words, repeat(_GATHER)), repeat(56)),
                     repeat(255)))


def flags_of(rows: Iterable[int], size: int) -> bytearray:
    """One byte per entry, 1 for each of ``rows``."""
    flags = bytearray(_padded(size))
    deque(map(flags.__setitem__, rows, repeat(1)), maxlen=0)
    return flags


def matching_rows(conn: sqlite3.Connection, match: str) -> list[int]:
    """The entries a full-text query matches, in index order. SQLite writes them as one
    JSON array: for 70,000 matches that is three times quicker than a row at a time."""
    found = conn.execute("SELECT '[' || group_concat(rowid) || ']' FROM search_fts "
                         "WHERE search_fts MATCH ?", (match,)).fetchone()[0]
    return json.loads(found) if found else []


def bitmap_of(rows: Iterable[int], size: int) -> int:
    """The entries ``rows`` as a bitmap: bit r set for entry r."""
    return int.from_bytes(_packed_bytes(flags_of(rows, size)), "little")


def write_facets(conn: sqlite3.Connection, docs: Sequence[tuple],
                 categories: dict[int, set[str]], languages: dict[int, set[str]]) -> None:
    """``docs`` rows are search_doc rows in rowid order (rowid first, from 1)."""
    conn.execute("DROP TABLE IF EXISTS search_facet")
    conn.executescript(FACET_SQL)
    columns = {"kind": 4, "country": 6, "city": 5, "free_of_charge": 11,
               "open_to_undocumented": 12}
    values: dict[str, list[tuple]] = {name: [] for name in (*SINGLE, *MULTI, *FLAGS)}
    for doc in docs:
        rowid = doc[0]
        for name, column in columns.items():
            value = doc[column]
            values[name].append((str(value),) if value not in ("", None, 0) else ())
        values["category"].append(tuple(sorted(categories.get(rowid, ()))))
        values["language"].append(tuple(sorted(languages.get(rowid, ()))))
    values[JOINT] = [tuple(f"{part}={v[0]}" for part, v in
                           zip(JOINT_PARTS, per_doc, strict=True) if v)
                     for per_doc in zip(*(values[part] for part in JOINT_PARTS), strict=True)]
    widths: dict[str, str] = {}
    for name, per_doc in values.items():
        combos: dict[tuple, int] = {}
        slots = [combos.setdefault(combo, len(combos)) for combo in per_doc]
        # As few bytes per entry as its number of combinations needs (a file has a size
        # budget: twice the text it holds).
        widths[name] = "B" if len(combos) <= 0x100 else "H" if len(combos) <= 0x10000 else "I"
        # Slot 0 stands for rowid 0, which no entry has: an entry's slot is its rowid.
        numbers = array(widths[name], [0])
        numbers.extend(slots)
        conn.execute("INSERT INTO search_facet VALUES (?, ?, ?)",
                     (name, json.dumps([list(c) for c in combos], ensure_ascii=False),
                      numbers.tobytes()))
    conn.execute("INSERT INTO search_facet VALUES (?, ?, ?)",
                 (WIDTHS, json.dumps(widths), b""))
    size = len(docs) + 1
    # What each entry is for above all: the first tier of a broad search.
    values[MAIN] = [(doc[14],) if doc[14] else () for doc in docs]
    for name in BITMAP_FACETS:
        per_value: dict[str, bytearray] = {}
        for rowid, combo in enumerate(values[name], start=1):
            for value in combo:
                flags = per_value.get(value)
                if flags is None:
                    flags = per_value[value] = bytearray(_padded(size))
                flags[rowid] = 1
        ordered = sorted(per_value)
        # Compressed: a town's bitmap is mostly zeros, and the file has a size budget.
        conn.execute("INSERT INTO search_facet VALUES (?, ?, ?)",
                     (BITS_PREFIX + name, json.dumps(ordered, ensure_ascii=False),
                      zlib.compress(b"".join(_packed_bytes(per_value[v]) for v in ordered))))
    _write_towns(conn, docs)
    points = array("d", [math.nan, math.nan])
    for doc in docs:
        points.append(doc[7] if doc[7] is not None else math.nan)
        points.append(doc[8] if doc[8] is not None else math.nan)
    conn.execute("INSERT INTO search_facet VALUES ('points', '[]', ?)", (points.tobytes(),))


def write_word_bitmaps(conn: sqlite3.Connection, size: int,
                       at_least: int = FREQUENT_AT_LEAST) -> int:
    """Write the matches of every full-text term that matches ``at_least`` entries or more
    (whole words, and word beginnings as a person types them); returns how many bitmaps.

    Call after the full-text index and the facet bitmaps are complete. Kept small, for
    the file's size budget: terms with the same matches share one bitmap ("housi"*,
    "housin"* and "housing" when no other word begins so); a code token whose matches are
    a facet value's ("qqcatlegal", category legal) points to that value's bitmap; and a
    bitmap is stored as its difference from the shorter beginning's when that is smaller
    ("hous"* from "hou"*: most words that begin "hou" go on with "s")."""
    from desktop.directory.textfold import worth_searching
    from desktop.directory.vocabulary import TOKEN_PREFIX

    conn.execute("DELETE FROM search_facet WHERE name = ? OR name LIKE ?",
                 (WORDS, WORDS_PREFIX + "%"))
    conn.execute("CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, search_fts, row)")
    try:
        terms = conn.execute("SELECT term, doc FROM temp.search_terms").fetchall()
    finally:
        conn.execute("DROP TABLE temp.search_terms")
    terms.sort()
    ordered = [term for term, _docs in terms]
    # How many entries a beginning can match at most: the sum over the words it begins.
    at_most: dict[str, int] = defaultdict(int)
    for term, docs in terms:
        for length in range(1, len(term) + 1):
            at_most[term[:length]] += docs
    # A term's matches are those of the range of words it stands for. Only the terms a
    # query can hold: no beginning of a code token, no lone letter a search waits after.
    range_of: dict[str, tuple[int, int]] = {}
    for begins, docs in at_most.items():
        if docs >= at_least and worth_searching(begins) and not begins.startswith(TOKEN_PREFIX):
            first = bisect.bisect_left(ordered, begins)
            range_of[f'"{begins}"*'] = (first,
                                        bisect.bisect_left(ordered, begins + "\U0010ffff"))
    for position, (term, docs) in enumerate(terms):
        if docs >= at_least:
            range_of[f'"{term}"'] = (position, position + 1)
    keys_of: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, span in range_of.items():
        keys_of[span].append(key)
    found: dict[tuple[int, int], int] = {}
    for span, keys in keys_of.items():
        rows = matching_rows(conn, keys[0])
        if len(rows) >= at_least:  # the sum may have counted entries twice
            found[span] = bitmap_of(rows, size + 1)
    facets = _token_facets(FacetIndex(conn))
    numbers: dict[str, int | str] = {}
    stored: dict[tuple[int, int], int] = {}
    width = _padded(size + 1) // 8
    # Larger sets first: a shorter beginning is stored before the longer ones built on it.
    for span in sorted(found, key=lambda s: (-found[s].bit_count(), s)):
        bitmap, keys = found[span], keys_of[span]
        same_as = next((ref for key in keys if (ref := facets.get(key.strip('"')))
                        and ref[1] == bitmap), None)
        if same_as is not None:
            numbers.update(dict.fromkeys(keys, same_as[0]))
            continue
        best, base = zlib.compress(bitmap.to_bytes(width, "little")), None
        for shorter in _shorter_terms(keys):
            other = range_of.get(shorter)
            if other is None or other == span or other not in stored:
                continue
            delta = zlib.compress((bitmap ^ found[other]).to_bytes(width, "little"))
            if len(delta) < len(best):
                best, base = delta, stored[other]
        stored[span] = len(stored)
        conn.execute("INSERT INTO search_facet VALUES (?, ?, ?)",
                     (f"{WORDS_PREFIX}{stored[span]}", json.dumps([] if base is None else [base]),
                      best))
        numbers.update(dict.fromkeys(keys, stored[span]))
    conn.execute("INSERT INTO search_facet VALUES (?, ?, ?)",
                 (WORDS, json.dumps(numbers, ensure_ascii=False), b""))
    return len(stored)


def _shorter_terms(keys: list[str]) -> list[str]:
    """The terms whose matches hold those of ``keys``: the beginning one letter shorter,
    and a whole word's own beginning."""
    shorter = []
    for key in keys:
        text = key.strip('"*')
        if key.endswith("*"):
            if len(text) > 1:
                shorter.append(f'"{text[:-1]}"*')
        else:
            shorter += [f'"{text}"*', f'"{text[:-1]}"*']
    return shorter


def _token_facets(index: FacetIndex) -> dict[str, tuple[str, int]]:
    """Code token → ("facet=value", that value's bitmap), for the tokens that stand for a
    facet value (``vocabulary``'s category, main purpose, language, country and kind)."""
    from desktop.directory.vocabulary import (
        category_token,
        country_token,
        kind_token,
        language_token,
        main_token,
    )

    found: dict[str, tuple[str, int]] = {}
    for facet, token in (("category", category_token), (MAIN, main_token),
                         ("language", language_token)):
        for value, bitmap in index.bitmaps.get(facet, {}).items():
            found[token(value)] = (f"{facet}={value}", bitmap)
    for pair, bitmap in index.bitmaps.get(JOINT, {}).items():
        facet, _, value = pair.partition("=")
        if facet in ("country", "kind"):
            token = country_token(value) if facet == "country" else kind_token(value)
            found[token] = (pair, bitmap)
    return found


def _write_towns(conn: sqlite3.Connection, docs: Sequence[tuple]) -> None:
    """Each town's entries and the box around their points, for nearest-first: a search
    near a place reads the towns nearest it first and stops when no farther town can
    hold a nearer entry."""
    towns: dict[str, list[int]] = {}
    boxes: dict[str, list[float]] = {}
    for doc in docs:
        town = f"{doc[6]}/{doc[5]}"
        towns.setdefault(town, []).append(doc[0])
        lat, lon = doc[7], doc[8]
        if lat is None or lon is None:
            continue
        box = boxes.get(town)
        if box is None:
            boxes[town] = [lat, lon, lat, lon]
        else:
            box[:] = [min(box[0], lat), min(box[1], lon), max(box[2], lat), max(box[3], lon)]
    ordered = sorted(towns)
    rowids = array("I")
    layout = []
    for town in ordered:
        layout.append([len(towns[town]), boxes.get(town)])
        rowids.extend(towns[town])
    if sys.byteorder == "big":
        rowids.byteswap()
    conn.execute("INSERT INTO search_facet VALUES (?, ?, ?)",
                 (TOWNS, json.dumps(layout), zlib.compress(rowids.tobytes())))


@dataclass(frozen=True)
class _Town:
    rowids: array  # its entries
    box: tuple[float, float, float, float] | None  # south, west, north, east; None: no point


@dataclass(frozen=True)
class _Facet:
    combos: list[tuple[str, ...]]
    doc_combo: array  # index: rowid (slot 0 unused)
    _allowed: dict[frozenset[str], frozenset[int]] = field(default_factory=dict)

    @cached_property
    def combos_of_value(self) -> dict[str, list[int]]:
        """Each value → the combinations that hold it (counting sums over these)."""
        inverted: dict[str, list[int]] = {}
        for number, combo in enumerate(self.combos):
            for value in combo:
                inverted.setdefault(value, []).append(number)
        return inverted

    def allowed(self, wanted: Iterable[str]) -> frozenset[int]:
        """Combination numbers that hold any of ``wanted`` (kept: a person changes one
        filter at a time, while every keystroke asks for the same ones again)."""
        key = frozenset(wanted)
        found = self._allowed.get(key)
        if found is None:
            combos_of_value = self.combos_of_value
            found = frozenset(n for value in key for n in combos_of_value.get(value, ()))
            if len(self._allowed) > 64:
                self._allowed.clear()
            self._allowed[key] = found
        return found


def _read_towns(layout_json: str, blob: bytes) -> list[_Town]:
    rowids = array("I")
    rowids.frombytes(zlib.decompress(blob))
    if sys.byteorder == "big":
        rowids.byteswap()
    towns, start = [], 0
    for count, box in json.loads(layout_json):
        towns.append(_Town(rowids[start:start + count], tuple(box) if box else None))
        start += count
    return towns


# One byte (the bits of eight entries) → eight bytes of 0 or 1, for ``flags_from``.
_SPREAD = [bytes((byte >> bit) & 1 for bit in range(8)) for byte in range(256)]


def flags_from(bitmap: int, size: int) -> bytes:
    """A bitmap as one byte per entry (0 or 1): entry r at index r."""
    width = _padded(size) // 8
    return b"".join(map(_SPREAD.__getitem__, bitmap.to_bytes(width, "little")))


class Matches:
    """The entries a query matches: a bitmap, and the list of them when asked for."""

    def __init__(self, bitmap: int, size: int, rows: list[int] | None) -> None:
        self.bitmap = bitmap
        self.count = bitmap.bit_count()
        self._size = size
        self._rows = rows

    def rows(self) -> list[int]:
        if self._rows is None:
            self._rows = list(compress(range(self._size + 1),
                                       flags_from(self.bitmap, self._size + 1)))
        return self._rows


class FacetIndex:
    """The per-entry facet arrays of one directory, read once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        # What is wrong with the index, when it cannot be read: searching then counts in
        # SQL, and ``db check`` says so.
        self.damaged: str | None = None
        self._matches: dict[str, Matches] = {}
        self._lock = threading.Lock()  # the search worker and the window both search
        self._load_nothing()
        try:
            self._load(conn)
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, IndexError,
                AttributeError, OverflowError, zlib.error) as error:
            self.damaged = f"{type(error).__name__}: {error}"
            self._load_nothing()

    def _load_nothing(self) -> None:
        """An index with nothing in it: what ``_load`` fills, and what a damaged one is."""
        self.facets: dict[str, _Facet] = {}
        self.points = array("d")
        # facet → value → bitmap of the entries that have it (files indexed before
        # version 0.2 have none: counting then uses the arrays).
        self.bitmaps: dict[str, dict[str, int]] = {}
        self.towns: list[_Town] = []
        self._word_numbers: dict[str, int | str] = {}
        self._words: OrderedDict[int, int] = OrderedDict()
        self.size = 0
        self.everything = 0

    def _load(self, conn: sqlite3.Connection) -> None:
        bitmaps: dict[str, tuple[list[str], bytes]] = {}
        # The word bitmaps are read when a query needs one.
        rows = conn.execute("SELECT name, combos, doc_combo FROM search_facet "
                            "WHERE name NOT LIKE ?", (WORDS_PREFIX + "%",)).fetchall()
        widths = next((json.loads(c) for n, c, _b in rows if n == WIDTHS), {})
        for name, combos, blob in rows:
            if name == WIDTHS:
                continue
            if name == WORDS:
                self._word_numbers = {
                    term: number for term, number in dict(json.loads(combos)).items()
                    if isinstance(term, str) and isinstance(number, int | str)}
                continue
            if name == "points":
                self.points.frombytes(blob)
                continue
            if name == TOWNS:
                self.towns = _read_towns(combos, blob)
                continue
            if name.startswith(BITS_PREFIX):
                bitmaps[name[len(BITS_PREFIX):]] = (json.loads(combos), zlib.decompress(blob))
                continue
            numbers = array(widths.get(name, "I"))
            numbers.frombytes(blob)
            self.facets[name] = _Facet([tuple(c) for c in json.loads(combos)], numbers)
        self.size = len(self.facets["kind"].doc_combo) - 1 if "kind" in self.facets else 0
        width = _padded(self.size + 1) // 8
        for facet, (ordered, blob) in bitmaps.items():
            if len(blob) != width * len(ordered):
                continue  # not written for this many entries: count with the arrays
            self.bitmaps[facet] = {
                value: int.from_bytes(blob[n * width:(n + 1) * width], "little")
                for n, value in enumerate(ordered)}
        # Every entry, 1 to size.
        self.everything = (1 << (self.size + 1)) - 2

    def has_bitmaps(self) -> bool:
        return all(name in self.bitmaps for name in BITMAP_FACETS) and bool(self.towns)

    def nearest(self, candidates: int, near: tuple[float, float], after: tuple | None,
                count: int) -> list[tuple[float, int]]:
        """The ``count`` entries of ``candidates`` nearest ``near`` after the cursor
        ``after`` (distance key, rowid), as (key, rowid) in order. The key is the planar
        squared distance the SQL orders by, computed the same way; an entry with no point
        has the key 1e12 and comes last, as there."""
        lat, lon = near
        scale = math.cos(math.radians(lat)) ** 2
        points = self.points
        flags = flags_from(candidates, self.size + 1)
        if after is not None:
            after = (float(after[0]), int(after[1]))

        def lower_bound(town: _Town) -> float:
            if town.box is None:
                return 1e12
            south, west, north, east = town.box
            dy = max(south - lat, 0.0, lat - north)
            dx = max(west - lon, 0.0, lon - east)
            return dy * dy + dx * dx * scale

        best: list[tuple[float, int]] = []  # a max-heap by negated keys
        for bound, town in sorted(((lower_bound(t), t) for t in self.towns),
                                  key=lambda item: item[0]):
            if len(best) >= count and bound > -best[0][0]:
                break
            for rowid in compress(town.rowids, map(flags.__getitem__, town.rowids)):
                y, x = points[2 * rowid], points[2 * rowid + 1]
                key = (y - lat) * (y - lat) + (x - lon) * (x - lon) * scale if y == y \
                    else 1e12  # NaN != NaN: no point
                if after is not None and (key, rowid) <= after:
                    continue
                if len(best) < count:
                    heapq.heappush(best, (-key, -rowid))
                elif (key, rowid) < (-best[0][0], -best[0][1]):
                    heapq.heapreplace(best, (-key, -rowid))
        return sorted((-key, -rowid) for key, rowid in best)

    def word_bitmap(self, conn: sqlite3.Connection, term: str) -> int | None:
        """The entries a frequent full-text term (``"le"*``, ``"legal"``) matches, or None
        when the index keeps no bitmap for it (then it matches few: ask the full text)."""
        number = self._word_numbers.get(term)
        if isinstance(number, str):  # the matches of a facet value
            facet, _, value = number.partition("=")
            return self._value_bits(facet, value)
        return None if number is None else self._stored_word(conn, number, depth=0)

    def _stored_word(self, conn: sqlite3.Connection, number: int, depth: int) -> int | None:
        with self._lock:
            found = self._words.get(number)
            if found is not None:
                self._words.move_to_end(number)
                return found
        row = conn.execute("SELECT combos, doc_combo FROM search_facet WHERE name = ?",
                           (f"{WORDS_PREFIX}{number}",)).fetchone()
        if row is None or depth > 64:
            return None
        try:
            packed = zlib.decompress(row[1])
            based_on = json.loads(row[0])
        except (zlib.error, TypeError, ValueError):
            return None  # unreadable: the full text answers instead
        if len(packed) != _padded(self.size + 1) // 8:
            return None  # not written for this many entries
        found = int.from_bytes(packed, "little")
        if based_on:  # kept as its difference from a larger set
            if not isinstance(based_on, list) or not isinstance(based_on[0], int):
                return None
            base = self._stored_word(conn, based_on[0], depth + 1)
            if base is None:
                return None
            found ^= base
        with self._lock:
            self._words[number] = found
            if len(self._words) > WORDS_KEPT:
                self._words.popitem(last=False)
        return found

    def has_word_bitmaps(self) -> bool:
        return bool(self._word_numbers)

    def word_problems(self, conn: sqlite3.Connection) -> list[str]:
        """Word bitmaps that cannot be read or that disagree with the full text (for
        ``db check``: a search answered from them would be wrong)."""
        one_term: dict[int | str, str] = {}
        for term, number in self._word_numbers.items():
            one_term.setdefault(number, term)
        problems = []
        for term in one_term.values():
            bitmap = self.word_bitmap(conn, term)
            if bitmap is None:
                problems.append(f"the matches kept for the search term {term} cannot be read")
                continue
            try:
                expected = conn.execute("SELECT count(*) FROM search_fts WHERE search_fts "
                                        "MATCH ?", (term,)).fetchone()[0]
            except sqlite3.DatabaseError:
                expected = None
            if bitmap.bit_count() != expected:
                problems.append(f"the matches kept for the search term {term} disagree with "
                                "the full-text index")
        return problems

    def matches(self, key: str, rows: Callable[[], list[int]],
                bitmap: Callable[[], int | None] | None = None) -> Matches:
        """The entries a full-text query matches, kept for the latest ``MATCHES_KEPT``
        queries: the results page asks for a page and for the counts of the same words,
        one after the other (and more pages as the list scrolls).

        ``bitmap`` may answer from the word bitmaps (None when it cannot); otherwise
        ``rows`` lists the matches."""
        with self._lock:
            found = self._matches.get(key)
        if found is None:
            answered = bitmap() if bitmap is not None else None
            if answered is not None:
                found = Matches(answered, self.size, None)
            else:
                listed = rows()
                found = Matches(bitmap_of(listed, self.size + 1), self.size, listed)
            with self._lock:
                if len(self._matches) >= MATCHES_KEPT:
                    self._matches.pop(next(iter(self._matches)))
                self._matches[key] = found
        return found

    def value_bitmap(self, facet: str, wanted: Iterable[str]) -> int:
        """Entries with any of ``wanted`` values of ``facet`` (kind, country, city, a flag,
        category or language)."""
        found = 0
        for value in wanted:
            found |= self._value_bits(facet, value) or 0
        return found

    def _value_bits(self, facet: str, value: str) -> int | None:
        """The bitmap of one value of a facet; the single-valued facets and the flags
        share the joint bitmaps ("country=BE")."""
        if facet in (*MULTI, MAIN):
            return self.bitmaps.get(facet, {}).get(value)
        return self.bitmaps.get(JOINT, {}).get(f"{facet}={value}")

    def bitmap_counts(self, matches: int, facet: str) -> list[tuple[str, int]]:
        """How many of ``matches`` have each value of ``facet``, most first."""
        if facet in MULTI:
            pairs = ((v, (matches & b).bit_count()) for v, b in self.bitmaps[facet].items())
        else:
            prefix = facet + "="
            pairs = ((key[len(prefix):], (matches & b).bit_count())
                     for key, b in self.bitmaps[JOINT].items() if key.startswith(prefix))
        return sorted(((v, n) for v, n in pairs if n), key=lambda item: (-item[1], item[0]))

    # Every loop below runs in C (map, compress, Counter): a broad query in a directory
    # of 100,000 is counted in a few milliseconds.
    def keep(self, rows: list[int], name: str, wanted: Iterable[str]) -> list[int]:
        facet = self.facets[name]
        allowed = facet.allowed(wanted)
        return list(compress(rows, map(allowed.__contains__,
                                       map(facet.doc_combo.__getitem__, rows))))

    def within(self, rows: list[int], near: tuple[float, float], km: float) -> list[int]:
        """Entries within ``km`` of ``near``, by the same planar measure the SQL uses."""
        lat, lon = near
        scale = math.cos(math.radians(lat)) ** 2
        limit = (max(0.0, min(km, 20_000.0)) / 111.32) ** 2
        points = self.points
        kept = []
        for r in rows:
            y, x = points[2 * r], points[2 * r + 1]
            if y == y and (y - lat) ** 2 + (x - lon) ** 2 * scale <= limit:  # NaN != NaN
                kept.append(r)
        return kept

    def joint_counts(self, rows: list[int]) -> dict[str, list[tuple[str, int]]]:
        """Every single-valued facet and flag, counted in one pass over ``rows``."""
        per_value = dict(self.counts(rows, JOINT))
        out: dict[str, list[tuple[str, int]]] = {part: [] for part in JOINT_PARTS}
        for key, n in per_value.items():
            part, _, value = key.partition("=")
            out[part].append((value, n))
        for part in JOINT_PARTS:
            out[part].sort(key=lambda item: (-item[1], item[0]))
        return out

    def counts(self, rows: list[int], name: str) -> list[tuple[str, int]]:
        facet = self.facets[name]
        per_combo = Counter(map(facet.doc_combo.__getitem__, rows))
        found = per_combo.get
        per_value = ((value, sum(map(found, numbers, repeat(0))))
                     for value, numbers in facet.combos_of_value.items())
        return sorted(((v, n) for v, n in per_value if n),
                      key=lambda item: (-item[1], item[0]))
