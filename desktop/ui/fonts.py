"""The bundled Noto fonts, so Arabic-script and Ethiopic text never shows as boxes.

Loaded once at start (before any widget exists), then put in the application font's
family list as fallbacks: Qt picks the first family in the list that has a glyph, so
Latin text keeps the system's UI font and Arabic or Tigrinya text gets Noto.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop import paths

log = logging.getLogger(__name__)

# Fallback order: the general Noto Sans first (Latin, Cyrillic, Greek), then the scripts.
FALLBACK_FAMILIES = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic")
FONT_SUFFIXES = (".ttf", ".otf")

_loaded: list[str] | None = None


def load_bundled_fonts() -> list[str]:
    """Register every font in ``resources/fonts/``; returns the family names loaded.

    Safe to call more than once (fonts are registered only the first time). Needs a
    ``QGuiApplication``.
    """
    global _loaded
    if _loaded is None:
        families: list[str] = []
        folder = paths.resources_dir() / "fonts"
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES) \
            if folder.is_dir() else []
        for path in files:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("cannot load the bundled font %s", path)
                continue
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in families:
                    families.append(family)
        if not files:
            log.warning("no bundled fonts in %s: Arabic and Tigrinya may show as boxes", folder)
        _loaded = families
        _install_fallbacks(families)
    return list(_loaded)


def fallback_families(primary: str | None = None) -> list[str]:
    """A family list for ``QFont.setFamilies``: ``primary`` then the bundled fallbacks."""
    loaded = _loaded or []
    families = [primary] if primary else []
    families += [f for f in FALLBACK_FAMILIES if f in loaded and f not in families]
    return families


def with_fallbacks(font: QFont) -> QFont:
    """A copy of ``font`` that falls back to the bundled fonts for missing scripts."""
    result = QFont(font)
    result.setFamilies(fallback_families(font.family()))
    return result


def _install_fallbacks(families: list[str]) -> None:
    present = [f for f in FALLBACK_FAMILIES if f in families]
    if not present:
        return
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app_font = QGuiApplication.font()
        QGuiApplication.setFont(with_fallbacks(app_font))
    # Style sheets and documents that name a family still reach the script fonts.
    for family in ("Noto Sans", QGuiApplication.font().family()):
        QFont.insertSubstitutions(family, [f for f in present if f != family])
