"""Emergency numbers: general, police, ambulance and fire for a chosen country."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.records import EmergencyNumbers
from desktop.i18n import N_, _, country_name
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.context import AppContext

SERVICES = (
    ("general", N_("All emergencies")),
    ("police", N_("Police")),
    ("ambulance", N_("Ambulance")),
    ("fire", N_("Fire brigade")),
)


class EmergencyDialog(RetranslatedOnLanguageChange, QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emergencyDialog")
        self.context = context
        self._numbers = {n.country_code: n for n in context.directory.all_emergency_numbers()}
        self._country_label = QLabel(self)
        self.country = QComboBox(self)
        self._country_label.setBuddy(self.country)
        self.country.currentIndexChanged.connect(self._show_country)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        self._names: dict[str, QLabel] = {}
        self.numbers: dict[str, QLabel] = {}
        big = QFont(self.font())
        big.setPointSizeF(max(14.0, self.font().pointSizeF() * 1.8))
        big.setBold(True)
        for row, (key, _message) in enumerate(SERVICES):
            name = QLabel(self)
            name.setTextFormat(Qt.TextFormat.PlainText)
            number = QLabel(self)
            number.setObjectName("emergencyNumber")
            number.setTextFormat(Qt.TextFormat.PlainText)
            number.setFont(big)
            # Keyboard users can select and copy a number; focus makes it readable aloud.
            number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            number.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            # Phone numbers read left to right in every language.
            number.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            grid.addWidget(name, row, 0)
            grid.addWidget(number, row, 1)
            self._names[key] = name
            self.numbers[key] = number
        self._source = QLabel(self)
        self._source.setObjectName("emergencySource")
        self._source.setTextFormat(Qt.TextFormat.PlainText)
        self._source.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._close = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._country_label)
        layout.addWidget(self.country)
        layout.addWidget(self._intro)
        layout.addLayout(grid)
        layout.addWidget(self._source)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.retranslate()
        self.set_country(context.country)

    def set_country(self, code: str) -> None:
        index = self.country.findData(code)
        if index >= 0:
            self.country.setCurrentIndex(index)
        self._show_country()

    def current_numbers(self) -> EmergencyNumbers | None:
        return self._numbers.get(self.country.currentData())

    def _fill_countries(self) -> None:
        current = self.country.currentData() or self.context.country
        self.country.blockSignals(True)
        self.country.clear()
        for code in sorted(self._numbers, key=lambda c: country_name(c).casefold()):
            self.country.addItem(country_name(code), code)
        self.country.setCurrentIndex(max(0, self.country.findData(current)))
        self.country.blockSignals(False)

    def _show_country(self) -> None:
        numbers = self.current_numbers()
        for key, message in SERVICES:
            value = getattr(numbers, key, "") if numbers else ""
            shown = value or "—"
            self._names[key].setText(_(message))
            self.numbers[key].setText(shown)
            self.numbers[key].setAccessibleName(
                _("%(service)s: %(number)s") % {"service": _(message),
                                                 "number": value or _("no number known")})
        self._source.setText(_("Source: %(source)s") % {"source": numbers.source}
                             if numbers and numbers.source else "")

    def retranslate(self) -> None:
        self.setWindowTitle(_("Emergency numbers"))
        self._close.setText(_("Close"))  # Qt has no Tigrinya, Pashto or Somali of its own
        self._country_label.setText(_("Country"))
        self.country.setAccessibleName(_("Country"))
        self._intro.setText(_("In danger or hurt? Call one of these numbers."))
        self._fill_countries()
        self._show_country()

