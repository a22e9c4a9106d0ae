"""Directory content through the translators' tools: export a .po, translate it, import it
back into db/sources/translations, and see changed English come back marked fuzzy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop import cli
from desktop.directory.sources import load_sources, source_hash
from desktop.translating.catalogs import read_catalog
from desktop.translating.content import content_fields, export_content, import_content
from tests.conftest import SOURCES

ORGANIZATIONS = """
[[organization]]
id = "6f0c5a9e-3a8f-4c55-9d3e-1b2a3c4d5e6f"
name = "Example Workers' Centre"
kind = "union"
description = "Advice for workers whatever their papers."
source_url = ["https://example.org/workers-centre"]
assured_date = "2026-01-15"

[[organization.location]]
id = "7a1d6b0f-4b9a-4d66-8e4f-2c3b4d5e6f70"
city = "Brussels"
country = "BE"

[[organization.service]]
id = "8b2e7c1a-5cab-4e77-9f50-3d4c5e6f7081"
name = "Unpaid wages clinic"
description = "Bring your payslips; we help you claim what you are owed."
categories = ["work_rights"]

[[organization]]
id = "9c3f8d2b-6dbc-4f88-a061-4e5d6f708192"
name = "Radio Example"
kind = "media"
description = "News in Tigrinya and Arabic."
source_url = ["https://example.org/radio"]
assured_date = "2026-01-15"

[[organization.location]]
id = "be5b0f4d-8fde-4baa-8283-6f7081920a3b"
city = "Brussels"
country = "BE"
latitude = 50.85
longitude = 4.35

[organization.media]
medium = "radio"
languages = ["ti", "ar"]

[[organization.service]]
id = "ad4a9e3c-7ecd-4a99-b172-5f6e708192a3"
name = "Evening news"
categories = ["media"]
"""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A small, valid sources folder: the real categories and two organisations."""
    folder = tmp_path / "sources"
    (folder / "organizations").mkdir(parents=True)
    (folder / "translations").mkdir()
    shutil.copyfile(SOURCES / "categories.toml", folder / "categories.toml")
    shutil.copyfile(SOURCES / "places.csv", folder / "places.csv")
    (folder / "organizations" / "example.toml").write_text(ORGANIZATIONS, encoding="utf-8")
    return folder


def _translate_first(po: Path, count: int, suffix: str = " (FR)") -> list[str]:
    """Play the translator: fill in the first ``count`` entries, as Poedit would."""
    from babel.messages.pofile import write_po

    catalog = read_catalog(po)
    done = []
    for message in list(catalog)[1:count + 1]:
        message.string = f"{message.id}{suffix}"
        message.flags.discard("fuzzy")
        done.append(message.id)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=76)
    return done


def test_export_has_one_entry_per_translatable_field_with_context_and_reference(
    sources: Path, tmp_path: Path,
) -> None:
    po = tmp_path / "fr.po"
    summary = export_content(sources, "fr", po)
    fields = content_fields(load_sources(sources))
    catalog = read_catalog(po)
    entries = [m for m in catalog if m.id]
    assert len(entries) == len(fields)
    assert f"{len(fields)} fields" in summary
    first = fields[0]
    entry = next(m for m in entries if m.locations[0][0] == first.reference)
    assert entry.id == first.text
    assert first.label.split(" — ")[0] in entry.context
    assert entry.auto_comments[-1] == f"source hash {source_hash(first.text)}"
    # The translator is told what the organisation is and where it is.
    assert entry.auto_comments[0].startswith("Translators: ")
    assert "organisation in Brussels, BE" in entry.auto_comments[0]
    assert str(catalog.locale) == "fr"


def test_round_trip_writes_the_csv_and_a_changed_source_comes_back_fuzzy(
    sources: Path, tmp_path: Path,
) -> None:
    po = tmp_path / "fr.po"
    export_content(sources, "fr", po)
    translated = _translate_first(po, 3)

    target, summary = import_content(sources, po)
    assert target == sources / "translations" / "fr.csv"
    assert "3 translations imported (3 new, 0 changed)" in summary
    csv_text = target.read_text(encoding="utf-8")
    assert csv_text.splitlines()[0] == "table,record_id,field,source_hash,text,status"
    for text in translated:
        assert source_hash(text) in csv_text

    # The sources still load, and the translations reach the directory rows.
    loaded = load_sources(sources).rows("translations")
    assert sum(1 for row in loaded if row["locale"] == "fr") == 3

    # Importing the same file twice changes nothing: the CSV is sorted and stable.
    import_content(sources, po)
    assert target.read_text(encoding="utf-8") == csv_text

    # The English source of the first translated field changes…
    changed_text = translated[0]
    for path in [sources / "categories.toml", sources / "organizations" / "example.toml"]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(changed_text, changed_text + " Updated."), encoding="utf-8")

    # …so the next export offers the old translation marked fuzzy, the others not.
    export_content(sources, "fr", po)
    catalog = read_catalog(po)
    stale = catalog.get(changed_text + " Updated.",
                        context=next(m.context for m in catalog
                                     if m.id == changed_text + " Updated."))
    assert stale.fuzzy and stale.string == f"{changed_text} (FR)"
    others = [m for m in catalog if m.id in translated[1:]]
    assert others and not any(m.fuzzy for m in others)


def test_a_fuzzy_entry_is_not_imported_over_the_stored_translation(
    sources: Path, tmp_path: Path,
) -> None:
    po = tmp_path / "fr.po"
    export_content(sources, "fr", po)
    _translate_first(po, 1)
    import_content(sources, po)
    before = (sources / "translations" / "fr.csv").read_text(encoding="utf-8")
    text = po.read_text(encoding="utf-8").replace("#. source hash", "#, fuzzy\n#. source hash", 1)
    po.write_text(text.replace(" (FR)", " (changed)"), encoding="utf-8")
    _target, summary = import_content(sources, po)
    assert "1 fuzzy entries left as they were" in summary
    assert (sources / "translations" / "fr.csv").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("mangle", "message"), [
    (lambda text: text.replace('msgstr ""', 'msgstr "oops', 1), "not valid .po syntax"),
    (lambda text: text.replace('"Language: fr\\n"\n', "", 1), "no 'Language' header"),
    (lambda text: text.replace("#: organization/", "#: organisation/", 1),
     "is not a translatable field"),
    (lambda text: text.replace("#: organization/", "#. nothing/", 1), "reference"),
])
def test_a_malformed_file_is_refused_with_a_clear_message_and_exit_2(
    sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], mangle, message: str,
) -> None:
    po = tmp_path / "fr.po"
    export_content(sources, "fr", po)
    _translate_first(po, 2)
    po.write_text(mangle(po.read_text(encoding="utf-8")), encoding="utf-8")
    before = sorted((sources / "translations").iterdir())

    code = cli.main(["i18n", "content-import", str(po), "--sources", str(sources)])

    assert code == 2
    error = capsys.readouterr().err
    assert message in error and str(po) in error
    assert "Traceback" not in error
    assert sorted((sources / "translations").iterdir()) == before


def test_export_from_the_command_line(sources: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "out" / "ti.po"
    assert cli.main(["i18n", "content-export", "ti", "-o", str(po),
                     "--sources", str(sources)]) == 0
    assert "untranslated" in capsys.readouterr().out
    assert "Plural-Forms" in po.read_text(encoding="utf-8")
    assert cli.main(["i18n", "content-export", "not-a-language", "-o", str(po),
                     "--sources", str(sources)]) == 2
