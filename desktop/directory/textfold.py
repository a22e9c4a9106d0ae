"""Folding text so that what a person types matches what the directory says.

Applied identically to indexed text and to queries: case, Latin diacritics ("Sao Paulo"
finds "São Paulo"), Arabic-script letter variants, tashkeel and the Arabic article (so
"عربي" finds "العربية").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letter variants people type interchangeably; hamza forms already fall away with NFKD.
_ARABIC_VARIANTS = str.maketrans({
    "ى": "ي",  # alef maksura
    "ی": "ي",  # Persian yeh
    "ۍ": "ي",  # Pashto yeh
    "ې": "ي",
    "ة": "ه",  # ta marbuta
    "ک": "ك",  # Persian keheh
    "ګ": "گ",
    "ـ": None,  # tatweel
})
# A word: letters and digits with the combining marks written on them (Latin accents,
# Arabic tashkeel, Ethiopic and Cyrillic marks), so "عَرَبِي" stays one word.
_WORD = re.compile(r"(?:\w|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a"
                   r"\u064b-\u065f\u0670\u06d6-\u06ed\u135d-\u135f])+")
_ARABIC_ARTICLE = "ال"


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_ARABIC_VARIANTS)


def _without_article(word: str) -> str | None:
    if word.startswith(_ARABIC_ARTICLE) and len(word) > len(_ARABIC_ARTICLE) + 1:
        return word[len(_ARABIC_ARTICLE):]
    return None


# Both caches are keyed by a word as written: a directory repeats its words endlessly,
# and folding is the costliest step of building the index.
@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    # NFKD can split a ligature or compatibility character into more than one word.
    return " ".join(_WORD.findall(fold(word)))


@lru_cache(maxsize=200_000)
def _index_form(word: str) -> str:
    forms: list[str] = []
    for folded in _fold_word(word).split():
        forms.append(folded)
        bare = _without_article(folded)
        if bare:
            forms.append(bare)
    return " ".join(forms)


def words(text: str) -> list[str]:
    """Folded words of ``text``; surrogates and control characters never survive."""
    return " ".join(map(_fold_word, _WORD.findall(text))).split()


def index_words(text: str) -> str:
    """Text for the full-text index: folded words plus article-less Arabic forms."""
    return " ".join(filter(None, map(_index_form, _WORD.findall(text))))


def query_words(text: str) -> list[str]:
    """Query words, with the Arabic article dropped so both forms meet in the index."""
    return [_without_article(word) or word for word in words(text)]


def sort_key(text: str) -> str:
    return " ".join(words(text))


def worth_searching(text: str) -> bool:
    """Whether a search box's text is worth a search: nothing (browse everything), or at
    least two letters. One Latin, Arabic or Cyrillic letter begins most of the directory's
    words, so it would list everything at the full cost of counting it; one Ethiopic or
    Han character is a syllable or a word of its own."""
    typed = text.strip()
    if len(typed) != 1:
        return True
    return "\u1200" <= typed <= "\u139f" or "\u3400" <= typed <= "\u9fff"
