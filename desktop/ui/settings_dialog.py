"""Settings: interface language, theme and text size, applied at once and remembered."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, available_languages, current_locale
from desktop.i18n.formatting import babel_locale
from desktop.userdata import UserData

THEMES = (
    ("system", N_("Follow the system")),
    ("light", N_("Light")),
    ("dark", N_("Dark")),
    ("high-contrast", N_("High contrast")),
)
TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)

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
    return _("%(language)s (draft)") % {"language": native_name} if is_draft else native_name


class SettingsDialog(QDialog):
    """Choose language, theme and text size; ``chosen_*`` hold the answer after accept."""

    def __init__(self, appearance: Appearance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.language = QComboBox(self)
        self.theme = QComboBox(self)
        self.text_size = QComboBox(self)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._form = QFormLayout()
        self._labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self._labels, (self.language, self.theme, self.text_size),
                                strict=True):
            label.setBuddy(field)
            self._form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(self._form)
        layout.addWidget(buttons)
        self._initial = appearance
        self.retranslate()
        self.theme.setCurrentIndex(max(0, self.theme.findData(appearance.theme)))
        closest = min(TEXT_SCALES, key=lambda s: abs(s - appearance.text_scale))
        self.text_size.setCurrentIndex(self.text_size.findData(closest))

    def chosen_language(self) -> str:
        return str(self.language.currentData() or current_locale())

    def chosen_appearance(self) -> Appearance:
        return Appearance(str(self.theme.currentData() or "system"),
                          float(self.text_size.currentData() or 1.0))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Settings"))
        self._intro.setText(_("Changes apply at once and are remembered."))
        for label, text in zip(self._labels, (_("Language"), _("Theme"), _("Text size")),
                               strict=True):
            label.setText(text)
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
