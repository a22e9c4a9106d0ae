"""Message boxes that show their text as plain text, with a button in our own words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import _


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str,
                 text: str) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name may contain "<" or "&"
    # Qt has no words of its own for Tigrinya, Pashto or Somali: the button is ours.
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
