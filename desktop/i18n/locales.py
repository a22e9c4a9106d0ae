"""Which languages the app ships, which are written right to left, and how a locale name
from the command line, the settings or the operating system maps onto one of them."""

from __future__ import annotations

import locale as _stdlib_locale
import os
import re

SOURCE_LOCALE = "en"
# Order matters: it is the order of the language picker (English first, then the
# languages of the largest communities the directory serves, then the rest). Portuguese
# comes twice: European ("pt": Portugal, Mozambique, Cabo Verde) and Brazilian.
SHIPPED_LOCALES: tuple[str, ...] = (
    "en", "ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "pt_BR", "ti", "so",
)
# Pseudo-locales exist only for testing: they are generated on the fly from the source
# strings (see ``desktop.i18n.pseudo``), so they have no catalog.
PSEUDO_LOCALES: tuple[str, ...] = ("en_XA", "ar_XB")
PSEUDO_ENV = "MIGRANT_DIRECTORY_PSEUDO"

RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ur", "he", "ckb", "dv", "yi", "sd", "ug"})

# Where pseudo-locales take their number/date formatting from.
_PSEUDO_BASE = {"en_XA": "en", "ar_XB": "ar"}

_LOCALE_RE = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|\d{3}|[A-Za-z]{4}))?")


def normalize(name: str) -> str:
    """``pt-BR``, ``pt_BR.UTF-8`` and ``pt_BR@euro`` all become ``pt_BR``; ``C`` becomes ``""``."""
    name = name.strip().split(".", 1)[0].split("@", 1)[0]
    if name in ("", "C", "POSIX"):
        return ""
    match = _LOCALE_RE.match(name)
    if not match:
        return ""
    language, region = match.group(1).lower(), match.group(2)
    if region is None:
        return language
    region = region.title() if len(region) == 4 else region.upper()
    return f"{language}_{region}"


def base_language(locale: str) -> str:
    return locale.split("_", 1)[0]


def is_pseudo(locale: str) -> bool:
    return locale in PSEUDO_LOCALES


def formatting_locale(locale: str) -> str:
    """The CLDR locale whose number, date and plural rules a UI locale uses."""
    return _PSEUDO_BASE.get(locale, locale)


def isolated(text: object) -> str:
    """``text`` kept in one piece, in its own direction, inside text of either direction
    (Unicode first-strong isolate, U+2068 … U+2069): a path's slashes or a date's digits
    stay where they are in an Arabic sentence."""
    return f"\u2068{text}\u2069"


def is_rtl_locale(locale: str) -> bool:
    if locale == "ar_XB":
        return True
    if locale in PSEUDO_LOCALES:
        return False
    return base_language(locale) in RTL_LANGUAGES


def pseudo_locales_enabled() -> bool:
    """Pseudo-locales are listed in the language picker only when a tester asks for them."""
    return os.environ.get(PSEUDO_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def match_shipped(name: str, available: tuple[str, ...] | None = None) -> str | None:
    """The shipped (or pseudo) locale that ``name`` asks for, or ``None``.

    ``pt_BR`` matches ``pt``; ``en_XA`` matches itself; anything else with no catalog
    matches nothing.
    """
    candidates = available if available is not None else SHIPPED_LOCALES + PSEUDO_LOCALES
    normalized = normalize(name)
    if not normalized:
        return None
    if normalized in candidates:
        return normalized
    base = base_language(normalized)
    return base if base in candidates else None


def system_locale() -> str:
    """The locale the app starts in the first time: the operating system's, when shipped.

    Follows gettext's order: ``LANGUAGE`` (a colon-separated preference list), ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``; then what the C library reports (Windows and macOS set no
    variables). Pseudo-locales are never picked from the system.
    """
    preferences: list[str] = []
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            preferences.extend(part for part in value.split(":") if part)
    try:
        os_language = _stdlib_locale.getlocale(_stdlib_locale.LC_MESSAGES)[0]  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        os_language = None
    if not os_language:
        try:
            os_language = _stdlib_locale.getlocale()[0]
        except ValueError:
            os_language = None
    if os_language:
        preferences.append(os_language)
    for preference in preferences:
        found = match_shipped(preference, SHIPPED_LOCALES)
        if found:
            return found
    return SOURCE_LOCALE
