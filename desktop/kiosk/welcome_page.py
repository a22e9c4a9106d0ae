"""The first screen each visitor sees: "Which language do you read?" and a big button for
each language the centre offers, in that language's own name and script."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, language
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.i18n.runtime import load_translations

QUESTION = "Which language do you read?"
BUTTON_MIN_HEIGHT = 96


def question_in(locale: str) -> str | None:
    """The question in ``locale``'s own words, or None when its catalog lacks it (an
    English line on a Tigrinya button would say nothing to its reader)."""
    if locale.startswith("en"):
        return QUESTION
    translated = load_translations(locale).gettext(QUESTION)
    return translated if translated != QUESTION else None


class LanguageButton(QPushButton):
    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        info = language(code)
        self.setObjectName(f"language-{code}")
        self.setMinimumHeight(BUTTON_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Each button speaks its own language, whatever the screen's language is.
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if info.is_rtl
                                else Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self.name = QLabel(info.native_name, self)
        self.name.setObjectName("languageName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        layout.addWidget(self.name)
        self.setAccessibleName(f"{info.native_name} ({info.english_name})")
        for label in self.findChildren(QLabel):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


class WelcomePage(RetranslatedOnLanguageChange, QWidget):
    language_chosen = Signal(str)

    def __init__(self, languages: tuple[str, ...], centre_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskWelcome")
        self.languages = languages
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(24)
        self.centre = QLabel(centre_name, self)
        self.centre.setObjectName("welcomeCentre")
        self.centre.setTextFormat(Qt.TextFormat.PlainText)
        self.centre.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The kiosk bar already shows the centre's name; the page shows it only when it
        # is used on its own.
        self.centre.setVisible(bool(centre_name))
        self.title = QLabel(self)
        self.title.setObjectName("welcomeTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 2.0)
        title_font.setBold(True)
        self.title.setFont(title_font)
        # The question in the other offered languages, one per line, each in its own
        # direction (a mixed-direction sentence would come out scrambled).
        self.others = QWidget(self)
        others_layout = QVBoxLayout(self.others)
        others_layout.setContentsMargins(0, 0, 0, 0)
        others_layout.setSpacing(2)
        self._other_labels: list[QLabel] = []
        grid = QGridLayout()
        grid.setSpacing(16)
        columns = 2 if len(languages) <= 6 else 3 if len(languages) <= 12 else 4
        self.buttons: dict[str, LanguageButton] = {}
        for index, code in enumerate(languages):
            button = LanguageButton(code, self)
            button.clicked.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            self.buttons[code] = button
            grid.addWidget(button, index // columns, index % columns)
        outer.addWidget(self.centre)
        outer.addWidget(self.title)
        outer.addWidget(self.others)
        outer.addLayout(grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        current = _("Which language do you read?")  # == QUESTION, literal for extraction
        self.title.setText(current)
        for label in self._other_labels:
            label.deleteLater()
        self._other_labels = []
        layout = self.others.layout()
        seen = {current}
        for code in self.languages:
            text = question_in(code)
            if not text or text in seen:
                continue
            seen.add(text)
            label = QLabel(text, self.others)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setLayoutDirection(Qt.LayoutDirection.RightToLeft if language(code).is_rtl
                                     else Qt.LayoutDirection.LeftToRight)
            layout.addWidget(label)
            self._other_labels.append(label)

