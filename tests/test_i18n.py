"""The i18n module as the app uses it: switching language, plurals, formatting, pseudo-locales."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import desktop.i18n as i18n
from desktop.i18n import locales, pseudo, runtime
from tests.i18n_helpers import write_po

SHIPPED_NON_SOURCE = [code for code in i18n.SHIPPED_LOCALES if code != i18n.SOURCE_LOCALE]


@pytest.fixture(autouse=True)
def back_to_english():
    yield
    runtime._cache.clear()
    i18n.set_language("en")


@pytest.fixture
def test_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A translations folder with small French, Arabic and Russian catalogs."""
    write_po(tmp_path, "fr", '''
        msgid "Search"
        msgstr "Rechercher"

        msgctxt "verb"
        msgid "Open"
        msgstr "Ouvrir"

        msgctxt "adjective"
        msgid "Open"
        msgstr "Ouvert"

        msgid "%(count)d result"
        msgid_plural "%(count)d results"
        msgstr[0] "%(count)d résultat"
        msgstr[1] "%(count)d de résultats"
        msgstr[2] "%(count)d résultats"
    ''')
    write_po(tmp_path, "ar", '''
        msgid "Search"
        msgstr "بحث"

        msgid "%(count)d result"
        msgid_plural "%(count)d results"
        msgstr[0] "لا نتائج"
        msgstr[1] "نتيجة واحدة"
        msgstr[2] "نتيجتان"
        msgstr[3] "%(count)d نتائج"
        msgstr[4] "%(count)d نتيجة"
        msgstr[5] "%(count)d نتيجة"
    ''', status="draft")
    write_po(tmp_path, "ru", '''
        msgid "%(count)d result"
        msgid_plural "%(count)d results"
        msgstr[0] "%(count)d результат"
        msgstr[1] "%(count)d результата"
        msgstr[2] "%(count)d результатов"
    ''')
    monkeypatch.setattr(runtime, "catalog_dir", lambda: tmp_path)
    runtime._cache.clear()
    return tmp_path


def test_empty_string_stays_empty_in_every_language_instead_of_the_catalog_header(
    test_catalogs: Path,
) -> None:
    for code in ("en", "fr", "ar", "en_XA", "ar_XB"):
        i18n.set_language(code)
        assert i18n._("") == ""
        assert i18n.pgettext("verb", "") == ""


def test_switching_language_changes_what_underscore_returns(test_catalogs: Path) -> None:
    assert i18n._("Search") == "Search"
    i18n.set_language("fr")
    assert i18n.current_locale() == "fr"
    assert i18n._("Search") == "Rechercher"
    i18n.set_language("ar")
    assert i18n._("Search") == "بحث"
    i18n.set_language("en")
    assert i18n._("Search") == "Search"


def test_a_string_without_translation_falls_back_to_english(test_catalogs: Path) -> None:
    i18n.set_language("fr")
    assert i18n._("Favourites") == "Favourites"


def test_context_tells_apart_the_same_english_word(test_catalogs: Path) -> None:
    i18n.set_language("fr")
    assert i18n.pgettext("verb", "Open") == "Ouvrir"
    assert i18n.pgettext("adjective", "Open") == "Ouvert"


@pytest.mark.parametrize(("locale", "n", "expected"), [
    ("en", 1, "1 result"), ("en", 0, "0 results"), ("en", 2, "2 results"),
    ("fr", 0, "0 résultat"), ("fr", 1, "1 résultat"), ("fr", 2, "2 résultats"),
    ("ar", 0, "لا نتائج"), ("ar", 1, "نتيجة واحدة"), ("ar", 2, "نتيجتان"),
    ("ar", 5, "5 نتائج"), ("ar", 11, "11 نتيجة"), ("ar", 100, "100 نتيجة"),
    ("ru", 1, "1 результат"), ("ru", 3, "3 результата"), ("ru", 5, "5 результатов"),
    ("ru", 21, "21 результат"), ("ru", 12, "12 результатов"),
])
def test_plural_forms_follow_each_language_rules(
    test_catalogs: Path, locale: str, n: int, expected: str
) -> None:
    i18n.set_language(locale)
    assert i18n.ngettext("%(count)d result", "%(count)d results", n) % {"count": n} == expected


def test_unknown_and_regional_locales_fall_back_sensibly(test_catalogs: Path) -> None:
    i18n.set_language("fr_CA.UTF-8")
    assert i18n.current_locale() == "fr"
    i18n.set_language("de")
    assert i18n.current_locale() == "en"
    assert i18n._("Search") == "Search"


def test_a_broken_catalog_shows_english_rather_than_stopping_the_app(
    test_catalogs: Path,
) -> None:
    broken = test_catalogs / "es" / "LC_MESSAGES" / "messages.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "Search"\nmsgstr "Buscar\n', encoding="utf-8")
    i18n.set_language("es")
    assert i18n._("Search") == "Search"


@pytest.mark.parametrize(("locale", "rtl"), [
    ("ar", True), ("fa", True), ("ps", True), ("ar_XB", True),
    ("en", False), ("uk", False), ("ti", False), ("so", False), ("en_XA", False),
])
def test_text_direction(locale: str, rtl: bool) -> None:
    i18n.set_language(locale)
    assert i18n.is_rtl() is rtl
    assert i18n.text_direction() == ("rtl" if rtl else "ltr")


