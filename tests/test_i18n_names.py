"""Country and language names come from CLDR whether the compiled table is there or not."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale

from desktop.i18n import SHIPPED_LOCALES, country_name, set_language, territories
from desktop.i18n.territories import TERRITORIES_FILE, write_territory_names


@pytest.mark.parametrize("locale", SHIPPED_LOCALES)
def test_the_table_holds_the_same_names_as_cldr(tmp_path: Path, locale: str) -> None:
    write_territory_names(tmp_path, [locale])
    cldr = Locale.parse(locale)
    for code in ("BE", "BR", "ER", "SO", "UA", "AF"):
        assert territories.territory_name(tmp_path, locale, code) == cldr.territories[code]
    assert territories.language_names(tmp_path, locale) == (
        cldr.get_display_name(cldr), cldr.get_display_name("en"))


def test_without_the_table_babel_answers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("desktop.i18n.runtime.catalog_dir", lambda: tmp_path)
    assert not (tmp_path / TERRITORIES_FILE).exists()
    set_language("fr")
    try:
        assert country_name("BE") == "Belgique"
    finally:
        set_language("en")


def test_a_damaged_table_is_ignored(tmp_path: Path) -> None:
    (tmp_path / TERRITORIES_FILE).write_text("{not json", encoding="utf-8")
    assert territories.territory_name(tmp_path, "fr", "BE") is None
    assert territories.language_names(tmp_path, "fr") is None


@pytest.mark.parametrize(("locale", "dari"), [("en", "Dari"), ("fa", "دری"), ("ti", "ዳሪ")])
def test_every_language_an_entry_speaks_has_a_name_never_a_bare_code(
        embedded_directory, locale: str, dari: str) -> None:
    # Dari is recorded as "prs" (ISO 639-3), which CLDR names as Persian of Afghanistan.
    import sqlite3

    from desktop.i18n import set_language
    from desktop.i18n.formatting import language_name

    codes: set[str] = set()
    with sqlite3.connect(embedded_directory) as conn:
        for (spoken,) in conn.execute("SELECT languages FROM search_doc"):
            codes.update(spoken.split())
    set_language(locale)
    try:
        assert language_name("prs") == dari
        assert [code for code in sorted(codes) if language_name(code) == code] == []
    finally:
        set_language("en")
