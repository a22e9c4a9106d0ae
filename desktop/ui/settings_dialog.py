"""Settings: interface language, theme and text size, applied at once and remembered."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, available_languages, country_name, current_locale
from desktop.i18n.formatting import babel_locale
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.dialog_buttons import ok_cancel_buttons
from desktop.userdata import UserData

THEMES = (
    ("system", N_("Follow the system")),
    # Translators: the name of a colour theme (light background), not a lamp
    ("light", N_("Light")),
    # Translators: the name of a colour theme (dark background)
    ("dark", N_("Dark")),
    ("high-contrast", N_("High contrast")),
)
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)

LOCATION_KEY = "location"  # {"city", "country", "latitude", "longitude"} or None
COUNTRY_KEY = "country"  # the country the person is in (ISO code)
LANGUAGE_KEY = "language"
THEME_KEY = "theme"
TEXT_SCALE_KEY = "text_scale"


@dataclass(frozen=True)
class Appearance:
    theme: str = "system"
    text_scale: float = 1.0

    @classmethod
    def load(cls, user_data: UserData) -> Appearance:
        theme = user_data.get_setting(THEME_KEY, "system")
        try:
            scale = float(user_data.get_setting(TEXT_SCALE_KEY, 1.0))
        except (TypeError, ValueError):
            scale = 1.0
        known = {code for code, _label in THEMES}
        return cls(theme if theme in known else "system", min(2.0, max(1.0, scale)))

    def save(self, user_data: UserData) -> None:
        user_data.set_setting(THEME_KEY, self.theme)
        user_data.set_setting(TEXT_SCALE_KEY, self.text_scale)

    def apply(self, app: QApplication) -> None:
        from desktop.ui.theme import apply_theme

        apply_theme(app, self.theme, self.text_scale)


def percent(value: float) -> str:
    """``1.5`` → "150 %", "150%" or "٪150", as the UI language writes percentages."""
    from babel.numbers import format_percent  # only when the dialog opens

    return format_percent(value, locale=babel_locale(current_locale()))


def language_entry(native_name: str, is_draft: bool) -> str:
    """How a language is listed: in its own name, with a "draft" marker when unfinished."""
    # Translators: %(language)s is a language's name in that language itself, e.g.
    # "Soomaali" or "ትግርኛ"; "draft" means its translation is not finished yet.
    # An item in the language menu.
    return _("%(language)s (draft)") % {"language": native_name} if is_draft else native_name


def saved_location(user_data: UserData) -> dict | None:
    """The place the person chose as where they are, if any (checked, never trusted)."""
    place = user_data.get_setting(LOCATION_KEY)
    if not isinstance(place, dict):
        return None
    try:
        lat, lon = float(place["latitude"]), float(place["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return {"city": str(place.get("city", "")), "country": str(place.get("country", "")),
            "latitude": lat, "longitude": lon}


class SettingsDialog(RetranslatedOnLanguageChange, QDialog):
    """Choose language, theme, text size and where you are; ``chosen_*`` hold the answer
    after accept. ``places`` are (city, country, latitude, longitude) to choose from."""

    def __init__(self, appearance: Appearance, parent: QWidget | None = None, *,
                 places: list[tuple[str, str, float, float]] | None = None,
                 location: dict | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.language = QComboBox(self)
        self.theme = QComboBox(self)
        self.text_size = QComboBox(self)
        self.location = QComboBox(self)
        self._places = places or []
        self._initial_location = location
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._location_hint = QLabel(self)
        self._location_hint.setWordWrap(True)
        self._form = QFormLayout()
        self._labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self._labels, (self.language, self.theme, self.text_size,
                                               self.location), strict=True):
            label.setBuddy(field)
            self._form.addRow(label, field)
        buttons, self._ok, self._cancel = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(self._form)
        layout.addWidget(self._location_hint)
        layout.addWidget(buttons)
        self._initial = appearance
        self.retranslate()
        self.theme.setCurrentIndex(max(0, self.theme.findData(appearance.theme)))
        closest = min(TEXT_SCALES, key=lambda s: abs(s - appearance.text_scale))
        self.text_size.setCurrentIndex(self.text_size.findData(closest))

    def chosen_language(self) -> str:
        return str(self.language.currentData() or current_locale())

    def chosen_location(self) -> dict | None:
        index = self.location.currentData()
        if not isinstance(index, int) or not 0 <= index < len(self._places):
            return None
        city, country, lat, lon = self._places[index]
        return {"city": city, "country": country, "latitude": lat, "longitude": lon}

    def chosen_appearance(self) -> Appearance:
        return Appearance(str(self.theme.currentData() or "system"),
                          float(self.text_size.currentData() or 1.0))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Settings"))
        self._intro.setText(_("Changes apply at once and are remembered."))
        for label, text in zip(self._labels, (_("Language"), _("Theme"), _("Text size"),
                                              _("Your location")), strict=True):
            label.setText(text)
        self.location.setAccessibleName(_("Your location"))
        # Our own words: Qt has no translation of its buttons for Tigrinya, Pashto, Somali.
        self._ok.setText(_("OK"))
        self._cancel.setText(_("Cancel"))
        # Wide enough for the hint and both buttons in any language and text size.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self._location_hint.setText(
            _("Used only on this computer, to show distances and put the nearest first."))
        chosen = self._initial_location
        initial = next((i for i, (city, country, _lat, _lon) in enumerate(self._places)
                        if chosen and (city, country) == (chosen["city"], chosen["country"])),
                       -1)
        self._refill(self.location, [(_("Not set"), -1)] + [
            (f"{city}, {country_name(country)}", i)
            for i, (city, country, _lat, _lon) in enumerate(self._places)], initial)
        self.language.setAccessibleName(_("Language"))
        self.theme.setAccessibleName(_("Theme"))
        self.text_size.setAccessibleName(_("Text size"))
        self._refill(self.language, [
            (language_entry(lang.native_name, lang.is_draft), lang.code)
            for lang in available_languages()], current_locale())
        self._refill(self.theme, [(_(label), code) for code, label in THEMES],
                     self._initial.theme)
        self._refill(self.text_size, [(percent(s), s) for s in TEXT_SCALES],
                     self._initial.text_scale)

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]], default: object) -> None:
        current = combo.currentData() if combo.count() else default
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

