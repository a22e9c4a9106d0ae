"""Emergency numbers: general, police, ambulance and fire for a chosen country, with the
page they come from, and the country's national helplines below them."""

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

from desktop.directory.contacts import display_phone, site_name
from desktop.directory.records import EmergencyNumbers
from desktop.i18n import N_, _, current_locale, format_list
from desktop.i18n.locales import isolated
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.context import AppContext
from desktop.ui.widgets import (
    WrappedLabel,
    fill_country_box,
    leading_alignment,
    ui_localizer,
)

SERVICES = (
    ("general", N_("All emergencies")),
    ("police", N_("Police")),
    ("ambulance", N_("Ambulance")),
    ("fire", N_("Fire brigade")),
)
HELPLINE_TOPICS = {
    "anti_trafficking": N_("Trafficking and forced labour"),
    "violence_against_women": N_("Violence against women"),
    "children": N_("Children and young people"),
    "migrant_workers": N_("Migrant workers"),
    "other": N_("Other helpline"),
}


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
        self._helplines_title = QLabel(self)
        self._helplines_title.setObjectName("helplinesTitle")
        bold = QFont(self.font())
        bold.setBold(True)
        self._helplines_title.setFont(bold)
        self.helplines = QGridLayout()
        self.helplines.setHorizontalSpacing(16)
        self.helpline_numbers: list[QLabel] = []
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._close = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._country_label)
        layout.addWidget(self.country)
        layout.addWidget(self._intro)
        layout.addLayout(grid)
        layout.addWidget(self._source)
        layout.addSpacing(8)
        layout.addWidget(self._helplines_title)
        layout.addLayout(self.helplines)
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

    def _show_country(self) -> None:
        numbers = self.current_numbers()
        general = numbers.general if numbers else ""
        for key, message in SERVICES:
            value = getattr(numbers, key, "") if numbers else ""
            if value:
                shown = display_phone(value, numbers.country_code if numbers else "")
            elif general:
                # No page gives this service a number of its own: the general one works.
                # Translators: {number} is the country's general emergency number, e.g. 112, shown
                # beside a service (police, ambulance…) that has no number of its own.
                shown = _("{number} (general number)").format(number=general)
            else:
                shown = "—"
            self._names[key].setText(_(message))
            self.numbers[key].setText(shown)
            self.numbers[key].setAccessibleName(
                # Translators: %(service)s is a service's name, e.g. "Police" (translated);
                # %(number)s is its phone number, e.g. 101, or "no number known". Read aloud by
                # screen readers.
                _("%(service)s: %(number)s") % {"service": _(message),
                                                 "number": value or general
                                                 or _("no number known")})
        self._source.setText(self._source_text(numbers))
        self._show_helplines(numbers.country_code if numbers else "")

    def _source_text(self, numbers: EmergencyNumbers | None) -> str:
        if numbers is None or not numbers.source:
            return ""
        sites = format_list(list(dict.fromkeys(site_name(page)
                                               for page in numbers.source.split())))
        if not numbers.assured_date:
            # Translators: %(source)s is a list of website names, e.g. "police.be and 112.be",
            # where the emergency numbers were found. Under the numbers in the Emergency window.
            return _("Source: %(source)s") % {"source": sites}
        from datetime import date

        checked = ui_localizer().date(date.fromisoformat(numbers.assured_date))
        return _("Checked on {date} · source: {sites}").format(date=checked, sites=sites)

    def _show_helplines(self, country: str) -> None:
        while self.helplines.count():
            item = self.helplines.takeAt(0)
            if item.widget() is not None:
                # Hidden at once: deleteLater waits for the event loop, and a label out of
                # its layout would be drawn in the corner until then.
                item.widget().hide()
                item.widget().deleteLater()
        self.helpline_numbers = []
        lines = self.context.directory.helplines(country, current_locale()) if country else []
        self._helplines_title.setText(_("Helplines") if lines else "")
        self._helplines_title.setVisible(bool(lines))
        for row, line in enumerate(lines):
            topic = QLabel(_(HELPLINE_TOPICS.get(line.topic, HELPLINE_TOPICS["other"])), self)
            number = QLabel(display_phone(line.number, country), self)
            number.setObjectName("helplineNumber")
            number.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            # Each name in its own direction: a French organisation in a Persian line
            # keeps its words (and its "103") in place.
            who = WrappedLabel(f"{isolated(line.service_name.text)} · "
                               f"{isolated(line.organization_name)}", self)
            who.setAlignment(leading_alignment())
            for label in (topic, number):
                label.setTextFormat(Qt.TextFormat.PlainText)
            self.helplines.addWidget(topic, row, 0)
            self.helplines.addWidget(number, row, 1)
            self.helplines.addWidget(who, row, 2)
            self.helplines.setColumnStretch(2, 1)
            self.helpline_numbers.append(number)
        # Room for the wrapped names: the dialog grows with its rows instead of
        # drawing them over each other.
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 90,
                                 max(480, self.screen().availableGeometry().width() - 40)))
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Emergency numbers"))
        self._close.setText(_("Close"))  # Qt has no Tigrinya, Pashto or Somali of its own
        self._country_label.setText(_("Country"))
        self.country.setAccessibleName(_("Country"))
        self._intro.setText(_("In danger or hurt? Call one of these numbers."))
        fill_country_box(self.country, self._numbers, self.context.country)
        self._show_country()

