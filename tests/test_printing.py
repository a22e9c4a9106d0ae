"""Save as PDF: the entry's text, Arabic and Ethiopic included, is really in the file."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.directory.database import Directory
from desktop.directory.records import Organization
from desktop.i18n import set_language
from desktop.ui.printing import build_document, write_pdf

pytestmark = pytest.mark.usefixtures("qapp")

def pdf_text(path: Path) -> str:
    """The text a PDF reader extracts from the file (pypdf: pure Python, no poppler)."""
    out = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    # Words come back tab-separated and in Arabic presentation forms; fold both.
    return unicodedata.normalize("NFKC", out).replace("\t", " ")


ARABIC_NAME = "Sudanese Community – الجالية السودانية"


def arabic_named(directory: Directory) -> Organization:
    """A real entry, renamed with Latin and Arabic words (as many diaspora groups are)."""
    org_id = directory.conn.execute("SELECT id FROM organization ORDER BY id").fetchone()[0]
    return replace(directory.organization(org_id), name=ARABIC_NAME)


def test_a_pdf_of_an_entry_holds_its_name_and_labels(built_directory: Path, tmp_path: Path):
    directory = Directory(built_directory)
    org = arabic_named(directory)
    out = write_pdf([org], tmp_path / "entry.pdf", "en")
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "Sudanese Community" in text
    arabic_words = ["الجالية", "السودانية"]
    folded = text.replace("\n", " ")
    for word in arabic_words:
        # the reader may give right-to-left words in visual order: accept either.
        assert word in folded or word[::-1] in folded, word
    assert "Scan to save the contact on a phone" in text
    assert not (tmp_path / "entry.pdf.partial").exists()


def test_a_tigrinya_pdf_has_ethiopic_labels(built_directory: Path, tmp_path: Path):
    directory = Directory(built_directory)
    org_ids = [oid for (oid,) in directory.conn.execute(
        "SELECT id FROM organization ORDER BY id LIMIT 3")]
    orgs = [directory.organization(oid, "ti") for oid in org_ids]
    try:
        set_language("ti")
        out = write_pdf(orgs, tmp_path / "favourites.pdf", "ti")
    finally:
        set_language("en")
    text = pdf_text(out)
    for org in orgs:
        assert org.name.split()[0] in text
    assert any("\u1200" <= c <= "\u137f" for c in text), "no Ethiopic text in the PDF"


def test_directory_text_is_never_read_as_markup(built_directory: Path):
    directory = Directory(built_directory)
    org = arabic_named(directory)
    hostile = replace(org, name="<img src=x><b>bold</b>")
    document = build_document([hostile], "en")
    assert "<img src=x><b>bold</b>" in document.toPlainText()
    html = document.toHtml()
    assert "&lt;img src=x&gt;&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<img src="x"' not in html and "<b>" not in html
    # The only image is the QR code the app itself drew.
    assert html.count("<img") == 1 and '<img src="qr-0"' in html


# Qt's painter says it could not open the file before the app turns that into one clear
# error: expected here.
@pytest.mark.qt_log_ignore("QPainter::begin")
def test_an_unwritable_folder_is_one_clear_error(built_directory: Path, tmp_path: Path):
    from desktop.errors import UserError

    directory = Directory(built_directory)
    org = arabic_named(directory)
    with pytest.raises(UserError, match="cannot save the PDF"):
        write_pdf([org], tmp_path / "no-such-folder" / "x.pdf", "en")


def slip(directory: Directory, org_id: str, visitor_locale: str, host_locale: str
         ) -> tuple[str, Organization, Organization]:
    """The printed slip's text, with the entry as the visitor and the host read it."""
    visitor = directory.organization(org_id, visitor_locale)
    host = directory.organization(org_id, host_locale)
    set_language(visitor_locale)
    try:
        text = build_document([visitor], visitor_locale, host_locale=host_locale,
                              host_orgs=[host]).toPlainText()
    finally:
        set_language("en")
    return text, visitor, host


def test_the_kiosk_slip_repeats_the_entry_in_the_host_language(built_directory: Path):
    from desktop.ui.widgets import localizer_for

    directory = Directory(built_directory)
    org_id = directory.conn.execute(
        "SELECT o.id FROM organization o JOIN location l ON l.organization_id = o.id "
        "JOIN address a ON a.location_id = l.id WHERE o.source = 'demo' "
        "AND a.address_1 IS NOT NULL ORDER BY o.id").fetchone()[0]
    text, visitor, _host = slip(directory, org_id, "ar", "fr")
    arabic, french = localizer_for("ar"), localizer_for("fr")
    assert text.count(visitor.name) == 2
    assert arabic.gettext("Address") in text
    assert french.gettext("Address") in text
    assert french.own_name in text
    assert french.gettext("Address") != "Address"


