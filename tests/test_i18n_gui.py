"""Languages on a live window: switching through all eleven without a restart, and the
pseudo-locale render test that fails on visible text that did not go through the catalogs."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

import desktop.i18n as i18n
from desktop import APP_NAME
from desktop.i18n import pseudo
from desktop.i18n.runtime import load_translations

RTL = {"ar", "fa", "ps"}


@pytest.fixture
def window(qtbot, built_directory: Path) -> Iterator[object]:
    from desktop.directory.database import Directory
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.userdata import UserData

    directory = Directory(built_directory)
    user_data = UserData.in_memory()
    main = MainWindow(AppContext(directory=directory, user_data=user_data))
    main.show()
    yield main
    main.set_language("en")
    # Same order as the app's own shutdown: stop background work, delete the window,
    # and only then close the directory it reads.
    main.shutdown()
    main.close()
    main.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    directory.close()
    user_data.close()


def translated_plural(locale: str, singular: str) -> bool:
    from desktop.translating.catalogs import Layout, is_translated, read_catalog

    catalog = read_catalog(Layout.default().po_path(locale), locale)
    message = catalog.get(singular)
    return message is not None and is_translated(message)


def _switch(window, locale: str) -> None:
    window.set_language(locale)
    # Qt posts LanguageChange to each top-level window; deliver it now, then let the
    # widgets a page replaced while retranslating be deleted.
    QCoreApplication.sendPostedEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_switching_through_every_language_on_a_live_window(window) -> None:
    window.show_about()
    about = window.about
    build_date = dt.date.fromisoformat(
        window.context.directory.info(dt.date.today()).build_date[:10])
    organisations = window.context.directory.info(dt.date.today()).organizations
    seen_titles = set()

    for locale in i18n.SHIPPED_LOCALES:
        _switch(window, locale)
        catalog = load_translations(locale)
        assert i18n.current_locale() == locale

        # Direction: the whole window mirrors for Arabic, Persian and Pashto only.
        expected = Qt.LayoutDirection.RightToLeft if locale in RTL \
            else Qt.LayoutDirection.LeftToRight
        assert QApplication.layoutDirection() == expected, locale
        assert window.layoutDirection() == expected, locale

        # A translated label, from this language's catalog, with nothing left over.
        favourites = window.top_bar.favourites.text()
        assert favourites == catalog.gettext("Favourites"), locale
        if locale != "en":
            assert favourites != "Favourites", f"{locale}: 'Favourites' is not translated"
        seen_titles.add(window.windowTitle())

        # A date formatted the CLDR way for this language.
        date_label = about.findChild(QLabel, "about_build_date")
        assert date_label.text() == babel_format_date(build_date, "medium", locale=locale)

        # A plural chosen by this language's rules, around a localised number.
        entries = about.findChild(QLabel, "about_entries").text()
        plural = catalog.ngettext("%(count)s organisation", "%(count)s organisations",
                                  organisations)
        assert entries == plural % {"count": format_decimal(organisations, locale=locale)}
        if locale != "en":
            assert translated_plural(locale, "%(count)s organisation"), locale

        # Qt's own dialog strings follow too (where Qt ships a catalog for the language).
        if locale in ("fr", "uk", "ru", "ar", "es", "fa"):
            assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"

    # One title per language; European and Brazilian Portuguese share theirs.
    languages = {locale.split("_")[0] for locale in i18n.SHIPPED_LOCALES}
    assert len(seen_titles) == len(languages)
    _switch(window, "en")
    assert window.top_bar.favourites.text() == "Favourites"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_chosen_language_is_remembered(window) -> None:
    from desktop.ui.settings_dialog import LANGUAGE_KEY

    _switch(window, "ti")
    assert window.context.user_data.get_setting(LANGUAGE_KEY) == "ti"


# --- the pseudo-locale render test ---------------------------------------------------

def _directory_texts(path: Path) -> set[str]:
    """Every text value in the directory: content is not translated through catalogs."""
    texts: set[str] = set()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"
            " AND name NOT LIKE '%fts%'")]
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                for (value,) in connection.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'):
                    if isinstance(value, str) and value.strip():
                        texts.add(value.strip())
    return texts


def _visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(widget description, text) for every piece of text a person can see right now."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or widget.objectName() == "languagePicker":
            continue  # the picker shows each language in its own name, on purpose
        name = f"{type(widget).__name__}#{widget.objectName() or '?'}"
        texts: list[str] = []
        is_text_label = isinstance(widget, QLabel) and widget.pixmap().isNull()
        if is_text_label or isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText() if not widget.text() else "")
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if widget.isWindow():
            texts.append(widget.windowTitle())
        texts += [widget.toolTip(), widget.accessibleName()]
        found += [(name, text) for text in texts if text]
    return found


_SEPARATORS = re.compile(r"\s*(?:\n|·|—|–|,|;|\||:)\s*")
_PSEUDO_CHUNK = re.compile(r"\[[^\]]*\]")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The product's name is a proper name, like an organisation's: it may stay as it is.
PROPER_NAMES = {APP_NAME}


def _covered_by_content(part: str, content: set[str]) -> bool:
    """Whether ``part`` is directory values side by side ("2000 Sydney" = postcode + city)."""
    tokens = part.split()
    start = 0
    while start < len(tokens):
        for end in range(len(tokens), start, -1):
            if " ".join(tokens[start:end]) in content:
                start = end
                break
        else:
            return False
    return True


def _untranslated(text: str, content: set[str]) -> bool:
    """Whether visible text holds words that neither came through the catalogs (pseudo
    brackets), nor from the directory's own content, nor are numbers or symbols."""
    plain = re.sub(r"<[^>]+>", " ", text)  # rich-text tags are markup, not words
    plain = _BIDI_CONTROLS.sub("", _PSEUDO_CHUNK.sub(" ", plain))
    for name in PROPER_NAMES:
        plain = plain.replace(name, " ")
    plain = plain.strip()
    if not plain or plain in content:
        return False
    for part in _SEPARATORS.split(plain):
        part = part.strip(" ()\"'“”«»…")  # … ends an address cut short
        if not re.search(r"[A-Za-z]{2,}", part) or _covered_by_content(part, content):
            continue
        if any(part in value for value in content if len(part) >= 4):
            continue  # an excerpt of a description or an address
        return True
    return False


