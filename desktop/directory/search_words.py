"""The everyday words people search with, one readable file per language.

``db/sources/vocabulary/<locale>.toml`` lists, under ``[category.<code>]`` and
``[kind.<kind>]``, the words that point to a category or a kind of organisation in that
language: "lawyer", "court", "papers" for legal help; "محامي", "mohami"; "юрист",
"yurist". Translators extend them with ``i18n content-export`` like any other content;
``db build`` and ``i18n check`` refuse a malformed file, naming it and the line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.directory.schema import CATEGORY_CODES, ORGANIZATION_KINDS
from desktop.errors import UserError

SECTION_KINDS = {"category": CATEGORY_CODES, "kind": ORGANIZATION_KINDS}
MAX_WORD_LENGTH = 40


@dataclass
class SearchWords:
    """Words by category code and by organisation kind, from every vocabulary file."""

    categories: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: SearchWords) -> None:
        for mine, theirs in ((self.categories, other.categories), (self.kinds, other.kinds)):
            for code, words in theirs.items():
                mine.setdefault(code, []).extend(words)


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 0


def read_search_words(path: Path) -> SearchWords:
    """One language's file; UserError naming the file and the line of the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError("is not UTF-8 text", path=path) from None
    except OSError as error:
        raise UserError(f"cannot be read: {error.strerror or error}", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError(f"is not valid TOML: {error}", path=path) from None
    found = SearchWords()
    for group, sections in data.items():
        allowed = SECTION_KINDS.get(group)
        if allowed is None or not isinstance(sections, dict):
            raise UserError(f"line {_line_of(text, group)}: [{group}] is not a section; use "
                            "[category.<code>] or [kind.<kind>]", path=path)
        for code, body in sections.items():
            line = _line_of(text, f"[{group}.{code}]")
            if code not in allowed:
                raise UserError(f"line {line}: '{code}' is not a {group}; known: "
                                f"{', '.join(allowed)}", path=path)
            if not isinstance(body, dict) or set(body) != {"words"} \
                    or not isinstance(body["words"], list):
                raise UserError(f"line {line}: [{group}.{code}] needs one list, "
                                "words = [\"…\", \"…\"]", path=path)
            words = []
            for word in body["words"]:
                if not isinstance(word, str) or not word.strip():
                    raise UserError(f"line {_line_of(text, repr(word)[1:-1]) or line}: "
                                    f"[{group}.{code}] holds {word!r}, not a word", path=path)
                if re.search(r"\s", word.strip()) or len(word) > MAX_WORD_LENGTH:
                    raise UserError(f"line {_line_of(text, word) or line}: '{word}' is not one "
                                    "word; list each word of a phrase on its own", path=path)
                words.append(word.strip())
            target = found.categories if group == "category" else found.kinds
            target.setdefault(code, []).extend(words)
    return found


def read_all_search_words(folder: Path) -> SearchWords:
    words = SearchWords()
    for path in sorted(folder.glob("*.toml")):
        words.add(read_search_words(path))
    return words


FILE_HEADER = (
    "# Everyday search words in {language} ({locale}): each word below finds the category\n"
    "# or kind of organisation it is listed under. Inflected forms (plural, cases, with and\n"
    "# without article) are listed where no stemmer covers the language. Extend it with\n"
    "# `migrant-directory i18n content-export {locale}` and `content-import`, or by hand;\n"
    "# `i18n check` and `db build` check it.\n"
)


def sections(words: SearchWords) -> list[tuple[str, str, list[str]]]:
    """(group, code, words) in the order of the codes: categories, then kinds."""
    out = [("category", code, words.categories.get(code, [])) for code in CATEGORY_CODES]
    out += [("kind", kind, words.kinds.get(kind, [])) for kind in ORGANIZATION_KINDS]
    return out


def render_search_words(words: SearchWords, locale: str, language: str) -> str:
    import json

    lines = [FILE_HEADER.format(language=language, locale=locale)]
    for group, code, listed in sections(words):
        if not listed:
            continue
        lines.append(f"\n[{group}.{code}]\n")
        lines.append("words = [" + ", ".join(json.dumps(w, ensure_ascii=False)
                                              for w in dict.fromkeys(listed)) + "]\n")
    return "".join(lines)
