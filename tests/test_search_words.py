"""A newcomer types the everyday words of their own language, misspelt as often as not,
and the directory understands what they mean."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop.cli import main
from desktop.directory.database import Directory
from desktop.directory.search import SearchRequest
from desktop.directory.search_words import read_search_words
from desktop.errors import UserError
from tests.conftest import ROOT

LOCALES = ("ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so")
EXAMPLE = "Search, for example: housing, lawyer, radio"
MEANT = ("housing", "legal", "media")


@pytest.fixture(scope="module")
def directory(embedded_directory: Path):
    with Directory(embedded_directory) as opened:
        yield opened


def examples(locale: str) -> list[str]:
    """The search box's own examples, as the catalog of ``locale`` translates them."""
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        text = read_po(f).get(EXAMPLE).string
    return [part.strip() for part in re.split(r"[,،፡:]", text) if part.strip()][-3:]


def first(directory: Directory, text: str, **options):
    rows = directory.search(SearchRequest(text, **options), limit=5).rows
    assert rows, f"nothing found for {text!r}"
    return directory.organization(rows[0].organization_id)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_search_box_examples_find_what_they_say_in_every_language(
        directory: Directory, locale: str) -> None:
    for word, category in zip(examples(locale), MEANT, strict=True):
        org = first(directory, word)
        assert org.main_category == category, (locale, word, org.name)


@pytest.mark.parametrize(("typed", "category"), [
    ("lawyer", "legal"), ("avocat", "legal"), ("abogado", "legal"), ("ጠበቓ", "legal"),
    ("وکیل", "legal"), ("юрист", "legal"), ("qareen", "legal"), ("mohami", "legal"),
    ("vakil", "legal"), ("yurist", "legal"), ("advokat", "legal"),
    ("راديو", "media"), ("радіо", "media"), ("ሬድዮ", "media"), ("راډیو", "media"),
    ("profspilka", "work_rights"), ("профспілки", "work_rights"), ("профспілок", "work_rights"),
    ("sindicatos", "work_rights"), ("unpaid", "work_rights"),
    ("eviction", "housing"), ("rent", "housing"), ("መንበሪ ገዛ", "housing"),
    ("doctor", "health"), ("pregnant", "health"), ("المحامين", "legal"),
])
def test_everyday_words_inflections_and_latin_spellings_find_their_category(
        directory: Directory, typed: str, category: str) -> None:
    assert first(directory, typed).main_category == category


@pytest.mark.parametrize(("typed", "meant"), [
    ("hosing", "housing"), ("leagal help", "legal help"), ("sindicatto", "sindicato"),
    ("lawyr", "lawyer"),
])
def test_a_typo_is_corrected_and_the_app_says_so(directory: Directory, typed: str,
                                                 meant: str) -> None:
    page = directory.search(SearchRequest(typed), limit=5)
    assert page.corrected_text == meant
    assert page.rows
    # Asked to search exactly as typed, the directory does.
    exact = directory.search(SearchRequest(typed, as_typed=True), limit=5)
    assert exact.corrected_text is None


