"""The translator workflow on small projects in a temp folder: extract, init, update,
compile, stats, and every kind of problem ``i18n check`` must catch."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from desktop.translating import catalogs
from desktop.translating.catalogs import Layout
from tests.i18n_helpers import write_po

SOURCE = '''
from desktop.i18n import _, ngettext, pgettext

def labels(n, city):
    # Translators: the big button on the home screen
    title = _("Search")
    # Translators: %(count)d is how many entries were found
    found = ngettext("%(count)d result", "%(count)d results", n) % {"count": n}
    # Translators: {city} is a town's name as the directory writes it
    where = _("Open in {city}").format(city=city)
    verb = pgettext("verb", "Open")
    return title, found, where, verb
'''


@pytest.fixture
def project(tmp_path: Path) -> Layout:
    """A tiny project: one source file, babel.cfg, an extracted template."""
    (tmp_path / "desktop").mkdir()
    (tmp_path / "desktop" / "screen.py").write_text(textwrap.dedent(SOURCE), encoding="utf-8")
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "babel.cfg").write_text("[python: desktop/**.py]\n")
    layout = Layout(translations=tmp_path / "translations", source_root=tmp_path)
    catalogs.write_template(layout)
    return layout


FRENCH = '''
    msgid "Search"
    msgstr "Rechercher"

    msgid "%(count)d result"
    msgid_plural "%(count)d results"
    msgstr[0] "%(count)d résultat"
    msgstr[1] "%(count)d de résultats"
    msgstr[2] "%(count)d résultats"

    msgid "Open in {city}"
    msgstr "Ouvert à {city}"

    msgctxt "verb"
    msgid "Open"
    msgstr "Ouvrir"
'''


def messages(problems: list[catalogs.Problem]) -> str:
    return "\n".join(str(problem) for problem in problems)


def test_extraction_finds_every_kind_of_call_with_translator_comments(project: Layout) -> None:
    template = catalogs.read_catalog(project.template)
    ids = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in template if m.id}
    assert ids == {
        (None, "Search"),
        (None, ("%(count)d result", "%(count)d results")),
        (None, "Open in {city}"),
        ("verb", "Open"),
    }
    assert template.get("Search").auto_comments == ["the big button on the home screen"]


def test_each_string_says_the_file_and_line_a_translator_can_open(project: Layout) -> None:
    source = (project.source_root / "desktop" / "screen.py").read_text().splitlines()
    template = catalogs.read_catalog(project.template)
    for text in ("Search", "Open in {city}"):
        [(filename, line)] = template.get(text).locations
        assert filename == "desktop/screen.py"
        assert f'"{text}"' in source[line - 1]
    assert "#: desktop/screen.py:" in project.template.read_text(encoding="utf-8")


def test_moving_a_string_down_updates_its_line_but_check_still_passes(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH)
    screen = project.source_root / "desktop" / "screen.py"
    screen.write_text("\n\n" + screen.read_text(encoding="utf-8"), encoding="utf-8")
    # Only a line moved: nothing for a translator to do, so check does not fail the build.
    assert catalogs.check_catalogs(project) == []
    changed, _count = catalogs.write_template(project)
    assert changed
    assert catalogs.update_catalogs(project) == ["fr"]
    french = catalogs.read_catalog(project.po_path("fr"), "fr")
    [(_file, line)] = french.get("Search").locations
    assert '"Search"' in screen.read_text(encoding="utf-8").splitlines()[line - 1]
    assert french.get("Search").string == "Rechercher"


def test_extracting_again_without_changes_leaves_the_template_untouched(project: Layout) -> None:
    before = project.template.read_bytes()
    changed, count = catalogs.write_template(project)
    assert (changed, count) == (False, 4)
    assert project.template.read_bytes() == before


def test_a_complete_reviewed_catalog_passes_check_and_compiles(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH)
    assert catalogs.check_catalogs(project) == []
    assert catalogs.compile_catalogs(project) == []
    assert (project.translations / "fr" / "LC_MESSAGES" / "messages.mo").exists()


def test_the_compiled_catalog_carries_its_review_status(project: Layout) -> None:
    # A bundle ships the .mo files only: the language list reads "draft" from there.
    import gettext

    write_po(project.translations, "fr", FRENCH, status="draft")
    assert catalogs.compile_catalogs(project) == []
    with (project.translations / "fr" / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        assert gettext.GNUTranslations(handle).info()["x-translation-status"] == "draft"


def test_init_starts_a_draft_catalog_with_the_languages_plural_forms(project: Layout) -> None:
    path = catalogs.init_catalog(project, "ar")
    catalog = catalogs.read_catalog(path, "ar")
    assert catalog.status == catalogs.DRAFT
    assert catalog.num_plurals == 6
    assert not catalog.fuzzy
    plural = catalog.get("%(count)d result")
    assert plural.string == ("",) * 6
    # A draft may be incomplete: check passes, stats say draft.
    assert catalogs.check_catalogs(project) == []
    stats = catalogs.catalog_stats(project, "ar")
    assert (stats.translated, stats.untranslated, stats.status) == (0, 4, "draft")


def test_init_refuses_an_unknown_language_or_an_existing_catalog(project: Layout) -> None:
    from desktop.errors import UserError

    with pytest.raises(UserError, match="not a language code"):
        catalogs.init_catalog(project, "xx_nonsense")
    catalogs.init_catalog(project, "ti")
    with pytest.raises(UserError, match="already exists"):
        catalogs.init_catalog(project, "ti")


def test_the_status_header_survives_update(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH, status="reviewed")
    write_po(project.translations, "es", "", status="draft")
    (project.source_root / "desktop" / "more.py").write_text('_("Favourites")\n')
    catalogs.write_template(project)
    assert sorted(catalogs.update_catalogs(project)) == ["es", "fr"]
    assert catalogs.read_catalog(project.po_path("fr"), "fr").status == "reviewed"
    assert catalogs.read_catalog(project.po_path("es"), "es").status == "draft"
    assert "X-Translation-Status: draft" in project.po_path("es").read_text()


def test_marking_a_catalog_reviewed_makes_check_insist_on_every_string(
    project: Layout,
) -> None:
    catalogs.init_catalog(project, "so")
    assert catalogs.check_catalogs(project) == []
    catalogs.set_status(project, "so", "reviewed")
    assert catalogs.catalog_stats(project, "so").status == "reviewed"
    assert "'Search' is untranslated" in messages(catalogs.check_catalogs(project))


def test_check_catches_a_new_source_string_not_yet_extracted(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH)
    (project.source_root / "desktop" / "more.py").write_text('\n\nx = _("Favourites")\n')
    report = messages(catalogs.check_catalogs(project))
    assert "desktop/more.py:3: out of date: new string 'Favourites'" in report


def test_check_insists_on_a_translator_comment_for_every_string_filled_in(
        project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH)
    (project.source_root / "desktop" / "more.py").write_text(
        '\n\nx = _("Emergency in %(country)s") % {"country": c}\n'
        '# Translators: {n} is a number of pages\ny = _("{n} pages")\n')
    report = messages(catalogs.check_catalogs(project))
    assert ("desktop/more.py:3: 'Emergency in %(country)s' needs a '# Translators:' comment "
            "just above it saying what fills %(country)s") in report
    assert "'{n} pages' needs" not in report


def test_check_catches_a_catalog_that_was_not_updated(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH)
    (project.source_root / "desktop" / "more.py").write_text('_("Favourites")\n')
    catalogs.write_template(project)
    report = messages(catalogs.check_catalogs(project))
    assert "translations/fr/LC_MESSAGES/messages.po:1: out of date: 'Favourites' is missing" \
        in report
    catalogs.update_catalogs(project)
    report = messages(catalogs.check_catalogs(project))
    assert "out of date" not in report
    assert "'Favourites' is untranslated in a catalog not marked draft" in report


def test_check_catches_a_string_removed_from_the_source(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH + '''
    msgid "Old button"
    msgstr "Ancien bouton"
    ''')
    report = messages(catalogs.check_catalogs(project))
    assert "'Old button' is not in the template any more" in report


def test_check_catches_placeholders_that_differ_from_the_source(project: Layout) -> None:
    path = write_po(project.translations, "fr", FRENCH.replace(
        '"Ouvert à {city}"', '"Ouvert à {ville}"'))
    problems = catalogs.check_catalogs(project)
    line = path.read_text().splitlines().index('msgid "Open in {city}"') + 1
    assert f"translations/fr/LC_MESSAGES/messages.po:{line}: 'Open in {{city}}': placeholder " \
        "{ville} is not in the source text" in messages(problems)
    assert "placeholder {city} from the source is missing" in messages(problems)


def test_a_plural_form_may_leave_out_the_number_but_not_invent_placeholders(
    project: Layout,
) -> None:
    arabic = '''
    msgid "%(count)d result"
    msgid_plural "%(count)d results"
    msgstr[0] "لا نتائج"
    msgstr[1] "نتيجة واحدة"
    msgstr[2] "نتيجتان"
    msgstr[3] "%(count)d نتائج"
    msgstr[4] "%(count)d نتيجة"
    msgstr[5] "%(n)d نتيجة"
    '''
    write_po(project.translations, "ar", arabic, status="draft")
    report = messages(catalogs.check_catalogs(project))
    assert "placeholder %(n)d is not in the source text" in report
    assert "placeholder %(count)d from the source is missing" in report  # in "other"
    # Forms 0-2 ("no results", "one result", "two results") may leave out the number.
    assert "لا نتائج" not in report


def test_check_catches_the_wrong_number_of_plural_forms(project: Layout) -> None:
    russian = '''
    msgid "%(count)d result"
    msgid_plural "%(count)d results"
    msgstr[0] "%(count)d результат"
    msgstr[1] "%(count)d результатов"
    '''
    write_po(project.translations, "ru", russian, status="draft",
             plural_forms="nplurals=2; plural=(n != 1);")
    report = messages(catalogs.check_catalogs(project))
    assert "Plural-Forms says nplurals=2, but ru has 3 plural forms" in report
    assert "has 2 plural forms; ru needs 3" in report


def test_check_catches_untranslated_strings_only_in_catalogs_not_marked_draft(
    project: Layout,
) -> None:
    half = FRENCH.replace('msgstr "Rechercher"', 'msgstr ""')
    write_po(project.translations, "fr", half, status="reviewed")
    write_po(project.translations, "es", half.replace("Ouvrir", "Abrir"), status="draft")
    report = messages(catalogs.check_catalogs(project))
    assert "fr/LC_MESSAGES/messages.po" in report and "'Search' is untranslated" in report
    assert "es/LC_MESSAGES" not in report


def test_a_fuzzy_translation_counts_as_untranslated(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH.replace(
        'msgid "Search"', '#, fuzzy\nmsgid "Search"'))
    report = messages(catalogs.check_catalogs(project))
    assert "'Search' is fuzzy (needs review)" in report
    stats = catalogs.catalog_stats(project, "fr")
    assert (stats.translated, stats.fuzzy, stats.untranslated) == (3, 1, 0)


def test_check_and_compile_catch_a_syntax_error_with_its_line(project: Layout) -> None:
    path = write_po(project.translations, "fr", FRENCH.replace(
        'msgstr "Rechercher"', 'msgstr "Rechercher'))
    line = path.read_text().splitlines().index('msgstr "Rechercher') + 1
    expected = f"translations/fr/LC_MESSAGES/messages.po:{line}: does not compile"
    assert expected in messages(catalogs.check_catalogs(project))
    assert expected in messages(catalogs.compile_catalogs(project))
    assert not (project.translations / "fr" / "LC_MESSAGES" / "messages.mo").exists()


def test_compile_reports_a_broken_format_string_and_keeps_the_old_mo(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH)
    assert catalogs.compile_catalogs(project) == []
    mo = project.translations / "fr" / "LC_MESSAGES" / "messages.mo"
    good = mo.read_bytes()
    write_po(project.translations, "fr", FRENCH.replace(
        '"%(count)d résultats"', '"%(nombre)d résultats"').replace(
        'msgid "%(count)d result"', '#, python-format\nmsgid "%(count)d result"'))
    problems = catalogs.compile_catalogs(project)
    assert problems and all("does not compile" in p.message for p in problems)
    assert mo.read_bytes() == good


def test_stats_table_shows_each_locale(project: Layout) -> None:
    write_po(project.translations, "fr", FRENCH)
    write_po(project.translations, "es", FRENCH.replace('msgstr "Rechercher"', 'msgstr ""'),
             status="draft")
    table = catalogs.stats_table([catalogs.catalog_stats(project, locale)
                                  for locale in project.locales()])
    lines = table.splitlines()
    assert lines[0].split() == ["locale", "translated", "fuzzy", "untranslated", "%", "status"]
    assert lines[2].split() == ["es", "3", "0", "1", "75%", "draft"]
    assert lines[3].split() == ["fr", "4", "0", "0", "100%", "reviewed"]


def test_the_command_line_exits_1_with_file_and_line(
    project: Layout, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop import cli

    monkeypatch.setattr(Layout, "default", classmethod(lambda cls: project))
    write_po(project.translations, "fr", FRENCH.replace('msgstr "Ouvrir"', 'msgstr ""'))
    assert cli.main(["i18n", "check"]) == 1
    out = capsys.readouterr().out
    assert "translations/fr/LC_MESSAGES/messages.po:" in out and "'Open'" in out
    write_po(project.translations, "fr", FRENCH)
    assert cli.main(["i18n", "check"]) == 0
    assert cli.main(["i18n", "compile"]) == 0
    assert cli.main(["i18n", "stats"]) == 0
    assert "100%" in capsys.readouterr().out


@pytest.mark.parametrize(("text", "named", "positional"), [
    ("%(count)d near {city}", ["%(count)d", "{city}"], []),
    ("100%% sure, %s and %d", [], ["%d", "%s"]),
    ("{0} of {} {{literal}}", [], ["{0}", "{}"]),
    ("{table:<22} {count:>8}", ["{count}", "{table}"], []),
    ("50%% off", [], []),
])
def test_placeholder_parsing(text: str, named: list[str], positional: list[str]) -> None:
    assert catalogs.placeholders(text) == (named, positional)
