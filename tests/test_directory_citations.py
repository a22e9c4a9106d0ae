"""A coordinator adds real organisations: every fact cited, every contact detail checked.

The build refuses what a newcomer could not use or a social worker could not trust, and
names the file, the record and the field; nothing half-built is left behind.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.directory.build import build_directory
from desktop.directory.contacts import dial_uri, display_phone, normalized_phone
from desktop.directory.database import Directory
from desktop.directory.records import Organization
from tests.conftest import DEMO_SOURCES
from tests.helpers.sources import ORG_ID, ORGANIZATION, refused_build, write_sources

DEMO_ORGANIZATION = ORGANIZATION.replace(
    'source_url = ["https://example.org/test-housing-advice"]', 'source = "demo"')

REFUSED = [
    ("no source page", ORGANIZATION.replace(
        'source_url = ["https://example.org/test-housing-advice"]\n', ""),
     "field 'source_url': is required"),
    ("no date read", ORGANIZATION.replace('assured_date = "2026-10-01"\n', ""),
     "field 'assured_date': is required"),
    ("a source that is not a web page", ORGANIZATION.replace(
        "https://example.org/test-housing-advice", "file:///etc/passwd"),
     "field 'source_url': 'file:///etc/passwd' is not a web address"),
    ("a phone number that is not valid in its country", ORGANIZATION.replace(
        'country = "BR"', 'country = "BR"\nphones = ["+55 11 1234"]'),
     "field 'phones': '+55 11 1234' is not a valid phone number in BR"),
    ("an e-mail that is not an address", ORGANIZATION.replace(
        'kind = "ngo"', 'kind = "ngo"\nemail = "write to us at the office"'),
     "field 'email': 'write to us at the office' is not an e-mail address"),
    ("a javascript: website", ORGANIZATION.replace(
        'kind = "ngo"', 'kind = "ngo"\nwebsite = "javascript:alert(1)"'),
     "field 'website': 'javascript:alert(1)' is not a web address"),
    ("a file: website", ORGANIZATION.replace(
        'kind = "ngo"', 'kind = "ngo"\nwebsite = "file:///C:/Windows"'),
     "field 'website'"),
    ("coordinates outside the country", ORGANIZATION.replace(
        "latitude = -23.55\nlongitude = -46.63", "latitude = 48.85\nlongitude = 2.35"),
     "48.85, 2.35 is outside BR"),
    ("no city", ORGANIZATION.replace('city = "São Paulo"\n', ""),
     "field 'city': is required"),
    ("a demonstration entry in the default sources", DEMO_ORGANIZATION,
     "demonstration entries do not belong in the default directory"),
    ("a helpline without its number", ORGANIZATION.replace(
        'free_of_charge = true', 'free_of_charge = true\nhelpline = "children"'),
     "a helpline needs its number"),
    ("a name too long for a QR code", ORGANIZATION.replace(
        "Test Housing Advice", "Test " * 60), "field 'name': is 300 characters long"),
]



def built_entry(folder: Path, text: str) -> Organization | None:
    """The test organisation as the app reads it, from sources holding ``text``."""
    with Directory(build_directory(write_sources(folder / "src", text),
                                   folder / "out.db")) as directory:
        return directory.organization(ORG_ID)

@pytest.mark.parametrize(("case", "text", "expected"), REFUSED, ids=[c[0] for c in REFUSED])
def test_the_build_refuses_a_record_no_one_could_trust_or_use(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, text: str,
        expected: str) -> None:
    error = refused_build(tmp_path, text, capsys)  # the previous file is untouched
    assert expected in error, case
    assert "organization '" in error


def test_a_real_record_keeps_its_pages_and_the_day_they_were_read(tmp_path: Path) -> None:
    text = ORGANIZATION.replace(
        'source_url = ["https://example.org/test-housing-advice"]',
        'source_url = ["https://example.org/about", "http://example.net/contact"]\n'
        'note = "The hours come from the city\'s page; the centre\'s own gives none."')
    org = built_entry(tmp_path, text)
    assert org is not None
    assert org.sources == ("https://example.org/about", "http://example.net/contact")
    assert org.assured_date is not None and org.assured_date.isoformat() == "2026-10-01"
    assert org.note.startswith("The hours come from")


def test_an_entry_without_its_own_coordinates_sits_at_its_town_centre_marked_approximate(
        tmp_path: Path) -> None:
    text = ORGANIZATION.replace("latitude = -23.55\nlongitude = -46.63\n", "")
    org = built_entry(tmp_path, text)
    assert org is not None
    location = org.locations[0]
    assert location.coordinates_approximate
    assert location.latitude == pytest.approx(-23.5, abs=0.2)
    assert location.time_zone == "America/Sao_Paulo"


def test_phone_numbers_are_stored_in_e164_and_shown_as_people_dial_them_there(
        tmp_path: Path) -> None:
    text = ORGANIZATION.replace('country = "BR"', 'country = "BR"\nphones = ["(11) 3262-1000"]')
    org = built_entry(tmp_path, text)
    assert org is not None
    assert org.all_phones == ("+551132621000",)
    assert org.phones_to_show == ("(11) 3262-1000",)
    assert dial_uri(org.all_phones[0]) == "tel:+551132621000"


def test_national_short_numbers_keep_their_digits() -> None:
    assert normalized_phone("116 111", "SE") == "116111"
    assert display_phone("116111", "SE") == "116 111"
    assert normalized_phone("000", "AU") == "000"
    assert normalized_phone("020-160 10 06", "SE") == "+46201601006"
    assert display_phone("+46201601006", "SE") == "020-160 10 06"
    assert display_phone("+46201601006", "DE") == "+46 20 160 10 06"


def test_demonstration_entries_are_built_only_when_asked_for(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "src")
    output = build_directory(sources, tmp_path / "demo.db", demo_dir=DEMO_SOURCES)
    conn = sqlite3.connect(output)
    demo = conn.execute("SELECT count(*) FROM organization WHERE source = 'demo'").fetchone()[0]
    assert demo >= 100


def test_db_check_refuses_a_real_record_that_lost_its_citation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = build_directory(write_sources(tmp_path / "src"), tmp_path / "out.db")
    conn = sqlite3.connect(output)
    with conn:
        conn.execute("UPDATE organization SET source = 'a friend told me'")
    conn.close()

    code = main(["db", "check", str(output)])

    report = capsys.readouterr().out
    assert code == 1
    assert "organization 'Test Housing Advice'" in report
    assert "is not cited" in report


def test_db_check_stale_lists_what_nobody_checked_for_a_year(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ORGANIZATION.replace('assured_date = "2026-10-01"', 'assured_date = "2020-02-03"')
    output = build_directory(write_sources(tmp_path / "src", text), tmp_path / "out.db")

    code = main(["db", "check", "--stale", str(output)])

    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    assert lines[0].startswith("2020-02-03  Test Housing Advice  https://example.org/")
    assert lines[-1] == "1 records not checked for over a year"


def test_the_build_refuses_invisible_direction_controls(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ORGANIZATION.replace("Test Housing Advice", "Test Housing \u202eexe.txt")
    sources = write_sources(tmp_path / "src", text)
    assert main(["db", "build", "--sources", str(sources), "-o",
                 str(tmp_path / "out.db")]) == 2
    assert "U+202E" in capsys.readouterr().err


def test_a_directory_that_holds_them_is_shown_without_them(tmp_path: Path) -> None:
    """A hostile file, not built from our sources: the reversed name reads as written."""
    from desktop.directory.search import SearchRequest

    output = build_directory(write_sources(tmp_path / "src"), tmp_path / "out.db")
    conn = sqlite3.connect(output)
    with conn:
        conn.execute("UPDATE organization SET name = 'Safe \u202egnp.exe\u202c Advice'")
        conn.execute("UPDATE search_doc SET name = 'Safe \u202egnp.exe\u202c Advice'")
    conn.close()
    with Directory(output) as directory:
        org = directory.organization(ORG_ID)
        rows = directory.search(SearchRequest("housing"), limit=5).rows
    assert org is not None and org.name == "Safe gnp.exe Advice"
    assert rows and rows[0].name == "Safe gnp.exe Advice"
