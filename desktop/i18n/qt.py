"""Qt's side of a language switch: Qt's own dialog strings (``qtbase_<lang>.qm`` shipped
with PySide6), the layout direction and the default ``QLocale``.

Replacing the installed translator makes Qt send ``QEvent.LanguageChange`` to every
widget; each screen re-reads its strings in ``changeEvent`` → ``retranslate()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    Qt,
    QTranslator,
)

from desktop.i18n.locales import base_language, formatting_locale, is_pseudo
from desktop.i18n.runtime import current_locale, is_rtl, set_language

_installed: QTranslator | None = None


class RetranslatedOnLanguageChange:
    """Mixed into a widget that has ``retranslate()`` (listed before the Qt class): Qt's
    ``LanguageChange`` event, sent to every widget on a language switch, calls it."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()  # type: ignore[attr-defined]
        super().changeEvent(event)  # type: ignore[misc]


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _load_qt_translator(locale: str) -> QTranslator | None:
    """Qt's own catalog for ``locale``, found the way Qt searches (``pt`` finds ``pt_BR``)."""
    if is_pseudo(locale) or base_language(locale) == "en":
        return None
    translator = QTranslator()
    folder = str(qt_translations_dir())
    if translator.load(QLocale(formatting_locale(locale)), "qtbase", "_", folder):
        return translator
    return None


def install_qt_translations(app: QCoreApplication, locale: str) -> None:
    """Replace Qt's own translator, set the layout direction and the default QLocale.

    Qt posts ``LanguageChange`` when a translator is installed or removed; when neither
    happens (English to a pseudo-locale, say) the event is sent by hand, so widgets
    retranslate on every switch.
    """
    global _installed
    changed = False
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
        changed = True
    translator = _load_qt_translator(locale)
    if translator is not None:
        app.installTranslator(translator)
        _installed = translator
        changed = True
    QLocale.setDefault(QLocale(formatting_locale(locale)))
    direction = Qt.LayoutDirection.RightToLeft if is_rtl(locale) else Qt.LayoutDirection.LeftToRight
    if hasattr(app, "setLayoutDirection"):
        app.setLayoutDirection(direction)
    if not changed:
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))


def apply_language(app: QCoreApplication, locale: str) -> str:
    """Switch the whole app to ``locale``; returns the locale actually used."""
    set_language(locale)
    resolved = current_locale()
    install_qt_translations(app, resolved)
    return resolved
