"""Print preview on the desktop: the pages as they will come out of the printer, then
"Print…" to choose the printer. Our own buttons, so every word is in the UI language (Qt's
preview dialog has no words of its own for Tigrinya, Somali or Pashto)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import _, ngettext


class PrintPreviewDialog(QDialog):
    """Shows what ``paint(printer)`` prints; ``printed`` is True once it went to a printer."""

    def __init__(self, printer: QPrinter, paint: Callable[[QPrinter], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(_("Print preview"))
        self.printer = printer
        self._paint = paint
        self.printed = False
        self.preview = QPrintPreviewWidget(printer, self)
        self.preview.setObjectName("printPreviewPages")
        self.preview.paintRequested.connect(paint)
        self.preview.previewChanged.connect(self._show_pages)
        self.pages = QLabel(self)
        self.pages.setObjectName("printPreviewPageCount")
        self.pages.setTextFormat(Qt.TextFormat.PlainText)
        self.print_button = QPushButton(_("Print…"), self)
        self.print_button.setObjectName("printPreviewPrint")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_now)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.pages, 1)
        row.addWidget(self.print_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self.resize(760, 900)

    def page_count(self) -> int:
        return self.preview.pageCount()

    def _show_pages(self) -> None:
        count = self.preview.pageCount()
        # Translators: %(n)d is the number of pages the printout will have, e.g. 3. Shown
        # beside the Print button in the print preview.
        self.pages.setText(ngettext("%(n)d page", "%(n)d pages", count) % {"n": count})

    def print_now(self) -> None:
        """Choose the printer (the page size and margins already set), then print."""
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self._paint(self.printer)
        self.printed = True
        self.accept()