@contextlib.contextmanager
def rendered(locale: str, directory: Path) -> Iterator[object]:
    from desktop.ui.screenshot import ScreenRenderer

    with ScreenRenderer(locale, directory) as renderer:
        yield renderer
    # The renderer's window was only scheduled for deletion: delete it now, so it does not
    # hear later language switches after its directory is closed.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n.set_language("en")


@pytest.mark.parametrize("page", ["home", "results", "details", "favourites", "about"])
def test_every_screen_in_the_pseudo_locale_shows_only_catalog_text(
    qtbot, built_directory: Path, page: str,
) -> None:
    content = _directory_texts(built_directory)
    with rendered("en_XA", built_directory) as renderer:
        renderer.show(page)
        texts = _visible_texts(renderer.window)
        assert any(pseudo.looks_pseudo("en_XA", text) for _where, text in texts)
        leftovers = sorted({f"{where}: {text!r}" for where, text in texts
                            if _untranslated(text, content)})
    assert not leftovers, "visible text that did not go through the catalogs:\n" + \
        "\n".join(leftovers)


def test_the_right_to_left_pseudo_locale_mirrors_the_window(
    qtbot, built_directory: Path,
) -> None:
    with rendered("ar_XB", built_directory) as renderer:
        renderer.show("home")
        assert renderer.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert renderer.window.windowTitle().startswith(pseudo.RLM)


def test_the_render_check_tells_catalog_text_from_leftovers() -> None:
    content = {"Acacia Refugee Support Centre", "2000", "Sydney", "52 Mill Street"}
    assert _untranslated("Favourites", content)
    assert _untranslated("Loading… please wait", content)
    assert not _untranslated("[Ƒåṽöûŕîţéš ····]", content)
    assert not _untranslated("Acacia Refugee Support Centre · [Öþéñ ñöŵ ··]", content)
    assert not _untranslated("52 Mill Street\n2000 Sydney", content)
    assert not _untranslated("+61 2 9000 0000", content)
