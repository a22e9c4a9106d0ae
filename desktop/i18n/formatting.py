"""Numbers, dates, distances and names in the current UI language, from CLDR (Babel).

In a pseudo-locale the result is pseudo-translated too, so a render test can tell text
that went through this module from text that did not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

# Babel (its core, dates, numbers, units and lists) and the pseudo-locales are imported
# in the functions that use them: the first frame needs none of them, and Babel's core
# alone (with pickle and decimal) is several milliseconds of start-up.
from desktop.i18n.locales import SOURCE_LOCALE, formatting_locale, is_pseudo
from desktop.i18n.runtime import current_locale

if TYPE_CHECKING:
    from babel import Locale


@lru_cache(maxsize=64)
def babel_locale(locale: str) -> Locale:
    """The CLDR locale for a UI locale (pseudo-locales borrow English or Arabic rules)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(formatting_locale(locale))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LOCALE)


def _current() -> Locale:
    return babel_locale(current_locale())


def _mark(text: str) -> str:
    locale = current_locale()
    if not is_pseudo(locale):
        return text
    from desktop.i18n import pseudo

    return pseudo.transform(locale, text)


def format_date(value: dt.date, format: str = "medium") -> str:
    from babel import dates as babel_dates
    return _mark(babel_dates.format_date(value, format=format, locale=_current()))


def format_time(value: dt.time | dt.datetime, format: str = "short") -> str:
    from babel import dates as babel_dates
    return _mark(babel_dates.format_time(value, format=format, locale=_current()))


def format_datetime(value: dt.datetime, format: str = "medium") -> str:
    from babel import dates as babel_dates
    return _mark(babel_dates.format_datetime(value, format=format, locale=_current()))


def format_number(value: float | int) -> str:
    from babel import numbers as babel_numbers
    return _mark(babel_numbers.format_decimal(value, locale=_current()))


def format_distance_km(km: float) -> str:
    """``0.85`` → "850 m", ``1.234`` → "1.2 km", ``12.7`` → "13 km" (CLDR unit names and digits)."""
    from babel import units as babel_units
    if km < 1:
        metres = max(10, round(km * 1000 / 10) * 10)
        text = babel_units.format_unit(
            metres, "length-meter", length="short", format="#,##0", locale=_current()
        )
    else:
        pattern = "#,##0.#" if km < 10 else "#,##0"
        value = round(km, 1) if km < 10 else round(km)
        text = babel_units.format_unit(
            value, "length-kilometer", length="short", format=pattern, locale=_current()
        )
    return _mark(text)


def weekday_name(index: int, width: str = "wide") -> str:
    """The name of a weekday, ``0`` being Monday (as in ``date.weekday()``)."""
    from babel import dates as babel_dates
    names = babel_dates.get_day_names(width, context="stand-alone", locale=_current())
    return _mark(names[index % 7])


# Spoken languages the directory records by an ISO 639-3 code that CLDR names under
# another key (Dari is CLDR's Persian of Afghanistan), and, last, the English names of
# those CLDR does not name at all: a name in English reads better than a bare code.
CLDR_LANGUAGE_KEYS = {"prs": "fa_AF", "cnr": "sr_ME", "mnk": "man"}
ENGLISH_LANGUAGE_NAMES = {"cce": "Chopi", "cnh": "Hakha Chin", "cnr": "Montenegrin",
                          "kck": "Kalanga", "mnk": "Mandinka", "toi": "Tonga (Zambia)"}


def spoken_language_name(names: Mapping[str, str], code: str) -> str:
    """``code``'s name from a locale's CLDR language ``names``, else its English name,
    else the code itself."""
    return (names.get(code) or names.get(CLDR_LANGUAGE_KEYS.get(code, ""))
            or babel_locale(SOURCE_LOCALE).languages.get(code)
            or ENGLISH_LANGUAGE_NAMES.get(code) or code)


def language_name(code: str) -> str:
    """The name of a spoken language in the UI language: ``"ar"`` → "Arabic", "árabe", "عربي"…"""
    name = spoken_language_name(_current().languages, code)
    return _mark(name) if name != code else code


def country_name(code: str) -> str:
    """A country's name in the UI language (CLDR territory names): ``"BE"`` → "Belgique"…"""
    from desktop.i18n.runtime import catalog_dir
    from desktop.i18n.territories import territory_name

    upper = code.upper()
    name = territory_name(catalog_dir(), current_locale(), upper) \
        or _current().territories.get(upper)
    return _mark(name) if name else code


def format_list(items: list[str], style: str = "standard", locale: str | None = None) -> str:
    """"English, Italian and Chinese" / "انګلیسي، ایټالوي او چیني": CLDR list patterns,
    so lists use the language's own comma and "and" (``style="standard-narrow"`` for times).
    ``locale`` is a fixed language (the host country's on a card); by default the UI's.
    """
    items = [item for item in items if item]
    if not items:
        return ""
    if locale is not None:
        return list_text(items, style, babel_locale(locale))
    return _mark(list_text(items, style, _current()))


def list_text(items: list[str], style: str, locale: Locale) -> str:
    from babel import lists as babel_lists
    try:
        return babel_lists.format_list(items, style=style, locale=locale)
    except KeyError:
        # Babel 2.19 lacks some narrow and unit patterns (Spanish "unit-short")
        return babel_lists.format_list(items, style="standard", locale=locale)
