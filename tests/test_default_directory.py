"""The directory ``make run`` opens helps on the first day: real, contactable, cited
organisations in every host country, and nothing invented."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from desktop.directory.stats import coverage

# The countries of UN report A/HRC/56/54 and the destinations the directory serves.
HOST_COUNTRIES = ("BE", "SE", "MY", "MZ", "ZW", "BR", "GR", "CV", "RS", "LT", "AU",
                  "DE", "FR", "ES", "IT", "PT", "GB", "US", "ZA", "CH")


@pytest.fixture(scope="module")
def report(embedded_directory: Path) -> dict:
    return coverage(embedded_directory)


@pytest.fixture(scope="module")
def conn(embedded_directory: Path) -> sqlite3.Connection:
    return sqlite3.connect(embedded_directory)


def test_it_holds_real_organisations_in_every_host_country(report: dict) -> None:
    assert report["demonstration_organizations"] == 0
    assert report["real_organizations"] >= 300
    assert report["countries"] >= 20
    assert set(HOST_COUNTRIES) <= set(report["by_country"])


def test_every_entry_is_cited_and_has_its_town(report: dict) -> None:
    assert report["percent_with_city"] == 100
    assert report["percent_cited"] == 100
    # Where the directory stands today: it must not slip back.
    assert report["percent_with_contact"] >= 64


def test_most_have_a_street_address_to_walk_to(report: dict) -> None:
    assert report["percent_with_street_address_and_coordinates"] >= 61


@pytest.mark.xfail(reason="the public pages read so far give a phone or e-mail for 64.3 % of "
                          "the entries; the goal is 80 %", strict=True)
def test_most_can_be_called(report: dict) -> None:
    assert report["percent_with_contact"] >= 80


def _organizations(conn: sqlite3.Connection, country: str, where: str) -> int:
    return conn.execute(
        "SELECT count(DISTINCT o.id) FROM organization o JOIN location l "
        "ON l.organization_id = o.id JOIN address a ON a.location_id = l.id "
        f"WHERE a.country = ? AND ({where})", (country,)).fetchone()[0]


LEGAL = ("EXISTS (SELECT 1 FROM service s JOIN attribute at ON at.link_id = s.id "
         "WHERE s.organization_id = o.id AND at.value = 'legal')")


@pytest.mark.parametrize("country", HOST_COUNTRIES)
def test_each_country_has_a_union_legal_help_media_communities_and_helplines(
        conn: sqlite3.Connection, country: str) -> None:
    assert _organizations(conn, country, "o.kind = 'union'") >= 1
    assert _organizations(conn, country, LEGAL) >= 2
    assert _organizations(conn, country, "o.kind = 'media' OR EXISTS (SELECT 1 FROM "
                                         "media_detail m WHERE m.organization_id = o.id)") >= 1
    assert _organizations(conn, country, "o.kind = 'community'") >= 2
    helplines = conn.execute(
        "SELECT count(DISTINCT s.id) FROM service s JOIN service_at_location sl "
        "ON sl.service_id = s.id JOIN address a ON a.location_id = sl.location_id "
        "WHERE s.helpline IS NOT NULL AND a.country = ?", (country,)).fetchone()[0]
    assert helplines >= 1


def test_international_media_say_which_languages_they_publish_in(
        conn: sqlite3.Connection) -> None:
    languages = {code for (text,) in conn.execute(
        "SELECT languages_broadcast FROM media_detail") for code in text.split()}
    assert {"ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so"} <= languages


def test_every_number_is_dialable(conn: sqlite3.Connection) -> None:
    for (number,) in conn.execute("SELECT number FROM phone"):
        assert re.fullmatch(r"\+[1-9]\d{6,14}|\d{3,6}", number), number


def test_every_emergency_number_row_is_cited_and_dated(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT country_code, source, assured_date FROM emergency_number")
    for country, source, assured in rows:
        assert source.startswith("http"), country
        assert assured, country


def test_emergency_numbers_carry_the_corrections(conn: sqlite3.Connection) -> None:
    numbers = {row[0]: row[1:] for row in conn.execute(
        "SELECT country_code, general, police, ambulance, fire FROM emergency_number")}
    assert set(HOST_COUNTRIES) <= set(numbers)
    # Zimbabwe's old 999/995/994/993 are not supported by current official statements.
    assert not {"995", "994", "993"} & set(numbers["ZW"])
    assert numbers["CV"][0] == "112"
    # South Africa's fire service shares 10177 with the ambulances.
    assert numbers["ZA"][2] == numbers["ZA"][3] == "10177"
    # Malaysia's fire service is reached through 999.
    assert numbers["MY"][3] == "999"
    # Mozambique's ambulance 117 had no source: empty, so the app shows the general number.
    assert numbers["MZ"][2] in (None, "")


def test_every_entry_speaks_every_language_marked_as_a_draft_until_reviewed(
        report: dict) -> None:
    for locale in ("ar", "fa", "ps", "uk", "ru", "es", "fr", "pt", "ti", "so"):
        assert report["percent_translated"][locale] == 100, locale


def test_the_details_of_a_real_entry_in_tigrinya_are_marked_not_reviewed(
        embedded_directory: Path) -> None:
    from desktop.directory.database import Directory

    with Directory(embedded_directory) as directory:
        org = directory.organization("43041eb8-ffdd-440d-90e3-0a860570601b", "ti")
    assert org is not None
    assert org.description.translated and org.description.draft
    assert org.description.text != directory_english(embedded_directory, org.id)


def directory_english(path: Path, org_id: str) -> str:
    return sqlite3.connect(path).execute(
        "SELECT description FROM organization WHERE id = ?", (org_id,)).fetchone()[0]