def test_search_json_carries_what_was_typed_and_what_was_searched(
        embedded_directory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["search", "leagal help", "--json", "--directory",
                 str(embedded_directory)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["query"] == "leagal help"
    assert answer["searched_for"] == "legal help"
    assert answer["corrected"] is True


def test_a_lawyer_comes_before_a_radio_with_a_legal_programme(directory: Directory) -> None:
    rows = directory.search(SearchRequest("lawyer"), limit=10).rows
    mains = [directory.organization(r.organization_id).main_category for r in rows]
    assert mains[:5] == ["legal"] * 5
    assert all(r.kind != "media" for r in rows[:5])


def test_in_sydney_legal_help_in_sydney_comes_first(directory: Directory) -> None:
    rows = directory.search(SearchRequest("legal", home=("AU", "Sydney")), limit=5).rows
    assert rows[0].country == "AU" and rows[0].city == "Sydney"
    assert all(row.country == "AU" for row in rows[:3])


def test_within_a_radius(directory: Directory) -> None:
    sydney = (-33.8688, 151.2093)
    rows = directory.search(SearchRequest("legal", near=sydney, sort="relevance",
                                          filters=_within(50)), limit=50).rows
    assert rows
    assert all(row.distance_km is not None and row.distance_km <= 52 for row in rows)


def _within(km: float):
    from desktop.directory.search import SearchFilters

    return SearchFilters(within_km=km)


def test_open_now_is_judged_on_each_entrys_own_clock(directory: Directory) -> None:
    """Monday 08:30 UTC is 09:30 in Stockholm (FCFP's drop-in opens at 16:00 only) and
    18:30 in Sydney: nothing in Sydney that closes at 17:00 is open, while a place open
    Mo 16-19 in Stockholm is open at Monday 15:30 UTC."""
    from desktop.directory.search import SearchFilters

    fcfp = "43041eb8-ffdd-440d-90e3-0a860570601b"
    at = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)  # 16:30 in Stockholm
    rows = directory.search(SearchRequest("papperslösa", filters=SearchFilters(open_at=at)),
                            limit=20).rows
    assert fcfp in [r.organization_id for r in rows]
    early = datetime(2026, 11, 30, 14, 30, tzinfo=UTC)  # 15:30 in Stockholm: not yet
    rows = directory.search(SearchRequest("papperslösa", filters=SearchFilters(open_at=early)),
                            limit=20).rows
    assert fcfp not in [r.organization_id for r in rows]


def test_no_search_text_or_filter_value_raises(directory: Directory) -> None:
    from desktop.directory.search import SearchFilters

    for text in ("", " ", '"', "*", "AND OR NOT", "qq", "\x00", "a" * 500, "ዐ", "١٢٣",
                 "\ud800", "'; DROP TABLE organization; --", "ጠ" * 80):
        directory.search(SearchRequest(text), limit=5)
        directory.count(SearchRequest(text))
        directory.facets(SearchRequest(text))
    odd = SearchFilters(kinds=frozenset({"'"}), countries=frozenset({"\x00"}),
                        languages=frozenset({"x" * 300}), within_km=-5)
    directory.search(SearchRequest("legal", filters=odd, near=(0.0, 0.0)), limit=5)


def test_a_vocabulary_file_with_a_malformed_line_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "xx.toml"
    bad.write_text('[category.legal]\nwords = ["lawyer", "residence permit"]\n',
                   encoding="utf-8")
    with pytest.raises(UserError, match=r"xx\.toml: line 2: 'residence permit' is not one word"):
        read_search_words(bad)
    bad.write_text('[category.castles]\nwords = ["moat"]\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"line 1: 'castles' is not a category"):
        read_search_words(bad)


def test_filter_values_that_are_not_utf8_find_nothing_and_raise_nothing(
        embedded_directory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = b"\xff".decode("utf-8", "surrogateescape")  # what argv gives for such bytes
    for option in ("--city", "--kind", "--speaks", "--country", "--category"):
        code = main(["search", "housing", option, bad, "--directory", str(embedded_directory)])
        assert code == 0, option
    assert "Traceback" not in capsys.readouterr().err


def test_a_point_that_is_not_on_earth_is_one_clear_error(directory: Directory) -> None:
    for near in ((float("inf"), 0.0), (float("nan"), 1.0), (91.0, 0.0), ("x", "y")):
        with pytest.raises(UserError, match="latitude"):
            SearchRequest("legal", near=near)  # type: ignore[arg-type]


@pytest.mark.parametrize("content", ["[" * 100_000, '{"organization": ' + "9" * 5000 + "}"])
def test_hostile_json_is_refused_with_one_message(tmp_path: Path, content: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "hostile.json"
    source.write_text(content, encoding="utf-8")
    code = main(["db", "import", str(source), "-o", str(tmp_path / "out.db")])
    error = capsys.readouterr().err
    assert code == 2
    assert "hostile.json" in error and "Traceback" not in error


def test_hours_of_several_services_read_as_one_line_per_day() -> None:
    from datetime import datetime, time

    from desktop.directory.hours import closes_at, merged, parse_hours

    hours = parse_hours("Mo 08:30-12:30; Mo 09:00-17:00; Mo 13:30-17:00; Tu 09:00-12:00")
    assert [(i.weekday, i.opens, i.closes) for i in merged(hours)] == [
        (0, time(8, 30), time(17, 0)), (1, time(9, 0), time(12, 0))]
    monday_ten = datetime(2026, 11, 30, 10, 0)
    assert closes_at(hours, monday_ten) == datetime(2026, 11, 30, 17, 0)
    assert closes_at(hours, datetime(2026, 11, 30, 18, 0)) is None
    assert merged(parse_hours("24/7"))[0].closes == time(0, 0)