def test_each_half_of_the_slip_joins_its_lists_the_way_its_language_does(
        built_directory: Path):
    from desktop.ui.widgets import localizer_for

    directory = Directory(built_directory)
    org_id = directory.conn.execute(
        "SELECT s.organization_id FROM language l JOIN service s ON s.id = l.service_id "
        "GROUP BY s.organization_id HAVING count(DISTINCT l.code) >= 3 "
        "ORDER BY s.organization_id").fetchone()[0]
    text, visitor, host = slip(directory, org_id, "ti", "fr")
    tigrinya, french = localizer_for("ti"), localizer_for("fr")
    names_ti = [tigrinya.language(code) for code in visitor.languages]
    names_fr = [french.language(code) for code in host.languages]
    assert tigrinya.list(names_ti) in text and "፣" in tigrinya.list(names_ti)
    assert french.list(names_fr) in text and " et " in french.list(names_fr)
    assert ", ".join(names_ti) not in text


def test_a_day_with_two_openings_reads_as_one_list_in_the_readers_language():
    from datetime import time

    from desktop.directory.hours import OpeningInterval
    from desktop.ui.widgets import hours_table, localizer_for

    morning = OpeningInterval(weekday=0, opens=time(9), closes=time(12))
    afternoon = OpeningInterval(weekday=0, opens=time(14), closes=time(17))
    for locale, separator in (("ti", "፣"), ("ar", " و"), ("es", " y ")):
        [(_, times)] = hours_table([morning, afternoon], localizer_for(locale))
        assert separator in times, (locale, times)


def test_paper_lists_the_closed_days_as_the_screen_does(built_directory: Path):
    directory = Directory(built_directory)
    org = next(org for (org_id,) in directory.conn.execute(
        "SELECT id FROM organization ORDER BY id")
        if (org := directory.organization(org_id)).hours
        and len({interval.weekday for interval in org.hours}) < 7)
    text = build_document([org], "en").toPlainText()
    open_days = {interval.weekday for interval in org.hours}
    sunday_closed = 6 not in open_days
    assert ("Sunday: Closed" in text) == sunday_closed
    assert text.count(": Closed") == 7 - len(open_days)
    assert "Monday:" in text


def longest_entries(directory: Directory, n: int) -> list[str]:
    """The entries with the most to print: services, descriptions and hours."""
    return [row[0] for row in directory.conn.execute(
        "SELECT o.id FROM organization o LEFT JOIN service s ON s.organization_id = o.id "
        "GROUP BY o.id ORDER BY count(s.id) * 200 + length(o.description) "
        "+ sum(length(coalesce(s.description, ''))) DESC LIMIT ?", (n,))]


@pytest.mark.parametrize(("reader", "host", "country"), [
    ("en", None, "GB"), ("ar", "fr", "BE"), ("ti", "sv", "SE"), ("so", "en", "US")],
    ids=["English on A4", "Arabic and French slip", "Tigrinya and Swedish slip",
         "Somali and English slip on Letter"])
def test_an_entry_prints_on_one_page_even_the_longest_and_the_two_language_slip(
        embedded_directory: Path, reader: str, host: str | None, country: str):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.printing import configure_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_page(printer, country)
    letter = printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    assert letter == (country == "US")
    rect = printer.pageRect(QPrinter.Unit.Point)
    page = QSizeF(rect.width(), rect.height())
    directory = Directory(embedded_directory)
    try:
        for org_id in longest_entries(directory, 12):
            org = directory.organization(org_id, reader)
            host_orgs = [directory.organization(org_id, host)] if host else []
            document = build_document([org], reader, host_locale=host, host_orgs=host_orgs,
                                      page_size=page)
            document.setPageSize(page)
            assert document.pageCount() == 1, (org.name, reader, host)
            if host:  # both languages are on that page
                text = document.toPlainText()
                assert org.name in text
    finally:
        directory.close()


def test_a_printed_entry_gives_every_office_address(embedded_directory: Path, tmp_path: Path):
    directory = Directory(embedded_directory)
    try:
        org_id = directory.conn.execute(
            "SELECT id FROM organization WHERE name LIKE 'CGIL%'").fetchone()[0]
        org = directory.organization(org_id)
    finally:
        directory.close()
    text = pdf_text(write_pdf([org], tmp_path / "cgil.pdf", "en"))
    for town in ("Forlì", "Firenze", "Milano"):
        assert town in text


def test_favourites_print_one_entry_per_page(embedded_directory: Path, tmp_path: Path):
    directory = Directory(embedded_directory)
    try:
        orgs = [directory.organization(i, "fa") for i in longest_entries(directory, 3)]
    finally:
        directory.close()
    pdf = write_pdf(orgs, tmp_path / "favourites.pdf", "fa", "BE")
    assert len(PdfReader(pdf).pages) == 3
