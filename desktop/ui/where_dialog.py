"""Where am I: on the first start, the app asks which country the person is in (and,
if they like, which town). It decides the emergency numbers on the home screen, the
language beside theirs on the card they show an official, and which entries come first.
Settings changes it later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.context import AppContext
from desktop.ui.dialog_buttons import ok_cancel_buttons
from desktop.ui.widgets import fill_country_box


class WhereDialog(RetranslatedOnLanguageChange, QDialog):
    """``chosen_place()`` after accept: {"country", "city", "latitude", "longitude"}, the
    town's fields empty when only the country was chosen."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whereDialog")
        self.context = context
        self._places = context.directory.places()  # (city, country, latitude, longitude)
        self._countries = sorted({n.country_code for n in
                                  context.directory.all_emergency_numbers()}
                                 | {country for _c, country, _la, _lo in self._places})
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        self.country = QComboBox(self)
        self.country.setEditable(True)  # type a few letters of the name to find it
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.country.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.town = QComboBox(self)
        self.country.currentIndexChanged.connect(self._fill_towns)
        self._country_label, self._town_label = QLabel(self), QLabel(self)
        self._country_label.setBuddy(self.country)
        self._town_label.setBuddy(self.town)
        form = QFormLayout()
        form.addRow(self._country_label, self.country)
        form.addRow(self._town_label, self.town)
        buttons, self._ok, self._cancel = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        # Wide enough for the question to wrap into a few lines, in any script.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Where are you?"))
        self._intro.setText(_("Which country are you in? The app shows its emergency numbers "
                              "and the help near you first. You can change this in Settings."))
        self._country_label.setText(_("Country"))
        self._town_label.setText(_("Town (optional)"))
        self._ok.setText(_("OK"))
        self._cancel.setText(_("Not now"))
        fill_country_box(self.country, self._countries, self.context.country)
        self._fill_towns()

    def _fill_towns(self) -> None:
        code = self.country.currentData()
        self.town.clear()
        self.town.addItem(_("Anywhere in the country"), -1)
        for index, (city, country, _lat, _lon) in enumerate(self._places):
            if country == code:
                self.town.addItem(city, index)

    def chosen_place(self) -> dict:
        country = str(self.country.currentData() or self.context.country)
        index = self.town.currentData()
        if isinstance(index, int) and index >= 0:
            city, country, lat, lon = self._places[index]
            return {"city": city, "country": country, "latitude": lat, "longitude": lon}
        return {"city": "", "country": country, "latitude": None, "longitude": None}
