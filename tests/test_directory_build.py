"""A coordinator keeps the directory in readable files and rebuilds it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.directory.build import build_directory
from desktop.directory.database import Directory
from desktop.directory.schema import SCHEMA_VERSION
from desktop.errors import UserError
from tests.helpers.sources import ORGANIZATION, SERVICE_ID, refused_build, write_sources


def test_the_directory_with_its_demonstration_entries_has_the_promised_content(
        built_directory: Path) -> None:
    conn = sqlite3.connect(built_directory)
    count = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    assert count("PRAGMA user_version") == SCHEMA_VERSION
    assert count("SELECT count(*) FROM organization") >= 150
    assert count("SELECT count(*) FROM service") >= 300
    assert count("SELECT count(DISTINCT country) FROM address a JOIN location l "
                 "ON l.id = a.location_id JOIN organization o ON o.id = l.organization_id "
                 "WHERE o.source = 'demo'") >= 8
    assert count("SELECT count(DISTINCT kind) FROM organization") == 6
    # every country of the demonstration entries has its emergency numbers
    assert count("SELECT count(*) FROM (SELECT DISTINCT a.country FROM address a JOIN "
                 "location l ON l.id = a.location_id JOIN organization o "
                 "ON o.id = l.organization_id WHERE o.source = 'demo') a "
                 "WHERE country NOT IN (SELECT country_code FROM emergency_number)") == 0
    # the organisations named in the UN report are there, and not marked as demo
    for name in ("Malaysian Trades Union Congress", "Zimbabwe Congress of Trade Unions",
                 "Ethnic Business Awards", "Multaka"):
        sources = [r[0] for r in conn.execute(
            "SELECT source FROM organization WHERE name LIKE ?", (f"%{name}%",))]
        assert sources, name
        assert all(source != "demo" for source in sources)
    # categories are translated into every UI language
    locales = {r[0] for r in conn.execute(
        "SELECT locale FROM translations WHERE table_name = 'taxonomy_term'")}
    assert locales >= {"ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so"}


def test_a_build_from_a_small_source_tree(tmp_path: Path) -> None:
    output = build_directory(write_sources(tmp_path / "src"), tmp_path / "out.db")
    directory = Directory(output)
    organization = directory.organization(
        "0f0e8a52-2a3c-4f8e-9d57-3f2a9b1c0d01")
    assert organization is not None
    assert organization.services[0].id == SERVICE_ID
    assert organization.services[0].categories == ("housing",)
    assert organization.languages == ("ar", "pt")
    assert [str(i.opens) for i in organization.hours] == ["09:00:00"] * 5


BROKEN_SOURCES = [
    ("bad syntax", ORGANIZATION.replace('kind = "ngo"', 'kind = "ngo'), "is not valid TOML"),
    ("missing name", ORGANIZATION.replace('name = "Test Housing Advice"\n', ""),
     "field 'name': is required"),
    ("unknown category", ORGANIZATION.replace('["housing"]', '["castles"]'),
     "unknown code 'castles'"),
    ("bad latitude", ORGANIZATION.replace("-23.55", "123.0"), "field 'latitude'"),
    ("coordinate missing its pair", ORGANIZATION.replace("longitude = -46.63\n", ""),
     "field 'longitude'"),
    ("duplicate id", ORGANIZATION + ORGANIZATION.replace("Test Housing", "Other"),
     "is already used"),
    ("not a UUID", ORGANIZATION.replace("0f0e8a52-2a3c-4f8e-9d57-3f2a9b1c0d01", "org-1"),
     "is not a UUID"),
    ("unknown kind", ORGANIZATION.replace('kind = "ngo"', 'kind = "club"'), "field 'kind'"),
    ("unreadable hours", ORGANIZATION.replace("Mo-Fr 09:00-17:00", "Mon-Fri 9-5pm"),
     "field 'hours'"),
    ("unknown field", ORGANIZATION.replace('kind = "ngo"', 'kind = "ngo"\nfax = "1"'),
     "field 'fax': unknown field"),
]


@pytest.mark.parametrize(("case", "text", "expected"), BROKEN_SOURCES,
                         ids=[c[0] for c in BROKEN_SOURCES])
def test_a_broken_source_stops_the_build_with_one_clear_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, text: str,
        expected: str) -> None:
    error = refused_build(tmp_path, text, capsys)  # the previous file is untouched
    assert expected in error
    # nothing half-built is left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["directory.db", "src"]


def test_translations_naming_a_missing_record_are_refused(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "src")
    (sources / "translations").mkdir()
    (sources / "translations" / "fr.csv").write_text(
        "table,record_id,field,source_hash,text,status\n"
        "service,00000000-0000-0000-0000-000000000000,name,abc,Conseil,draft\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"fr\.csv: line 2, field 'record_id'"):
        build_directory(sources, tmp_path / "out.db")
