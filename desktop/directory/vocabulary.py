"""Words for languages, countries and categories, in every UI language.

The index stores one short code token per language, country and category of an
organisation (``qqlangar``, ``qqccbr``, ``qqcathousing``). A typed word that begins a name
of one of them — "árabe", "عربي", "Brasil", "logement" — is expanded into that token at
query time. The index stays small, and every language's names still find every entry.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from babel import Locale

from desktop.directory.schema import CATEGORY_CODES
from desktop.directory.textfold import index_words

INDEX_LOCALES = ("en", "ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")
TOKEN_PREFIX = "qq"  # no word in any of the directory's languages begins like this
# Everyday words for a spoken language that CLDR's formal names miss.
LANGUAGE_SYNONYMS = {
    "ar": ("arabic", "عربي", "arabi"),
    "fa": ("farsi", "فارسی", "dari", "دری"),
    "prs": ("dari", "دری"),
    "ps": ("pashto", "pashtu", "pushto"),
    "ti": ("tigrinya", "tigrigna"),
    "so": ("somali", "soomaali"),
    "uk": ("ukrainian",),
    "ru": ("russian",),
}
# A typed word must be this long before it is read as a language, country or category
# name: one or two letters would begin dozens of them.
MIN_EXPANSION_LENGTH = 3


def language_token(code: str) -> str:
    return f"{TOKEN_PREFIX}lang{code.lower()}"


def country_token(code: str) -> str:
    return f"{TOKEN_PREFIX}cc{code.lower()}"


def category_token(code: str) -> str:
    return f"{TOKEN_PREFIX}cat{code.replace('_', '')}"


@cache
def _cldr(locale: str) -> Locale:
    return Locale.parse(locale)


@cache
def language_words(code: str) -> frozenset[str]:
    names = [code, *LANGUAGE_SYNONYMS.get(code, ())]
    names += [n for loc in INDEX_LOCALES if (n := _cldr(loc).languages.get(code))]
    return frozenset(index_words(" ".join(names)).split())


@cache
def country_words(code: str) -> frozenset[str]:
    names = [n for loc in INDEX_LOCALES if (n := _cldr(loc).territories.get(code))]
    return frozenset(index_words(" ".join(names)).split())


@dataclass(frozen=True)
class Vocabulary:
    """Token -> the folded words that name it. Built once per open directory."""

    tokens: dict[str, frozenset[str]] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)  # token -> category code

    def expand(self, word: str) -> list[str]:
        """The code tokens a typed word (or the beginning of one) names."""
        if len(word) < MIN_EXPANSION_LENGTH:
            return []
        return sorted(token for token, words in self.tokens.items()
                      if any(known.startswith(word) for known in words))

    def category_intent(self, typed: list[str]) -> frozenset[str]:
        """Categories that every typed word names ("hous" → housing)."""
        if not typed or any(len(word) < MIN_EXPANSION_LENGTH for word in typed):
            return frozenset()
        return frozenset(
            code for token, code in self.categories.items()
            if all(any(k.startswith(word) for k in self.tokens[token]) for word in typed))


def stored_keywords(conn: sqlite3.Connection) -> dict[str, list[str]]:
    found = conn.execute(
        "SELECT value FROM directory_meta WHERE key = 'category_keywords'").fetchone()
    keywords: dict[str, list[str]] = {}
    for line in (found[0].splitlines() if found else []):
        code, _, words = line.partition("=")
        keywords[code] = words.split("|") if words else []
    return keywords


def store_keywords(conn: sqlite3.Connection, keywords: dict[str, list[str]]) -> None:
    """Keep the categories' search keywords in the file, so re-indexing finds them."""
    value = "\n".join(f"{code}={'|'.join(words)}" for code, words in sorted(keywords.items()))
    conn.execute("INSERT OR REPLACE INTO directory_meta(key, value) VALUES "
                 "('category_keywords', ?)", (value,))


def category_words(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Category code -> folded words of its names in every language and its keywords."""
    names: dict[str, list[str]] = defaultdict(list)
    for code, name, translation in conn.execute(
        "SELECT t.code, t.name, tr.translation FROM taxonomy_term t LEFT JOIN translations tr "
        "ON tr.table_name = 'taxonomy_term' AND tr.record_id = t.id AND tr.field_name = 'name'"
    ):
        if code in CATEGORY_CODES:
            names[code] += [name, translation or ""]
    for code, words in stored_keywords(conn).items():
        if code in CATEGORY_CODES:
            names[code] += words
    return {code: frozenset(index_words(" ".join(texts)).split())
            for code, texts in names.items()}


def load_vocabulary(conn: sqlite3.Connection) -> Vocabulary:
    tokens: dict[str, frozenset[str]] = {}
    for (code,) in conn.execute("SELECT DISTINCT code FROM search_doc_language"):
        tokens[language_token(code)] = language_words(code)
    for (code,) in conn.execute("SELECT DISTINCT country FROM address WHERE country != ''"):
        tokens[country_token(code)] = country_words(code)
    categories = {}
    for code, words in category_words(conn).items():
        tokens[category_token(code)] = words
        categories[category_token(code)] = code
    return Vocabulary(tokens, categories)
