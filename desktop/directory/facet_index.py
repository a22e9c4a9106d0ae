"""Counting what a search found, fast enough for every keystroke.

The results page shows, for each keystroke, how many entries match and how many of them
each filter value would keep (kinds, countries, towns, categories, languages, the welcome
flags, "open now"). Counting that in SQL means joining every match to its document once
per facet: hundreds of milliseconds for a broad query in a directory of 100,000.

Instead the index keeps, for every facet, the entries' values as one compact array (one
number per entry: which combination of values it has), written with the search index.
A keystroke then costs one full-text lookup for the matching entries, and counting is
``Counter`` over those arrays, in C.
"""

from __future__ import annotations

import json
import math
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, repeat

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
    for name, per_doc in values.items():
        combos: dict[tuple, int] = {}
        # Slot 0 stands for rowid 0, which no entry has: an entry's slot is its rowid.
        numbers = array("I", [0])
        numbers.extend(combos.setdefault(combo, len(combos)) for combo in per_doc)
        conn.execute("INSERT INTO search_facet VALUES (?, ?, ?)",
                     (name, json.dumps([list(c) for c in combos], ensure_ascii=False),
                      numbers.tobytes()))
    points = array("d", [math.nan, math.nan])
    for doc in docs:
        points.append(doc[7] if doc[7] is not None else math.nan)
        points.append(doc[8] if doc[8] is not None else math.nan)
    conn.execute("INSERT INTO search_facet VALUES ('points', '[]', ?)", (points.tobytes(),))


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


class FacetIndex:
    """The per-entry facet arrays of one directory, read once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.facets: dict[str, _Facet] = {}
        self.points = array("d")
        for name, combos, blob in conn.execute("SELECT name, combos, doc_combo "
                                               "FROM search_facet"):
            if name == "points":
                self.points.frombytes(blob)
                continue
            numbers = array("I")
            numbers.frombytes(blob)
            self.facets[name] = _Facet([tuple(c) for c in json.loads(combos)], numbers)
        self.size = len(self.facets["kind"].doc_combo) - 1 if "kind" in self.facets else 0

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
