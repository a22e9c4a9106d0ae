"""The QR code carries the contact itself (vCard with a geo position), readable offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from desktop.directory.database import Directory
from desktop.directory.records import Address, Location, Organization
from desktop.ui.handoff import QUIET_ZONE, contact_payload, qr_image, qr_matrix

pytestmark = pytest.mark.usefixtures("qapp")


def located_org(directory: Directory) -> Organization:
    for (org_id,) in directory.conn.execute(
            "SELECT o.id FROM organization o JOIN location l ON l.organization_id = o.id "
            "WHERE l.latitude IS NOT NULL ORDER BY o.id"):
        org = directory.organization(org_id)
        if org is not None and org.all_phones:
            return org
    raise AssertionError("no entry with a position and a phone")


def test_the_payload_is_a_vcard_with_name_phone_address_and_position(built_directory: Path):
    org = located_org(Directory(built_directory))
    payload = contact_payload(org, "en")
    lines = payload.split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[1] == "VERSION:3.0"
    assert "END:VCARD" in lines
    assert any(line.startswith("FN:") for line in lines)
    assert f"TEL;TYPE=WORK,VOICE:{org.all_phones[0]}" in lines
    location = org.primary_location
    geo = [line for line in lines if line.startswith("GEO:")]
    assert len(geo) == 1
    lat, lon = (float(v) for v in geo[0][4:].split(";"))
    assert lat == pytest.approx(location.latitude, abs=1e-5)
    assert lon == pytest.approx(location.longitude, abs=1e-5)
    assert any(line.startswith("URL;TYPE=map:geo:") for line in lines)
    adr = next(line for line in lines if line.startswith("ADR"))
    assert location.address.city in adr
    assert "http" not in payload.split("URL:")[0]  # the contact itself, not a web link


def test_the_country_follows_the_requested_language():
    org = Organization(
        id="x", name="Café; \"Centre\", Ltd\nsecond line", alternate_name="",
        description=None, kind="ngo", website="", email="info@example.org", source="test",  # type: ignore[arg-type]
        assured_date=None, is_demo=False, communities_served=(), media=None,
        locations=(Location("l", "", Address("Rue Haute 1", "", "Bruxelles", "", "1000", "BE"),
                            50.8, 4.35, ("+32 2 000 00 00",)),),
        services=())
    payload = contact_payload(org, "fr")
    assert "FN:Café\\; \"Centre\"\\, Ltd second line" in payload
    assert "Belgique" in payload
    assert "EMAIL;TYPE=INTERNET:info@example.org" in payload
    assert "Belgium" in contact_payload(org, "en")
    assert "بلجيكا" in contact_payload(org, "ar")


def test_the_qr_image_is_the_code_of_the_payload():
    payload = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:ሰላም مرحبا\r\nEND:VCARD\r\n"
    matrix = qr_matrix(payload)
    image = qr_image(payload, 240)
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = image.width() // modules
    assert image.width() == image.height() == modules * scale
    assert scale >= 2
    # Every module is drawn where the matrix says, after the quiet zone.
    for y in (0, len(matrix) // 2, len(matrix) - 1):
        for x, dark in enumerate(matrix[y]):
            pixel = QColor(image.pixel((x + QUIET_ZONE) * scale + scale // 2,
                                       (y + QUIET_ZONE) * scale + scale // 2))
            assert (pixel.lightness() < 128) == dark
    assert QColor(image.pixel(1, 1)).lightness() > 200  # white quiet zone


def test_the_card_files_the_entry_as_an_organisation_not_a_person(built_directory: Path):
    org = located_org(Directory(built_directory))
    lines = contact_payload(org, "en").split("\r\n")
    assert "N:;;;;" in lines
    assert f"ORG:{org.name.replace(',', chr(92) + ',').replace(';', chr(92) + ';')}" in lines


def test_an_entry_too_long_for_a_qr_code_still_gets_one_with_its_name_and_phone():
    from desktop.ui.handoff import fitting_payload

    org = Organization(
        id="x", name="Very Long Name " * 12, alternate_name="", description=None,  # type: ignore[arg-type]
        kind="ngo", website="https://example.org/" + "a" * 2500, email="info@example.org",
        source="test", assured_date=None, is_demo=False, communities_served=(), media=None,
        locations=(Location("l", "", Address("Rue Haute 1", "", "Bruxelles", "", "1000", "BE"),
                            50.8, 4.35, ("+3220000000",)),), services=())
    payload, shortened = fitting_payload(org, "en")
    assert shortened
    assert "FN:Very Long Name" in payload and "TEL;TYPE=WORK,VOICE:+3220000000" in payload
    assert qr_matrix(payload)  # it fits
