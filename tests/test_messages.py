"""An error shown to a Tigrinya reader: plain text, and no English button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.i18n import _, set_language
from desktop.ui.messages import show_message


def test_a_message_is_plain_text_with_a_translated_button(qtbot, monkeypatch) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    set_language("ti")
    try:
        show_message(None, QMessageBox.Icon.Warning, "PDF", "/tmp/<b>bold</b>.pdf: cannot save")
        ok_in_tigrinya = _("OK")
    finally:
        set_language("en")
    box = shown[0]
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == "/tmp/<b>bold</b>.pdf: cannot save"
    assert [button.text() for button in box.buttons()] == [ok_in_tigrinya]
    assert ok_in_tigrinya != "OK"