def test_dates_numbers_and_distances_follow_the_language() -> None:
    day = dt.date(2026, 3, 5)
    i18n.set_language("en")
    assert i18n.format_date(day) == "Mar 5, 2026"
    assert i18n.format_number(1234.5) == "1,234.5"
    assert i18n.format_distance_km(1.234) == "1.2 km"
    assert i18n.format_distance_km(0.853) == "850 m"
    assert i18n.weekday_name(0) == "Monday"
    i18n.set_language("fr")
    assert i18n.format_date(day) == "5 mars 2026"
    assert i18n.format_number(1234.5) == "1\u202f234,5"
    assert i18n.format_distance_km(1.234) == "1,2\u202fkm"
    assert i18n.weekday_name(6) == "dimanche"
    i18n.set_language("uk")
    assert i18n.format_distance_km(12.7) == "13 км"
    i18n.set_language("ar")
    assert i18n.weekday_name(0) == "الاثنين"
    i18n.set_language("ti")
    assert i18n.weekday_name(0) == "ሰኑይ"


def test_lists_use_each_languages_own_separators() -> None:
    i18n.set_language("en")
    assert i18n.format_list(["English", "Italian", "Chinese"]) == "English, Italian, and Chinese"
    i18n.set_language("ar")
    assert i18n.format_list(["أ", "ب", "ج"]) == "أ وب وج"  # CLDR: Arabic joins with و
    i18n.set_language("fr")
    assert i18n.format_list(["a", "b", "c"]) == "a, b et c"
    assert i18n.format_list([]) == ""


def test_language_and_country_names_are_in_the_interface_language() -> None:
    i18n.set_language("es")
    assert i18n.language_name("ar") == "árabe"
    assert i18n.country_name("be") == "Bélgica"
    i18n.set_language("ar")
    assert i18n.language_name("ar") == "العربية"
    assert i18n.language_name("zz-unknown") == "zz-unknown"
    assert i18n.country_name("ZZZ") == "ZZZ"


def test_the_picker_lists_each_language_in_its_own_script_without_pseudo_locales(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(locales.PSEUDO_ENV, raising=False)
    languages = {language.code: language for language in i18n.available_languages()}
    assert list(languages)[: len(i18n.SHIPPED_LOCALES)] == list(i18n.SHIPPED_LOCALES)
    assert languages["ar"].native_name == "العربية"
    assert languages["ti"].native_name == "ትግርኛ"
    assert languages["ps"].native_name == "پښتو"
    assert languages["fa"].is_rtl and not languages["uk"].is_rtl
    assert not any(language.is_pseudo for language in languages.values())

    monkeypatch.setenv(locales.PSEUDO_ENV, "1")
    codes = [language.code for language in i18n.available_languages()]
    assert codes[-2:] == ["en_XA", "ar_XB"]


def test_draft_status_comes_from_the_catalog(test_catalogs: Path) -> None:
    languages = {language.code: language for language in i18n.available_languages()}
    assert languages["ar"].is_draft
    assert not languages["fr"].is_draft
    assert languages["so"].is_draft  # no catalog at all in this folder


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANGUAGE": "ti:en"}, "ti"),
    ({"LANG": "uk_UA.UTF-8"}, "uk"),
    ({"LC_ALL": "pt_BR.UTF-8"}, "pt_BR"),
    ({"LANG": "pt_PT.UTF-8"}, "pt"),
    ({"LANG": "pt_MZ.UTF-8"}, "pt"),
    ({"LANGUAGE": "de_DE:fa_IR"}, "fa"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_first_start_follows_the_system_language_when_shipped(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setattr(locales._stdlib_locale, "getlocale", lambda *args: (None, None))
    assert i18n.system_locale() == expected


def test_pseudo_english_is_accented_longer_bracketed_and_keeps_placeholders() -> None:
    i18n.set_language("en_XA")
    text = i18n._("Search %(city)s for {count} &services")
    assert text.startswith("[") and text.endswith("]")
    assert "%(city)s" in text and "{count}" in text and "&s" in text
    assert "Search" not in text
    source = "Search %(city)s for {count} &services"
    assert len(text) >= 1.4 * len(source)
    assert (text % {"city": "Lyon"}).count("Lyon") == 1
    plural = i18n.ngettext("%(count)d result", "%(count)d results", 3) % {"count": 3}
    assert plural.startswith("[3 ŕéšûļţš")
    assert pseudo.looks_pseudo("en_XA", text)
    assert not pseudo.looks_pseudo("en_XA", "Search")


def test_pseudo_right_to_left_forces_the_direction_and_keeps_placeholders() -> None:
    i18n.set_language("ar_XB")
    text = i18n._("Open now in %(city)s")
    assert i18n.is_rtl()
    assert text.startswith(pseudo.RLM) and pseudo.RLO in text
    assert "%(city)s" in text
    assert text.replace(pseudo.RLM, "").replace(pseudo.RLO, "").replace(pseudo.PDF, "") \
        == "Open now in %(city)s"


def test_pseudo_locales_mark_formatted_values_too() -> None:
    i18n.set_language("en_XA")
    assert pseudo.looks_pseudo("en_XA", i18n.format_date(dt.date(2026, 1, 2)))
    assert pseudo.looks_pseudo("en_XA", i18n.language_name("ar"))


@pytest.mark.parametrize("locale", SHIPPED_NON_SOURCE)
def test_every_shipped_language_has_a_catalog_with_the_right_plural_rule(locale: str) -> None:
    from babel.messages.plurals import get_plural

    from desktop.translating.catalogs import Layout, read_catalog

    layout = Layout.default()
    catalog = read_catalog(layout.po_path(locale), locale)
    assert catalog.num_plurals == get_plural(locale).num_plurals
    translated = [m for m in catalog if m.id and isinstance(m.id, str) and m.string
                  and not m.fuzzy and m.string != m.id]
    if translated:
        i18n.set_language(locale)
        assert i18n._(translated[0].id) == translated[0].string
