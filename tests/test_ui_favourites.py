"""Favourites: the list a user keeps, saved as one PDF to print or send."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.directory.database import Directory
from desktop.i18n import set_language
from desktop.ui.context import AppContext
from desktop.ui.favourites_page import FavouritesPage
from desktop.userdata import UserData


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def test_empty_then_starred_entries_then_a_pdf_of_the_list(qtbot, built_directory: Path,
                                                          tmp_path: Path) -> None:
    directory = Directory(built_directory)
    context = AppContext(directory=directory, user_data=UserData.open())
    page = FavouritesPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.empty_label.isVisible() and not page.list.isVisible()
    assert not page.pdf_button.isEnabled()

    ids = [oid for (oid,) in directory.conn.execute(
        "SELECT id FROM organization ORDER BY id LIMIT 2")]
    for oid in ids:
        context.user_data.set_favourite(oid, directory.organization(oid).name, True)
    page.refresh()
    assert page.list.count() == 2 and page.list.isVisible()
    assert page.pdf_button.isEnabled()

    out = tmp_path / "my-list.pdf"
    assert page.save_pdf(str(out))
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout
        for oid in ids:
            assert directory.organization(oid).name.split()[0] in text

    # Keyboard: Enter on the selected row opens it.
    page.list.setFocus()
    page.list.setCurrentRow(1)
    with qtbot.waitSignal(page.organization_activated) as opened:
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert opened.args == [str(page.list.item(1).data(Qt.ItemDataRole.UserRole))]


def test_kiosk_hides_save_as_pdf(qtbot, built_directory: Path) -> None:
    context = AppContext(directory=Directory(built_directory), user_data=UserData.in_memory(),
                         kiosk=True, printer_enabled=False)
    page = FavouritesPage(context)
    qtbot.addWidget(page)
    page.show()
    assert not page.pdf_button.isVisible() and not page.print_button.isVisible()
