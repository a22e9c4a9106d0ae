"""Message boxes that show their text as plain text, with a button in our own words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import _
from desktop.i18n.locales import isolated


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str,
                 text: str) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name may contain "<" or "&"
    # Qt has no words of its own for Tigrinya, Pashto or Somali: the button is ours.
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def read_only_notice(folder: Path) -> str:
    """Why favourites are off: the app was started where it cannot write (a read-only
    disk, a locked-down account)."""
    # Translators: {folder} is the path of a folder on this computer, e.g.
    # /media/usb/user-data.
    return _("Favourites and correction reports cannot be saved on this computer: the "
             "folder {folder} is read-only. The directory works as usual.").format(
                 folder=isolated(folder))
