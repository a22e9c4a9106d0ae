"""The entries the user starred, kept in user data across restarts and directory updates.

A favourite whose organisation has left the directory still shows, under the name it
had when it was starred, marked "no longer in the directory".
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.records import Organization
from desktop.errors import UserError
from desktop.i18n import _, current_locale, is_rtl, pgettext
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.context import AppContext
from desktop.ui.icons import directional_icon, icon
from desktop.ui.labels import kind_label
from desktop.ui.messages import read_only_notice, show_message

ORG_ID_ROLE = Qt.ItemDataRole.UserRole
PRESENT_ROLE = Qt.ItemDataRole.UserRole + 1


class FavouritesPage(RetranslatedOnLanguageChange, QWidget):
    organization_activated = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("favouritesPage")
        self.context = context
        self.status_text = ""
        self.last_dialog: QWidget | None = None  # the print preview, for tests
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        # Said where favourites are kept, when that folder cannot be written.
        self.read_only_label = QLabel(self)
        self.read_only_label.setObjectName("readOnlyNotice")
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setVisible(context.user_data.read_only)
        layout.addWidget(self.read_only_label)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.list = QListWidget(self)
        self.list.setObjectName("favouritesList")
        self.list.setIconSize(QSize(22, 22))
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_args: self._update_buttons())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.open_button = self._button("next", self._open_current, row)
        self.remove_button = self._button("star", self._remove_current, row)
        row.addStretch(1)
        self.print_button = self._button("print", self._print, row)
        self.pdf_button = self._button("print", self._save_pdf, row)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.retranslate()

    def _button(self, icon_name: str, slot: object, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(icon(icon_name), "", self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- public API --------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read favourites from user data (after a star was toggled elsewhere)."""
        current = self.list.currentItem()
        keep = current.data(ORG_ID_ROLE) if current is not None else None
        self.list.clear()
        directory = self.context.directory
        locale = current_locale()
        for favourite in self.context.user_data.favourites():
            org = directory.organization(favourite.org_id, locale)
            item = QListWidgetItem()
            item.setData(ORG_ID_ROLE, favourite.org_id)
            item.setData(PRESENT_ROLE, org is not None)
            if org is not None:
                city = org.primary_location.address.city if org.primary_location else ""
                item.setText(" · ".join(filter(None, (org.name, kind_label(org.kind), city))))
                item.setIcon(icon("star-filled"))
            else:
                # Translators: {name} is the name of an organisation the person saved as a
                # favourite, which the current directory no longer holds, e.g. "Caritas Liège".
                # An item in the list of favourites.
                item.setText(_("{name} — no longer in the directory").format(
                    name=favourite.name))
                item.setIcon(icon("info"))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
            self.list.addItem(item)
            if favourite.org_id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        empty = self.list.count() == 0
        self.empty_label.setVisible(empty)
        self.list.setVisible(not empty)
        self._update_buttons()

    def retranslate(self) -> None:
        self.title.setText(_("Favourites"))
        if self.context.user_data.read_only and self.context.user_data.path is not None:
            self.read_only_label.setText(read_only_notice(self.context.user_data.path.parent))
        self.empty_label.setText(_("No favourites yet. Press “Add to favourites” on an entry "
                                   "to keep it here."))
        self.list.setAccessibleName(_("Favourites"))
        open_text = pgettext("verb: show the chosen favourite", "Open")
        for button, text in ((self.open_button, open_text),
                             (self.remove_button, _("Remove from favourites")),
                             (self.print_button, _("Print")),
                             (self.pdf_button, _("Save as PDF"))):
            button.setText(text)
            button.setAccessibleName(text)
        self.open_button.setIcon(directional_icon("next", is_rtl()))
        self.refresh()

    def reset(self) -> None:
        self.status.clear()
        self.refresh()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    # -- actions ---------------------------------------------------------------------

    def organizations(self) -> list[Organization]:
        """The favourites that are still in the directory, in the UI language."""
        locale = current_locale()
        found = (self.context.directory.organization(f.org_id, locale)
                 for f in self.context.user_data.favourites())
        return [org for org in found if org is not None]

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        self.open_button.setEnabled(item is not None and bool(item.data(PRESENT_ROLE)))
        self.remove_button.setEnabled(item is not None and not self.context.user_data.read_only)
        has_any = any(self.list.item(i).data(PRESENT_ROLE) for i in range(self.list.count()))
        self.print_button.setVisible(not self.context.kiosk or self.context.printer_enabled)
        self.print_button.setEnabled(has_any)
        self.pdf_button.setVisible(not self.context.kiosk)
        self.pdf_button.setEnabled(has_any)

    def _activated(self, item: QListWidgetItem) -> None:
        if item.data(PRESENT_ROLE):
            self.organization_activated.emit(str(item.data(ORG_ID_ROLE)))

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._activated(item)

    def _remove_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.context.user_data.set_favourite(str(item.data(ORG_ID_ROLE)), "", False)
        row = self.list.row(item)
        self.refresh()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def _print(self) -> None:
        orgs = self.organizations()
        if not orgs:
            return
        from desktop.ui.printing import configure_page, print_organizations

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_page(printer, self.context.country)
        locale = current_locale()
        if self.context.kiosk:
            print_organizations(orgs, printer, locale)
            self.status.setText(_("Sent to the printer."))
            return
        from desktop.ui.print_preview import PrintPreviewDialog

        dialog = PrintPreviewDialog(
            printer, lambda target: print_organizations(orgs, target, locale), self)
        dialog.accepted.connect(lambda: self.status.setText(_("Sent to the printer.")))
        self.last_dialog = dialog
        dialog.open()

    def _save_pdf(self) -> None:
        orgs = self.organizations()
        if not orgs or self.context.kiosk:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), _("Favourites") + ".pdf", _("PDF files (*.pdf)"))
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str) -> bool:
        from desktop.ui.printing import write_pdf

        try:
            write_pdf(self.organizations(), path, current_locale(), self.context.country)
        except UserError as error:
            show_message(self, QMessageBox.Icon.Warning, _("Save as PDF"), error.display_text())
            return False
        # Translators: {path} is the path of the PDF file just saved, e.g.
        # /home/ana/Documents/Favourites.pdf. A short status line after Save as PDF.
        self.status.setText(_("Saved: {path}").format(path=path))
        return True
