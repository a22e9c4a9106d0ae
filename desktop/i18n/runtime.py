"""The current language and the gettext functions every user-visible string goes through.

Catalogs are Babel-compiled ``translations/<locale>/LC_MESSAGES/messages.mo`` files.
Running from the source tree, a ``.po`` newer than its ``.mo`` (or with no ``.mo`` at
all) is compiled in memory, so a translator's edit shows up without a build step and a
stale ``.mo`` never hides it.
"""

from __future__ import annotations

import gettext
import io
import logging
from pathlib import Path

from desktop import paths
from desktop.i18n.locales import (
    PSEUDO_LOCALES,
    SHIPPED_LOCALES,
    SOURCE_LOCALE,
    is_pseudo,
    is_rtl_locale,
    match_shipped,
)

log = logging.getLogger(__name__)
DOMAIN = "messages"

_NULL = gettext.NullTranslations()
_current_locale = SOURCE_LOCALE
_translations: gettext.NullTranslations = _NULL
_cache: dict[tuple[Path, str], gettext.NullTranslations] = {}


def catalog_dir() -> Path:
    return paths.translations_dir()


def catalog_locales(directory: Path | None = None) -> tuple[str, ...]:
    """Locales with a catalog on disk (a new language after ``i18n init`` is one of them)."""
    directory = directory or catalog_dir()
    if not directory.is_dir():
        return ()
    return tuple(sorted(
        child.name for child in directory.iterdir()
        if (child / "LC_MESSAGES" / f"{DOMAIN}.mo").exists()
        or (child / "LC_MESSAGES" / f"{DOMAIN}.po").exists()
    ))


def _compile_in_memory(po_path: Path, locale: str) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo

    from desktop.i18n.po_files import read_catalog

    catalog = read_catalog(po_path, locale, strict=True)
    # A translation with a broken placeholder would raise inside a screen: drop it, so
    # that one string shows in English (``i18n check`` reports it to the translator).
    for message, _errors in catalog.check():
        message.string = ("",) * len(message.string) if message.pluralizable else ""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def load_translations(locale: str, directory: Path | None = None) -> gettext.NullTranslations:
    """The compiled catalog of ``locale``, or a null catalog (source English) when there is none."""
    directory = directory or catalog_dir()
    key = (directory, locale)
    if key in _cache:
        return _cache[key]
    folder = directory / locale / "LC_MESSAGES"
    mo_path, po_path = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    translations: gettext.NullTranslations = _NULL
    try:
        mo_fresh = mo_path.exists() and (
            not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
        )
        if mo_fresh:
            with mo_path.open("rb") as handle:
                translations = gettext.GNUTranslations(handle)
        elif po_path.exists():
            translations = _compile_in_memory(po_path, locale)
    except Exception as error:  # a broken catalog must never stop the app: show English
        log.warning("cannot load the %s catalog from %s: %s", locale, folder, error)
        translations = _NULL
    _cache[key] = translations
    return translations


def reload_catalogs() -> None:
    """Forget loaded catalogs (after ``i18n compile`` or in tests), and reload the current one."""
    _cache.clear()
    set_language(_current_locale)


def resolve_locale(locale: str) -> str:
    """The locale ``set_language(locale)`` will actually use."""
    available = SHIPPED_LOCALES + PSEUDO_LOCALES + catalog_locales()
    return match_shipped(locale, available) or SOURCE_LOCALE


def set_language(locale: str) -> None:
    """Switch every later ``_()`` call to ``locale`` (screens hear it as Qt's LanguageChange).

    Unknown locales fall back to their base language (``pt_BR`` → ``pt``), then to
    source English. Qt's own translations and layout direction are switched by
    ``desktop.i18n.qt.apply_language``.
    """
    global _current_locale, _translations
    resolved = resolve_locale(locale)
    if resolved == SOURCE_LOCALE or is_pseudo(resolved):
        _translations = _NULL
    else:
        _translations = load_translations(resolved)
    _current_locale = resolved


def current_locale() -> str:
    return _current_locale


def is_rtl(locale: str | None = None) -> bool:
    return is_rtl_locale(locale if locale is not None else _current_locale)


def text_direction(locale: str | None = None) -> str:
    """``"rtl"`` or ``"ltr"``, e.g. for an HTML ``dir`` attribute."""
    return "rtl" if is_rtl(locale) else "ltr"


# --- the gettext functions ---------------------------------------------------------

def _pseudo(text: str) -> str:
    if not is_pseudo(_current_locale):
        return text
    from desktop.i18n import pseudo  # only for the pseudo-locales: spared at start-up

    return pseudo.transform(_current_locale, text)


def gettext_(message: str) -> str:
    """Translate ``message``; ``_("")`` is ``""`` (plain gettext would return the header)."""
    if not message:
        return ""
    return _pseudo(_translations.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    return _pseudo(_translations.ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    if not message:
        return ""
    return _pseudo(_translations.pgettext(context, message))


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _pseudo(_translations.npgettext(context, singular, plural, n))


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translate it with ``_`` later)."""
    return message


def catalog_info(locale: str) -> dict[str, str]:
    """The header fields of a locale's loaded catalog (lower-case keys), or ``{}``."""
    translations = load_translations(locale)
    return dict(translations.info()) if translations is not _NULL else {}
