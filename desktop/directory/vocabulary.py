"""Words for languages, countries, categories and kinds of organisation, in every UI
language, and the everyday words people search with.

The index stores one short code token per language, country, category and kind of an
organisation (``qqlangar``, ``qqccbr``, ``qqcathousing``, ``qqkindunion``). A typed word
that begins a name of one of them — "árabe", "عربي", "Brasil", "logement", "lawy" — or
shares its stem with one ("lawyers", "abogados", "المحامين") is expanded into that token at
query time. The index stays small, and every language's words still find every entry.

The words live in the derived table ``search_vocabulary`` (written with the search index,
so a build and an import both have it): the folded words themselves for prefix lookups,
and their Snowball stems, so an inflected form the files do not list still meets them.
Looking a word up is two index range scans: nothing is loaded into memory at start-up.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from babel import Locale

from desktop.directory.schema import CATEGORY_CODES, ORGANIZATION_KINDS
from desktop.directory.textfold import index_words

INDEX_LOCALES = ("en", "ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")
TOKEN_PREFIX = "qq"  # no word in any of the directory's languages begins like this
TOWN_MARK = TOKEN_PREFIX + "town"  # in search_vocabulary only: this word names a town
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
# An Ethiopic letter is a whole syllable: "ገዛ" (house) is a word of two letters.
MIN_ETHIOPIC_LENGTH = 2


def long_enough(word: str) -> bool:
    """Whether a typed word is long enough to be read as a name or everyday word."""
    if any("\u1200" <= ch <= "\u139f" for ch in word):
        return len(word) >= MIN_ETHIOPIC_LENGTH
    return len(word) >= MIN_EXPANSION_LENGTH


# Stems are compared only for words this long: shorter ones stem to almost nothing.
MIN_STEM_LENGTH = 4
# Snowball has these of the UI languages (and Persian); Ukrainian, Tigrinya, Somali and
# Pashto have their inflected forms listed in the vocabulary files instead.
STEMMER_LANGUAGES = ("english", "french", "spanish", "portuguese", "russian", "arabic",
                     "persian")

VOCABULARY_SQL = """
CREATE TABLE search_vocabulary (
    term TEXT NOT NULL,      -- a folded word, or a stem marked with a leading '~'
    token TEXT NOT NULL,
    PRIMARY KEY (term, token)
) WITHOUT ROWID;
"""


def language_token(code: str) -> str:
    return f"{TOKEN_PREFIX}lang{code.lower()}"


def country_token(code: str) -> str:
    return f"{TOKEN_PREFIX}cc{code.lower()}"


def category_token(code: str) -> str:
    return f"{TOKEN_PREFIX}cat{code.replace('_', '')}"


def main_token(code: str) -> str:
    """The category an entry is for, above all (its main purpose)."""
    return f"{TOKEN_PREFIX}main{code.replace('_', '')}"


def kind_token(kind: str) -> str:
    return f"{TOKEN_PREFIX}kind{kind}"


@cache
def _stemmers() -> tuple:
    import snowballstemmer

    return tuple(snowballstemmer.stemmer(name) for name in STEMMER_LANGUAGES)


def stems(word: str) -> set[str]:
    """The word's stems under every Snowball stemmer of the directory's languages."""
    if len(word) < MIN_STEM_LENGTH:
        return set()
    return {stem for stemmer in _stemmers()
            if len(stem := stemmer.stemWord(word)) >= MIN_EXPANSION_LENGTH}


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


class Vocabulary:
    """Looks typed words up in a directory's ``search_vocabulary`` table."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._cache: dict[tuple[str, bool], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def expand(self, word: str, *, whole: bool = False) -> list[str]:
        """The code tokens a typed word names: by its beginning while it is being typed
        (the last word), or whole or by its stem once it is finished (``whole``) — "sao"
        in "sao paulo" is a word of its own, not the beginning of "saude"."""
        return list(self._looked_up(word, whole)[0])

    def _looked_up(self, word: str, whole: bool
                   ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the tokens ``expand`` gives, the tokens of the word itself as typed)."""
        if not long_enough(word):
            return (), ()
        key = (word, whole)
        found = self._cache.get(key)
        if found is None:
            # '\U0010ffff' sorts after every character: the range holds every word that
            # begins with ``word``.
            upper = word + ("\x00" if whole else "\U0010ffff")
            terms = [word, upper, *("~" + stem for stem in stems(word))]
            marks = ",".join("?" * (len(terms) - 2))
            stem_clause = f" OR term IN ({marks})" if marks else ""
            matched = self.conn.execute(
                f"SELECT term, token FROM search_vocabulary WHERE (term >= ? AND term < ?)"
                f"{stem_clause}", terms).fetchall()
            # A town's name is a place, not an inflection: "madrid" shares Spanish's stem
            # "madr" with "madre", and must not turn into a category.
            is_town = any(term == word and token == TOWN_MARK for term, token in matched)
            found = (tuple(sorted({token for term, token in matched if token != TOWN_MARK
                                   and (term == word or not is_town)})),
                     tuple(sorted({token for term, token in matched
                                   if term == word and token != TOWN_MARK})))
            if len(self._cache) > 5000:
                self._cache.clear()
            self._cache[key] = found
        return found

    def categories_named(self, word: str, *, whole: bool = False) -> frozenset[str]:
        tokens, own = self._looked_up(word, whole)
        named = _categories(tokens)
        # A word listed for a category just as it was typed ("ټولنې", "kar") means that
        # category, not every other one that a longer word ("ټولنیز", "kargar") or a
        # shared stem would name as well.
        return (named & _categories(own)) or named

    def category_intent(self, typed: list[str]) -> frozenset[str]:
        """The categories the words point to ("hous" → housing; "lawyer sydney" → legal):
        those every word that names a category agrees on, or else all they name."""
        last = len(typed) - 1
        named = [found for position, word in enumerate(typed)
                 if (found := self.categories_named(word, whole=position < last))]
        if not named:
            return frozenset()
        agreed = frozenset.intersection(*named)
        return agreed or frozenset().union(*named)

    def is_known(self, word: str) -> bool:
        """Whether the word itself (not only a longer one) is a vocabulary word."""
        return self.conn.execute("SELECT 1 FROM search_vocabulary WHERE term = ? LIMIT 1",
                                 (word,)).fetchone() is not None


def _categories(tokens: Iterable[str]) -> frozenset[str]:
    """The category codes among code tokens."""
    prefix = TOKEN_PREFIX + "cat"
    codes = {code.replace("_", ""): code for code in CATEGORY_CODES}
    return frozenset(codes[t[len(prefix):]] for t in tokens
                     if t.startswith(prefix) and t[len(prefix):] in codes)


def stored_keywords(conn: sqlite3.Connection, key: str = "category_keywords"
                    ) -> dict[str, list[str]]:
    found = conn.execute("SELECT value FROM directory_meta WHERE key = ?", (key,)).fetchone()
    keywords: dict[str, list[str]] = {}
    for line in (found[0].splitlines() if found else []):
        code, _, words = line.partition("=")
        keywords[code] = words.split("|") if words else []
    return keywords


def store_keywords(conn: sqlite3.Connection, keywords: dict[str, list[str]],
                   kind_keywords: dict[str, list[str]] | None = None) -> None:
    """Keep the categories' and kinds' search words in the file, so re-indexing (after an
    import, say) finds them."""
    for key, values in (("category_keywords", keywords), ("kind_keywords", kind_keywords)):
        if values is None:
            continue
        value = "\n".join(f"{code}={'|'.join(words)}" for code, words in sorted(values.items()))
        conn.execute("INSERT OR REPLACE INTO directory_meta(key, value) VALUES (?, ?)",
                     (key, value))


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


def kind_words(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    return {kind: frozenset(index_words(" ".join(words)).split())
            for kind, words in stored_keywords(conn, "kind_keywords").items()
            if kind in ORGANIZATION_KINDS}


def write_vocabulary(conn: sqlite3.Connection) -> int:
    """(Re)write ``search_vocabulary`` from the directory's own tables; returns its size."""
    conn.execute("DROP TABLE IF EXISTS search_vocabulary")
    conn.executescript(VOCABULARY_SQL)
    named: dict[str, frozenset[str]] = {}
    for (code,) in conn.execute("SELECT DISTINCT code FROM language"):
        named[language_token(code)] = language_words(code)
    for (code,) in conn.execute("SELECT DISTINCT country FROM address WHERE country != ''"):
        named[country_token(code)] = country_words(code)
    for code, words in category_words(conn).items():
        named[category_token(code)] = words
    for kind, words in kind_words(conn).items():
        named[kind_token(kind)] = words
    rows = set()
    for (city,) in conn.execute("SELECT DISTINCT city FROM address WHERE city != ''"):
        rows.update((word, TOWN_MARK) for word in index_words(city).split())
    for token, words in named.items():
        for word in words:
            rows.add((word, token))
            # Names of languages and countries are matched by their beginning only: a
            # stem of "Brasil" would find "brasileiro" in every description.
            if token.startswith((TOKEN_PREFIX + "cat", TOKEN_PREFIX + "kind")):
                rows.update(("~" + stem, token) for stem in stems(word))
    conn.executemany("INSERT INTO search_vocabulary VALUES (?, ?)", sorted(rows))
    return len(rows)
