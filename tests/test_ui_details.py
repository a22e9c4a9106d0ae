"""A user opens an entry: reads it, stars it, copies a number, hands it over, reports a fix."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.directory.contacts import site_name
from desktop.directory.database import Directory
from desktop.i18n import set_language
from desktop.ui.context import AppContext
from desktop.ui.details_page import DetailsPage
from desktop.ui.favourites_page import FavouritesPage
from desktop.userdata import UserData

HOSTILE_NAME = '<img src=x> <a href="file:///etc/passwd">click</a> <b>bold</b>'


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


@pytest.fixture
def directory(built_directory: Path) -> Directory:
    return Directory(built_directory)


@pytest.fixture
def context(directory: Directory) -> AppContext:
    return AppContext(directory=directory, user_data=UserData.open(), host_locale="fr")


ACV_CSC = "cabb5d33-05ec-5c51-a3b7-3bc08f3f0d97"


def seed_id(directory: Directory, name_part: str) -> str:
    row = directory.conn.execute(
        "SELECT id FROM organization WHERE source != 'demo' AND name LIKE ?",
        (f"%{name_part}%",)).fetchone()
    assert row, name_part
    return str(row[0])


def demo_id(directory: Directory) -> str:
    return str(directory.conn.execute(
        "SELECT o.id FROM organization o JOIN location l ON l.organization_id = o.id "
        "WHERE o.source = 'demo' AND l.latitude IS NOT NULL ORDER BY o.id LIMIT 1").fetchone()[0])


def visible_texts(page: DetailsPage) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]


def open_page(qtbot, context: AppContext, org_id: str) -> DetailsPage:
    page = DetailsPage(context)
    qtbot.addWidget(page)
    page.now = lambda: datetime(2026, 3, 4, 10, 30)  # a Wednesday morning
    page.show_organization(org_id)
    page.resize(900, 900)
    page.show()
    return page


def test_a_real_entry_says_when_it_was_checked_and_opens_its_source(qtbot, context,
                                                                   directory, monkeypatch):
    org_id = ACV_CSC  # Belgium's Christian trade-union confederation, from the UN report
    org = directory.organization(org_id)
    page = open_page(qtbot, context, org_id)
    texts = visible_texts(page)
    assert any(org.name in t for t in texts)
    assert page.demo_banner is None
    assert page.qr_label is not None and not page.qr_label.pixmap().isNull()
    # "Checked on 30 November 2026 · source: acv-csc.be"
    assert page.checked_label is not None
    checked = page.checked_label.text()
    assert checked.startswith("Checked on ")
    assert site_name(org.sources[0]) in checked
    assert len(page.source_buttons) == len(org.sources)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    qtbot.mouseClick(page.source_buttons[0], Qt.MouseButton.LeftButton)
    assert opened == [org.sources[0]]


def test_a_demo_entry_says_it_is_not_real_and_shows_hours_and_languages(
        qtbot, context, directory):
    org_id = demo_id(directory)
    org = directory.organization(org_id, "en")
    page = open_page(qtbot, context, org_id)
    assert page.demo_banner is not None and page.demo_banner.isVisibleTo(page)
    assert "not a real organisation" in page.demo_banner.text()
    texts = "\n".join(visible_texts(page))
    if org.hours:
        assert page.open_status is not None
        assert page.open_status.text().startswith(("Open now", "Closed"))
        assert "Monday" in texts or "Tuesday" in texts or "Saturday" in texts
    assert "Languages spoken" in texts


def test_add_to_favourites_sits_beside_the_name_on_the_readers_side(qtbot, context, directory):
    from PySide6.QtWidgets import QApplication

    from desktop.i18n.qt import apply_language

    org_id = seed_id(directory, "Multaka")
    app = QApplication.instance()
    for locale in ("en", "ar"):
        apply_language(app, locale)  # the language and the direction, as the window does
        try:
            page = open_page(qtbot, context, org_id)
            qtbot.waitUntil(lambda p=page: p.star_button.isVisible())
            name, star = page.name_label, page.star_button
            name_top = name.mapTo(page, name.rect().topLeft()).y()
            star_top = star.mapTo(page, star.rect().topLeft()).y()
            assert abs(name_top - star_top) < star.height()  # one row
            after_name = star.mapTo(page, star.rect().topLeft()).x() > \
                name.mapTo(page, name.rect().topLeft()).x()
            assert after_name == (locale == "en")  # mirrored in right-to-left
            page.reset()
            assert not star.isVisible()  # no entry, nothing to star
        finally:
            apply_language(app, "en")


def test_star_then_restart_and_the_favourite_is_still_there(
        qtbot, context, directory, user_data):
    org_id = seed_id(directory, "Multaka")
    page = open_page(qtbot, context, org_id)
    with qtbot.waitSignal(page.favourites_changed):
        qtbot.mouseClick(page.star_button, Qt.MouseButton.LeftButton)
    assert page.star_button.text() == "Remove from favourites"
    context.user_data.close()

    # "Restart": a new store on the same file, a new page.
    restarted = AppContext(directory=directory, user_data=UserData.open(), host_locale="fr")
    favourites = FavouritesPage(restarted)
    qtbot.addWidget(favourites)
    favourites.refresh()
    assert favourites.list.count() == 1
    assert "Multaka" in favourites.list.item(0).text()
    with qtbot.waitSignal(favourites.organization_activated) as signal:
        favourites.list.setCurrentRow(0)
        qtbot.mouseClick(favourites.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == [org_id]


def test_a_favourite_that_left_the_directory_keeps_its_name(qtbot, context):
    context.user_data.set_favourite("gone-from-the-directory", "Old Café <b>x</b>", True)
    favourites = FavouritesPage(context)
    qtbot.addWidget(favourites)
    favourites.refresh()
    text = favourites.list.item(0).text()
    assert text == "Old Café <b>x</b> — no longer in the directory"
    assert not favourites.open_button.isEnabled()
    qtbot.mouseClick(favourites.remove_button, Qt.MouseButton.LeftButton)
    assert context.user_data.favourites() == []


def test_copy_a_phone_number(qtbot, context, directory):
    org_id = next(oid for (oid,) in directory.conn.execute("SELECT id FROM organization "
                                                           "ORDER BY id")
                  if directory.organization(oid).all_phones)
    page = open_page(qtbot, context, org_id)
    # Shown, and copied, as people dial it in the entry's country.
    phone = directory.organization(org_id).phones_to_show[0]
    button = page.copy_buttons[0]
    assert phone in button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == phone
    assert page.status.text() == f"Copied: {phone}"


def test_hostile_rich_text_is_shown_literally(qtbot, directory_copy: Path, tmp_path):
    writable = sqlite3.connect(directory_copy)
    org_id = str(writable.execute("SELECT id FROM organization LIMIT 1").fetchone()[0])
    writable.execute("UPDATE organization SET name = ?, description = ? WHERE id = ?",
                     (HOSTILE_NAME, HOSTILE_NAME, org_id))
    writable.execute("DELETE FROM translations WHERE record_id = ?", (org_id,))
    writable.commit()
    writable.close()
    context = AppContext(directory=Directory(directory_copy), user_data=UserData.in_memory())
    page = open_page(qtbot, context, org_id)
    assert page.name_label is not None
    assert page.name_label.text() == HOSTILE_NAME
    assert page.name_label.textFormat() == Qt.TextFormat.PlainText
    literal = [label for label in page.findChildren(QLabel) if HOSTILE_NAME in label.text()]
    assert len(literal) >= 2  # the name and the description
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in literal)
    assert all(not label.openExternalLinks() for label in literal)


def test_kiosk_has_no_browser_no_file_dialogs_and_a_bigger_qr(qtbot, directory):
    org_id = next(oid for (oid,) in directory.conn.execute(
        "SELECT id FROM organization WHERE website != '' ORDER BY id"))
    kiosk = AppContext(directory=directory, user_data=UserData.in_memory(), kiosk=True,
                       printer_enabled=False)
    page = open_page(qtbot, kiosk, org_id)
    assert page.website_button is None
    assert page.pdf_button is None and page.print_button is None
    assert page.correction_button is None
    assert page.card_button is not None
    desktop = open_page(qtbot, AppContext(directory=directory, user_data=UserData.in_memory()),
                        org_id)
    assert desktop.website_button is not None
    assert page.qr_label.width() > desktop.qr_label.width()


def test_report_a_correction_then_export_it(qtbot, context, directory, tmp_path, user_data):
    org_id = seed_id(directory, "Zimbabwe Congress")
    page = open_page(qtbot, context, org_id)
    qtbot.mouseClick(page.correction_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason_buttons["other"].click()
    # "Something else" with no words is refused, with a visible reason.
    dialog.save()
    assert dialog.isVisible() and dialog.notice.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.details, "The office moved to Harare North")
    dialog.save()
    assert not dialog.isVisible()
    [saved] = context.user_data.corrections()
    assert saved.org_id == org_id and saved.reason == "other"
    assert saved.text == "The office moved to Harare North"
    assert saved.directory_version == directory.info().version
    context.user_data.close()

    from desktop.cli import main

    out = tmp_path / "reports.csv"
    assert main(["corrections", "export", "-o", str(out)]) == 0
    assert "The office moved to Harare North" in out.read_text(encoding="utf-8-sig")


def test_corrections_export_without_user_data_is_one_clear_error(tmp_path, capsys):
    from desktop.cli import main

    assert main(["corrections", "export", "-o", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "user-data.sqlite" in err and "Traceback" not in err


def test_show_this_card_is_bilingual(qtbot, context, directory):
    org_id = demo_id(directory)
    page = open_page(qtbot, context, org_id)
    qtbot.mouseClick(page.card_button, Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    english, french = dialog.columns
    org = directory.organization(org_id)
    assert org.name in english.texts and org.name in french.texts
    assert "Address" in english.texts
    assert "Adresse" in french.texts
    if org.hours:
        assert any("Monday" in t or "Saturday" in t for t in english.texts)
        assert any("lundi" in t or "samedi" in t for t in french.texts)


def test_language_change_rebuilds_the_page(qtbot, context, directory):
    org_id = demo_id(directory)
    page = open_page(qtbot, context, org_id)
    try:
        set_language("ar")
        page.retranslate()
        assert page.star_button.text() != "Add to favourites"
        buttons = [b.text() for b in page.findChildren(QPushButton) if b.isVisibleTo(page)]
        assert "Show this card" not in buttons
    finally:
        set_language("en")


def test_unknown_entry_offers_a_way_back(qtbot, context):
    page = DetailsPage(context)
    qtbot.addWidget(page)
    page.show_organization("no-such-id")
    assert not page.star_button.isEnabled()
    back = [b for b in page.findChildren(QPushButton) if b.text() == "Back"]
    with qtbot.waitSignal(page.back_requested):
        back[0].click()


def test_reset_forgets_the_entry(qtbot, context, directory):
    page = open_page(qtbot, context, demo_id(directory))
    page.copy_to_clipboard("x")
    page.reset()
    assert page.org is None and page.status.text() == "" and page.name_label is None



def test_call_email_and_directions_hand_the_right_links_to_the_system(
        qtbot, context, directory, monkeypatch):
    org_id = next(oid for (oid,) in directory.conn.execute(
        "SELECT o.id FROM organization o JOIN location l ON l.organization_id = o.id "
        "WHERE l.latitude IS NOT NULL AND o.email IS NOT NULL AND o.email != '' ORDER BY o.id")
        if directory.organization(oid).all_phones)
    org = directory.organization(org_id)
    page = open_page(qtbot, context, org_id)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    for button in page.action_buttons:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert f"tel:{org.all_phones[0]}" in opened
    assert f"mailto:{org.email}" in opened
    assert any(link.startswith("geo:") for link in opened)


def test_every_office_of_an_entry_is_a_place_to_go(qtbot, context, directory, monkeypatch):
    """CGIL runs migrant desks in Forlì, Florence and Milan: a worker in any of the three
    towns sees that town's desk, with directions, not only the first one in the file."""
    org_id = seed_id(directory, "Confederazione Generale Italiana del Lavoro")
    org = directory.organization(org_id)
    streets = [loc.address.address_1 for loc in org.locations if loc.address.address_1]
    assert len(streets) >= 3
    page = open_page(qtbot, context, org_id)
    texts = "\n".join(visible_texts(page))
    for street in streets:
        assert street in texts
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    for button in page.findChildren(QPushButton, "directionsButton"):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len({link for link in opened if link.startswith("geo:")}) == len(streets)
    approximate = [loc for loc in org.locations if loc.coordinates_approximate]
    assert len(page.approximate_labels) == len(approximate) >= 1


def test_a_correction_report_starts_with_no_reason_chosen(qtbot, context, directory):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.ui.corrections import CorrectionDialog

    dialog = CorrectionDialog("x", "An entry", context)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.reason() is None and not save.isEnabled()
    dialog.reason_buttons["phone"].click()
    assert dialog.reason() == "phone" and save.isEnabled()


def test_print_shows_a_preview_of_one_page_in_the_readers_language(qtbot, context, directory):
    set_language("ti")
    try:
        org_id = demo_id(directory)
        page = open_page(qtbot, context, org_id)
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
        preview = page.last_dialog
        assert preview is not None and preview.objectName() == "printPreview"
        qtbot.addWidget(preview)
        qtbot.wait_until(lambda: preview.page_count() > 0)
        assert preview.page_count() == 1
        assert preview.pages.text() and "page" not in preview.pages.text()
        assert preview.print_button.text() != "Print…"
        assert preview.windowTitle() != "Print preview"
        # A4 with margins on every path: the page is never the printer's default size.
        layout = preview.printer.pageLayout()
        assert round(layout.margins().left()) == 18
        assert not preview.printed
    finally:
        set_language("en")
