"""Typos: a typed word that nothing in the directory begins with is corrected to the
closest word that is there ("hosing" → "housing", "sindicatto" → "sindicato").

One edit is allowed in a word of 4 to 7 letters, two from 8 letters on. Among words as
close as each other, a slip to a neighbouring key or to a letter variant of the same
script ("leagal" → "legal", "ك" ↔ "ق") wins, then the word more entries use.
The candidates are the index's own word list (``search_terms``) and the search
vocabulary, compared in C by rapidfuzz's optimal-string-alignment distance (two letters
typed the wrong way round are one edit, as people count them), never a Python loop over
the vocabulary.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from desktop.directory.textfold import query_words
from desktop.directory.vocabulary import TOKEN_PREFIX

MIN_CORRECTED_LENGTH = 4

# Keys next to each other on the keyboards people type these scripts on.
_KEYBOARD_ROWS = (
    "qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn",
    "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю", "йцукенгшщзхї", "фівапролджє",
    "ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرلاىةوزظ",
)
_NEIGHBOURS: dict[str, set[str]] = {}
for _row in _KEYBOARD_ROWS:
    for _left, _right in pairwise(_row):
        _NEIGHBOURS.setdefault(_left, set()).add(_right)
        _NEIGHBOURS.setdefault(_right, set()).add(_left)
# Letters of one script that people swap for each other.
_VARIANTS = ({"ك", "ق"}, {"ه", "ح"}, {"س", "ص"}, {"ت", "ط"}, {"ز", "ذ", "ظ"}, {"и", "і", "ы"},
             {"е", "є", "э"}, {"г", "ґ"}, {"c", "k"}, {"s", "z"}, {"i", "y"})


def max_edits(word: str) -> int:
    return 0 if len(word) < MIN_CORRECTED_LENGTH else (1 if len(word) < 8 else 2)


def _slip_bonus(typed: str, candidate: str) -> int:
    """How many differing positions are neighbouring keys or letter variants."""
    bonus = 0
    for a, b in zip(typed, candidate, strict=False):
        if a != b and (b in _NEIGHBOURS.get(a, ()) or any({a, b} <= v for v in _VARIANTS)):
            bonus += 1
    return bonus


@dataclass(frozen=True)
class Correction:
    typed: str       # what the person typed
    corrected: str   # what was searched for instead

    @property
    def changed(self) -> bool:
        return self.typed != self.corrected


class Speller:
    """Corrects the words of a query against one directory's words."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @cached_property
    def _words(self) -> dict[int, list[str]]:
        """Candidate words by length, loaded once (the first time a word is unknown)."""
        by_length: dict[int, list[str]] = {}
        for (term,) in self.conn.execute(
                "SELECT term FROM search_terms UNION SELECT term FROM search_vocabulary "
                "WHERE term NOT LIKE '~%'"):
            if len(term) >= 3 and not term.startswith(TOKEN_PREFIX) and not term.isdigit():
                by_length.setdefault(len(term), []).append(term)
        return by_length

    def is_known(self, word: str, *, as_prefix: bool) -> bool:
        """Whether the index or the vocabulary has this word (or, for the word being
        typed, a word that begins with it)."""
        if as_prefix:
            upper = word + "\U0010ffff"
            sql = ("SELECT 1 FROM search_terms WHERE term >= ?1 AND term < ?2 UNION ALL "
                   "SELECT 1 FROM search_vocabulary WHERE term >= ?1 AND term < ?2 LIMIT 1")
            return self.conn.execute(sql, (word, upper)).fetchone() is not None
        sql = ("SELECT 1 FROM search_terms WHERE term = ?1 UNION ALL "
               "SELECT 1 FROM search_vocabulary WHERE term = ?1 LIMIT 1")
        return self.conn.execute(sql, (word,)).fetchone() is not None

    def closest(self, word: str) -> str | None:
        if max_edits(word) == 0:
            return None
        # Two edits are allowed in a word of eight letters or more: the word meant, which
        # may be longer than the one typed ("politsiya" typed "poitsya").
        edits = 2 if len(word) >= 6 else 1
        choices = [w for n in range(len(word) - edits, len(word) + edits + 1)
                   for w in self._words.get(n, ())]
        found = [(w, distance, i) for w, distance, i in process.extract(
                     word, choices, scorer=OSA.distance, score_cutoff=edits, limit=24)
                 if distance <= max_edits(max(word, w, key=len))]
        if not found:
            return None
        best = min(distance for _w, distance, _i in found)
        tied = [w for w, distance, _i in found if distance == best]
        return max(tied, key=lambda w: (_slip_bonus(word, w), self._uses(w), -len(w)))

    def _uses(self, term: str) -> int:
        row = self.conn.execute("SELECT doc FROM search_terms WHERE term = ?",
                                (term,)).fetchone()
        return row[0] if row else 0

    def correct(self, text: str) -> Correction:
        """The query with each unknown word replaced by its closest known word. A word
        with nothing close is left out, as long as another word remains: "መንበሪ ገዛ" still
        finds housing through "ገዛ" when the directory has no "መንበሪ"."""
        words = query_words(text)
        changed = False
        out: list[str] = []
        unknown: list[int] = []
        for position, word in enumerate(words):
            last = position == len(words) - 1 and not text[-1:].isspace()
            if self.is_known(word, as_prefix=last):
                out.append(word)
                continue
            better = self.closest(word)
            if better is not None:
                out.append(better)
                changed = True
            else:
                unknown.append(len(out))
                out.append(word)
        if unknown and len(unknown) < len(out):
            out = [word for index, word in enumerate(out) if index not in unknown]
            changed = True
        return Correction(text, " ".join(out) if changed else text)
