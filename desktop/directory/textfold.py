"""Folding text so that what a person types matches what the directory says.

Applied identically to indexed text and to queries: case, Latin diacritics ("Sao Paulo"
finds "São Paulo"), Arabic-script letter variants, tashkeel and the Arabic article (so
"عربي" finds "العربية").
"""

from __future__ import annotations

import re
import unicodedata

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
_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_ARTICLE = "ال"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_ARABIC_VARIANTS)


def words(text: str) -> list[str]:
    """Folded words of ``text``; surrogates and control characters never survive."""
    return _WORD.findall(fold(text))


def index_words(text: str) -> str:
    """Text for the full-text index: folded words plus article-less Arabic forms."""
    out: list[str] = []
    for word in words(text):
        out.append(word)
        if word.startswith(_ARABIC_ARTICLE) and len(word) > len(_ARABIC_ARTICLE) + 1:
            out.append(word[len(_ARABIC_ARTICLE):])
    return " ".join(out)


def query_words(text: str) -> list[str]:
    """Query words, with the Arabic article dropped so both forms meet in the index."""
    out: list[str] = []
    for word in words(text):
        if word.startswith(_ARABIC_ARTICLE) and len(word) > len(_ARABIC_ARTICLE) + 1:
            word = word[len(_ARABIC_ARTICLE):]
        out.append(word)
    return out


def sort_key(text: str) -> str:
    return " ".join(words(text))
