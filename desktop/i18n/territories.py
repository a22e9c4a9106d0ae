"""Country and language names from CLDR, kept in one small file for the app's languages.

The first screen names the user's country ("Emergency in Belgium: call 112") and their
language in its own script (the picker). Asking Babel for one name loads the whole CLDR
data of the language and of its root (about 20 ms, most of a frame); ``i18n compile``
writes those names once, from the same CLDR data, into ``translations/territories.json``,
and the app reads that instead. Without the file (a catalog just started, an odd locale)
Babel answers as before.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from desktop.i18n.locales import formatting_locale

TERRITORIES_FILE = "territories.json"


def write_territory_names(translations: Path, locales: Iterable[str]) -> Path:
    """Write every two-letter country's name in each of ``locales`` (from Babel)."""
    from desktop.i18n.formatting import babel_locale

    territories: dict[str, dict[str, str]] = {}
    languages: dict[str, list[str]] = {}
    for locale in sorted(set(locales)):
        cldr = babel_locale(locale)
        territories[formatting_locale(locale)] = {
            code: name for code, name in cldr.territories.items()
            if len(code) == 2 and code.isalpha()}
        languages[locale] = [cldr.get_display_name(cldr) or locale,
                             cldr.get_display_name("en") or locale]
    table = {"territories": territories, "languages": languages}
    target = translations / TERRITORIES_FILE
    handle, temp = tempfile.mkstemp(dir=translations, prefix=".territories.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(table, out, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    os.chmod(temp, 0o644)  # read by every user of an installed copy
    os.replace(temp, target)
    return target


@cache
def _table(translations: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((translations / TERRITORIES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def territory_name(translations: Path, locale: str, code: str) -> str | None:
    names = _table(translations).get("territories", {}).get(formatting_locale(locale))
    name = names.get(code) if isinstance(names, dict) else None
    return name if isinstance(name, str) else None


def language_names(translations: Path, locale: str) -> tuple[str, str] | None:
    """(own name, English name) of a UI language, as CLDR writes them."""
    names = _table(translations).get("languages", {}).get(locale)
    if isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) for n in names):
        return names[0], names[1]
    return None
