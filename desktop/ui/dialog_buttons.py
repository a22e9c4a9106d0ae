"""OK and Cancel for the app's dialogs: a module of its own, because the settings dialog
is imported at start-up and must not bring the widget library (and Babel) with it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def ok_cancel_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """A dialog's OK and Cancel, wired to accept and reject. The caller names them in its
    retranslate: Qt has no words of its own for Tigrinya, Pashto or Somali."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return (buttons, buttons.button(QDialogButtonBox.StandardButton.Ok),
            buttons.button(QDialogButtonBox.StandardButton.Cancel))
