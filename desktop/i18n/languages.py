"""What the language picker shows: each language in its own name and script, and
whether its catalog is still a draft."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.i18n.locales import (
    PSEUDO_LOCALES,
    SHIPPED_LOCALES,
    SOURCE_LOCALE,
    is_pseudo,
    is_rtl_locale,
    pseudo_locales_enabled,
)
from desktop.i18n.runtime import DOMAIN, catalog_dir, catalog_info, catalog_locales
from desktop.i18n.territories import language_names

STATUS_HEADER = "X-Translation-Status"
DRAFT = "draft"
REVIEWED = "reviewed"

_PSEUDO_NAMES = {
    "en_XA": ("[Ƥšéûđö-Éñĝļîšĥ]", "Pseudo-English (accented, longer)"),
    "ar_XB": ("\u200f\u202ePseudo-RTL\u202c\u200f", "Pseudo right-to-left"),
}


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str     # in its own script, from CLDR: "العربية", "ትግርኛ", "پښتو"
    english_name: str
    is_draft: bool       # the catalog says "X-Translation-Status: draft"
    is_rtl: bool
    is_pseudo: bool


def _header_status_from_po(locale: str) -> str | None:
    po_path = catalog_dir() / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        head = po_path.read_text(encoding="utf-8")[:4000]
    except OSError:
        return None
    match = re.search(rf'"{STATUS_HEADER}:\s*([A-Za-z-]+)', head)
    return match.group(1).lower() if match else None


def translation_status(locale: str) -> str:
    """``"draft"`` or ``"reviewed"`` (English, the source, is always reviewed)."""
    if locale == SOURCE_LOCALE:
        return REVIEWED
    if is_pseudo(locale):
        return DRAFT
    status = catalog_info(locale).get(STATUS_HEADER.lower()) or _header_status_from_po(locale)
    if status is None:
        # No catalog at all is a language nobody has started; a catalog without the
        # header is held to the full standard (``i18n check`` treats it as reviewed).
        return REVIEWED if locale in catalog_locales() else DRAFT
    return DRAFT if status.strip().lower() == DRAFT else REVIEWED


def language(code: str) -> Language:
    if code in _PSEUDO_NAMES:
        native, english = _PSEUDO_NAMES[code]
        return Language(code, native, english, True, is_rtl_locale(code), True)
    known = language_names(catalog_dir(), code)
    if known is not None:
        native, english = known
    else:
        # Babel only for a language the compiled name table lacks (a new catalog).
        from babel import Locale, UnknownLocaleError

        try:
            cldr = Locale.parse(code)
            native = cldr.get_display_name(code) or code
            english = cldr.get_display_name(SOURCE_LOCALE) or code
        except (UnknownLocaleError, ValueError):
            native = english = code
    # CLDR writes some names in lower case ("español"); a picker entry starts a sentence.
    native = native[:1].upper() + native[1:]
    return Language(
        code=code,
        native_name=native,
        english_name=english,
        is_draft=translation_status(code) == DRAFT,
        is_rtl=is_rtl_locale(code),
        is_pseudo=False,
    )


def available_languages(include_pseudo: bool | None = None) -> list[Language]:
    """Shipped languages in picker order, then any new catalog a translator has started,
    then (only when ``MIGRANT_DIRECTORY_PSEUDO=1`` or asked for) the pseudo-locales."""
    codes = list(SHIPPED_LOCALES)
    codes += [code for code in catalog_locales() if code not in codes]
    if include_pseudo if include_pseudo is not None else pseudo_locales_enabled():
        codes += list(PSEUDO_LOCALES)
    return [language(code) for code in codes]
