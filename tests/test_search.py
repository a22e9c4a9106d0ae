"""A newcomer types a few letters, in any language, and finds help at once."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.directory.database import Directory
from desktop.directory.search import SearchFilters, SearchRequest, fts_query
from desktop.directory.textfold import query_words

MONDAY_10AM = datetime(2026, 11, 23, 10, 0)
SUNDAY_3AM = datetime(2026, 11, 29, 3, 0)


@pytest.fixture(scope="module")
def directory(built_directory: Path) -> Directory:
    return Directory(built_directory)


def names(directory: Directory, text: str = "", limit: int = 50, **filters: object) -> list[str]:
    request = SearchRequest(text=text, filters=SearchFilters(**filters))  # type: ignore[arg-type]
    return [row.name for row in directory.search(request, limit=limit).rows]


def every_page(directory: Directory, request: SearchRequest, size: int = 7) -> list[str]:
    """Organisation ids of every result, walking the pages as a scrolling list does."""
    page = directory.search(request, limit=size)
    seen = [r.organization_id for r in page.rows]
    while page.next_cursor is not None:
        page = directory.search(request, after=page.next_cursor, limit=size)
        seen += [r.organization_id for r in page.rows]
    return seen


def pages_with(directory: Directory, request: SearchRequest, index: object,
               size: int) -> list[tuple[str, tuple]]:
    """Every result with its cursor, page by page, searched with the index's bitmaps
    (``index``) or with SQL alone (``None``)."""
    from desktop.directory import search as search_module

    seen, after = [], None
    while True:
        page = search_module.search(directory.conn, request, after=after, limit=size,
                                    vocabulary=directory.vocabulary, index=index)
        seen += [(row.organization_id, row.cursor) for row in page.rows]
        if page.next_cursor is None:
            return seen
        after = page.next_cursor


def categories_of_top(directory: Directory, text: str, n: int = 5) -> list[tuple[str, ...]]:
    page = directory.search(SearchRequest(text=text), limit=n)
    assert page.rows, f"nothing found for {text!r}"
    return [row.categories for row in page.rows]


@pytest.mark.parametrize("typed", ["hous", "housing", "logement", "vivienda", "سكن", "жильё"])
def test_housing_help_comes_first_whatever_the_language(directory: Directory, typed: str) -> None:
    assert all("housing" in categories for categories in categories_of_top(directory, typed))


def test_diacritics_do_not_matter(directory: Directory) -> None:
    found = directory.search(SearchRequest(text="Sao Paulo"), limit=10).rows
    assert len(found) >= 5
    # Entries in São Paulo make the list; one elsewhere may have an office there too.
    assert sum(row.city == "São Paulo" for row in found) >= 8


@pytest.mark.parametrize("typed", ["árabe", "arabe", "عربي", "العربية", "Arabic", "арабский"])
def test_language_names_in_any_language_find_arabic_speakers(directory: Directory,
                                                            typed: str) -> None:
    rows = directory.search(SearchRequest(text=typed), limit=10).rows
    assert rows
    assert all("ar" in row.languages for row in rows)


def test_the_word_sindicato_finds_unions(directory: Directory,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "sindicato", "--json", "--db", str(directory.path)]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert len(results) >= 5
    assert all(result["kind"] == "union" for result in results[:5])


def test_hous_spoken_in_arabic(directory: Directory) -> None:
    rows = directory.search(SearchRequest(text="hous", filters=SearchFilters(
        languages=frozenset({"ar"}))), limit=50).rows
    assert rows
    assert all("ar" in row.languages for row in rows)
    assert all("housing" in row.categories for row in rows[:3])


def test_prefixes_match_as_you_type(directory: Directory) -> None:
    assert set(names(directory, "unio")) >= set(names(directory, "union"))


def test_the_name_counts_most(directory: Directory) -> None:
    top = names(directory, "Zimbabwe Congress of Trade Unions", limit=1)
    assert top == ["Zimbabwe Congress of Trade Unions (ZCTU)"]


def test_an_entry_named_by_the_word_comes_before_entries_that_only_mention_it(
        directory: Directory) -> None:
    # Every union matches "sindicato" (their category's name in Spanish and Portuguese);
    # those called "Sindicato …" must lead.
    top = names(directory, "sindicato", limit=3)
    assert len(top) == 3
    assert all("sindicato" in name.lower() for name in top)


def test_filters_combine_with_the_query(directory: Directory) -> None:
    request = SearchRequest(text="help", filters=SearchFilters(
        kinds=frozenset({"ngo"}), countries=frozenset({"BE"}), free_of_charge=True))
    rows = directory.search(request, limit=100).rows
    assert rows
    assert {row.kind for row in rows} == {"ngo"}
    assert {row.country for row in rows} == {"BE"}


def test_open_now_depends_on_the_time(directory: Directory) -> None:
    open_monday = directory.count(SearchRequest(filters=SearchFilters(open_at=MONDAY_10AM)))
    open_sunday_night = directory.count(SearchRequest(filters=SearchFilters(open_at=SUNDAY_3AM)))
    assert open_monday > open_sunday_night
    rows = directory.search(SearchRequest(filters=SearchFilters(open_at=MONDAY_10AM),
                                          now=MONDAY_10AM), limit=20).rows
    assert all(row.open_now for row in rows)


def test_facets_count_the_current_results(directory: Directory) -> None:
    request = SearchRequest(text="help", filters=SearchFilters(kinds=frozenset({"union"})))
    facets = directory.facets(request)
    total = directory.count(request)
    assert sum(n for _, n in facets["country"]) == total
    # a facet ignores its own filter, so other kinds still show what they would give
    assert len(facets["kind"]) > 1
    assert dict(facets["kind"])["union"] == total


def test_keyset_paging_walks_every_result_once(directory: Directory) -> None:
    request = SearchRequest(text="centre")
    seen = every_page(directory, request)
    assert len(seen) == len(set(seen)) == directory.count(request)


def test_name_order_and_paging(directory: Directory) -> None:
    request = SearchRequest(sort="name")
    first = directory.search(request, limit=10)
    second = directory.search(request, after=first.next_cursor, limit=10)
    keys = [r.cursor[0] for r in first.rows + second.rows]
    assert keys == sorted(keys)


def test_nearest_first(directory: Directory) -> None:
    brussels = (50.8466, 4.3528)
    rows = directory.search(SearchRequest(sort="distance", near=brussels), limit=30).rows
    distances = [r.distance_km for r in rows]
    assert all(d is not None for d in distances)
    assert distances == sorted(distances)
    assert rows[0].country == "BE"


HOSTILE = [
    '"', '""', "'", "*", "NEAR(a b)", "a AND b", "OR", "NOT x", "(", ")", "name:x", "^x",
    "a OR", '"unterminated', "{col}: x", "x" * 10_000, "\x00\x01\x02", "\u202e\u202dabc",
    "\ud800", "🙂", "-", "+", "؟", "   ", "\t\n", "SELECT * FROM organization; --",
    "Robert'); DROP TABLE organization;--", "%", "_", "\\", "a" * 65 + " " + "b" * 300,
    " ".join(["word"] * 500),
    # Words the index's tokenizer cuts in two: the query must not become a phrase.
    "a_b", "snake_case_word", "हिन्दी", "𞤀𞤁x", "x\u0301y", "ﬁle", "٣٤", "x·y", "ⅻ",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_any_text_returns_results_or_none_never_an_error(directory: Directory,
                                                         text: str) -> None:
    request = SearchRequest(text=text)
    page = directory.search(request, limit=5)
    assert isinstance(page.rows, tuple)
    directory.count(request)
    directory.facets(request)
    assert directory.count(SearchRequest()) > 100  # the directory is intact


def test_user_text_becomes_quoted_tokens_only() -> None:
    assert fts_query('NEAR("x" y) col:zz*') == '"near" AND "x" AND "y" AND "col" AND "zz"*'
    assert fts_query("**") is None


@pytest.mark.parametrize("text", ["centre", "community centre", "hous"])
def test_a_query_too_broad_to_rank_still_pages_through_every_match(
        directory: Directory, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from desktop.directory import search as search_module

    request = SearchRequest(text=text)
    ranked = {r.organization_id for r in directory.search(request, limit=500).rows}
    monkeypatch.setattr(search_module, "RANK_AT_MOST", 5)
    seen = every_page(directory, request)
    assert len(seen) == len(set(seen))
    assert set(seen) == ranked


def test_a_broad_query_shows_the_category_it_names_first(
        directory: Directory, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.directory import search as search_module

    monkeypatch.setattr(search_module, "RANK_AT_MOST", 5)
    rows = directory.search(SearchRequest(text="hous"), limit=20).rows
    assert len(rows) == 20
    assert all("housing" in row.categories for row in rows)


def test_a_broad_query_keeps_its_filters(directory: Directory,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.directory import search as search_module

    monkeypatch.setattr(search_module, "RANK_AT_MOST", 5)
    request = SearchRequest(text="help", filters=SearchFilters(languages=frozenset({"ar"})))
    rows = directory.search(request, limit=100).rows
    assert rows
    assert all("ar" in row.languages for row in rows)


@pytest.mark.parametrize("request_", [
    SearchRequest("legal"),
    SearchRequest("", now=datetime(2026, 11, 30, 10, 0)),
    SearchRequest("housing", filters=SearchFilters(languages=frozenset({"ar"}),
                                                   countries=frozenset({"BE"})),
                  now=datetime(2026, 11, 30, 18, 0)),
    SearchRequest("a", filters=SearchFilters(open_at=datetime(2026, 12, 1, 9, 30),
                                             free_of_charge=True)),
    SearchRequest("help", filters=SearchFilters(kinds=frozenset({"ngo"}),
                                                categories=frozenset({"legal", "health"}),
                                                cities=frozenset({"London"}))),
    SearchRequest("legal", near=(51.5, -0.1), filters=SearchFilters(within_km=30)),
], ids=["words", "everything", "two filters", "open and free", "three facets", "radius"])
def test_counts_from_the_facet_arrays_equal_counting_in_sql(directory: Directory,
                                                             request_: SearchRequest) -> None:
    from desktop.directory import search as search_module

    index = directory.facet_index
    assert index.has_bitmaps()
    fast = search_module.summary(directory.conn, request_, directory.vocabulary, index)
    # Files indexed before the bitmaps count with the per-entry arrays.
    arrays = search_module._summary_in_memory(directory.conn, request_,
                                              directory.vocabulary, index)
    slow = search_module.summary(directory.conn, request_, directory.vocabulary)
    assert fast[0] == arrays[0] == slow[0] == directory.count(request_)
    for facet, counts in slow[1].items():
        assert fast[1][facet] == arrays[1][facet] == counts, facet


def test_one_letter_typed_after_other_words_waits_for_the_next_letter() -> None:
    # "legal h" searches "legal" until the second letter comes: "h" alone would merge
    # every word beginning with h, at the cost of the whole directory, for no meaning.
    assert fts_query("legal h") == fts_query("legal") == '"legal"*'
    assert fts_query("legal he") == '"legal" AND "he"*'
    # An Ethiopic letter is a syllable: it counts at once.
    assert fts_query("ጠበቓ ገ") == '"ጠበቓ" AND "ገ"*'


@pytest.mark.parametrize("request_", [
    SearchRequest("hous"),
    SearchRequest("community centre"),
    SearchRequest("legal help", filters=SearchFilters(languages=frozenset({"ar"}))),
    SearchRequest("help", filters=SearchFilters(countries=frozenset({"BE", "SE"}),
                                                free_of_charge=True)),
    SearchRequest("lawyer", near=(51.5, -0.1), filters=SearchFilters(within_km=500)),
    SearchRequest("radio", filters=SearchFilters(open_at=datetime(2026, 12, 1, 10, 0))),
], ids=["category word", "two words", "a language", "countries and free", "radius",
        "open at"])
def test_a_broad_page_from_the_bitmaps_is_the_page_the_full_text_tiers_give(
        directory: Directory, monkeypatch: pytest.MonkeyPatch,
        request_: SearchRequest) -> None:
    # A keystroke's page of a broad query comes from the bitmaps its counts already made;
    # every page of it must be what the full-text tiers give, in the same order.
    from desktop.directory import search as search_module

    monkeypatch.setattr(search_module, "RANK_AT_MOST", 5)

    from_bitmaps = pages_with(directory, request_, directory.facet_index, size=7)
    from_text = pages_with(directory, request_, None, size=7)
    assert from_bitmaps == from_text
    assert len(from_bitmaps) > 7  # more than one page was compared


@pytest.mark.parametrize("request_", [
    SearchRequest("", sort="distance", near=(50.85, 4.35)),
    SearchRequest("legal", sort="distance", near=(-33.87, 151.21)),
    SearchRequest("help", sort="distance", near=(59.33, 18.07),
                  filters=SearchFilters(languages=frozenset({"ar"}))),
    SearchRequest("", sort="distance", near=(38.72, -9.14),
                  filters=SearchFilters(within_km=800, free_of_charge=True)),
], ids=["everything from Brussels", "legal from Sydney", "Arabic help from Stockholm",
        "free within 800 km of Lisbon"])
def test_nearest_first_from_the_towns_outward_is_the_full_sort_by_distance(
        directory: Directory, request_: SearchRequest) -> None:
    # The index walks the towns nearest the place first and stops when no farther town
    # can hold a nearer entry; page by page it must give what sorting every match does.
    from_towns = pages_with(directory, request_, directory.facet_index, size=9)
    sorted_all = pages_with(directory, request_, None, size=9)
    assert from_towns == sorted_all
    assert len(from_towns) > 9


@pytest.mark.parametrize("request_", [
    SearchRequest("le"),
    SearchRequest("legal"),
    SearchRequest("lawyer"),
    SearchRequest("legal he", filters=SearchFilters(languages=frozenset({"ar"}))),
    SearchRequest("hous", filters=SearchFilters(countries=frozenset({"BE", "SE"}))),
    SearchRequest("community centre"),
    SearchRequest("help", sort="distance", near=(50.85, 4.35)),
    SearchRequest("ce", near=(51.5, -0.1), filters=SearchFilters(within_km=300)),
], ids=["two letters", "a word", "a category word", "a word and a beginning",
        "a beginning and countries", "two words", "nearest first", "radius"])
def test_frequent_words_answered_from_their_bitmaps_find_what_the_full_text_finds(
        directory_copy: Path, monkeypatch: pytest.MonkeyPatch,
        request_: SearchRequest) -> None:
    # In a directory of a million, two letters match most entries and reading their ids
    # out of the full text costs more than a keystroke may: the index keeps the matches
    # of frequent words and beginnings. Here "frequent" is lowered to this small directory.
    import sqlite3

    from desktop.directory import search as search_module
    from desktop.directory.facet_index import write_word_bitmaps

    with sqlite3.connect(directory_copy) as conn:
        assert write_word_bitmaps(conn, conn.execute(
            "SELECT count(*) FROM search_doc").fetchone()[0], at_least=20) > 10
        # Kept small: some as their difference from a shorter beginning's, and the code
        # tokens as the facet values they stand for.
        assert any(json.loads(based_on) for (based_on,) in conn.execute(
            "SELECT combos FROM search_facet WHERE name LIKE 'words:%'"))
        numbers = json.loads(conn.execute(
            "SELECT combos FROM search_facet WHERE name = 'words'").fetchone()[0])
        assert numbers['"qqcatlegal"'] == "category=legal"
    conn.close()
    monkeypatch.setattr(search_module, "RANK_AT_MOST", 5)
    with Directory(directory_copy) as directory:
        index = directory.facet_index
        assert index.word_bitmap(directory.conn, '"le"*') is not None
        assert index.word_bitmap(directory.conn, '"zzzz"*') is None
        fast = search_module.summary(directory.conn, request_, directory.vocabulary, index)
        slow = search_module.summary(directory.conn, request_, directory.vocabulary)
        assert fast[0] == slow[0] > 0
        assert fast[1] == slow[1]
        assert pages_with(directory, request_, index, size=7) == \
            pages_with(directory, request_, None, size=7)


@pytest.mark.parametrize(("typed", "meant", "beginning", "also"), [
    ("kar", "work_training", None, None),               # Pashto "work"; "kargar" is a worker
    ("ټولنې", "community", "ټول", "language_education"),  # "community"; "ټولنیز" is "social"
    ("expulsado", "legal", None, None),                 # not evicted from a flat
])
def test_a_word_listed_for_a_category_means_that_category_not_its_neighbours(
        directory: Directory, typed: str, meant: str, beginning: str | None,
        also: str | None) -> None:
    # A whole word that the search words list for a category points there alone; while
    # only its beginning is typed, every category whose words begin so is still offered.
    assert directory.vocabulary.category_intent(query_words(typed)) == {meant}
    if beginning is not None:
        assert {meant, also} <= directory.vocabulary.category_intent(query_words(beginning))
    assert meant in categories_of_top(directory, typed, n=1)[0]
