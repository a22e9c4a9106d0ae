"""What the kiosk adds around the app's own screens: a bar with the centre's name (the
hidden admin corner), "Language", "Keyboard" and "Quick exit"; the idle countdown; and a
style sheet with touch-sized targets and larger text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.icons import icon

MIN_TOUCH = 48
MIN_TEXT_PX = 18
# On-screen keys may be narrower than other buttons (a row holds twelve), never under 44 px.
MIN_KEY = 44
# Appended to the theme's style sheet: every control a finger can reach is at least
# 48 px tall, and text starts at 18 px (fonts set in code scale from the app font).
KIOSK_STYLE = f"""
QPushButton, QToolButton, QComboBox, QLineEdit, QCheckBox, QRadioButton {{
    min-height: {MIN_TOUCH}px;
}}
QPushButton, QToolButton {{ min-width: {MIN_TOUCH}px; padding: 6px 14px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 28px; height: 28px; }}
QScrollBar:vertical {{ width: 28px; }}
QScrollBar:horizontal {{ height: 28px; }}
QListView::item, QListWidget::item, QTreeView::item {{ min-height: {MIN_TOUCH}px; }}
#kioskBar {{ border-bottom: 1px solid palette(mid); }}
#quickExit {{ font-weight: bold; }}
#kioskCountdown {{ background: rgba(0, 0, 0, 150); }}
#kioskCountdownCard {{ background: palette(window); border-radius: 16px; }}
QPushButton[kioskKey="true"] {{ min-width: {MIN_KEY}px; padding: 0px 4px; }}
"""


class KioskBar(RetranslatedOnLanguageChange, QFrame):
    language_requested = Signal()
    keyboard_requested = Signal()
    quick_exit_requested = Signal()
    larger_text_toggled = Signal(bool)

    def __init__(self, centre_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskBar")
        self._centre_name = centre_name
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        # The centre's name sits in the leading corner; five taps on it open the admin
        # PIN pad. It looks like (and is) a plain label to everyone else.
        self.corner = QLabel(self)
        self.corner.setObjectName("kioskCorner")
        self.corner.setTextFormat(Qt.TextFormat.PlainText)
        self.corner.setMinimumSize(120, MIN_TOUCH)
        font = QFont(self.corner.font())
        font.setBold(True)
        self.corner.setFont(font)
        self.language = QPushButton(self)
        self.language.setObjectName("kioskLanguage")
        self.language.clicked.connect(self.language_requested)
        self.keyboard = QPushButton(self)
        self.keyboard.setObjectName("kioskKeyboard")
        self.keyboard.clicked.connect(self.keyboard_requested)
        # For a visitor who reads small text with difficulty; the next visitor starts at
        # the usual size.
        self.larger_text = QPushButton(self)
        self.larger_text.setObjectName("kioskLargerText")
        self.larger_text.setCheckable(True)
        self.larger_text.toggled.connect(self.larger_text_toggled)
        self.quick_exit = QPushButton(self)
        self.quick_exit.setObjectName("quickExit")
        self.quick_exit.clicked.connect(self.quick_exit_requested)
        for button in (self.language, self.larger_text, self.keyboard, self.quick_exit):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language.setIcon(icon("language"))
        self.language.setIconSize(QSize(28, 28))
        layout.addWidget(self.corner)
        layout.addStretch(1)
        layout.addWidget(self.language)
        layout.addWidget(self.larger_text)
        layout.addWidget(self.keyboard)
        layout.addWidget(self.quick_exit)
        self._visitor_controls: tuple[QWidget, ...] = (self.keyboard,)
        self.retranslate()

    def adopt(self, back: QWidget, search: QWidget, favourites: QWidget) -> None:
        """Take the app's Back, search field and Favourites into this row: a kiosk has
        one header row (the desktop's bar, its title and "About the data" are not for
        visitors)."""
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(1, back)
        layout.insertWidget(2, search, 3)
        layout.insertWidget(3, favourites)
        self._visitor_controls = (favourites, self.keyboard)

    def set_visitor_controls_visible(self, visible: bool) -> None:
        """Favourites and the keyboard key are for the app's screens, not the welcome
        screen (where the language buttons are everything)."""
        for widget in self._visitor_controls:
            widget.setVisible(visible)

    def retranslate(self) -> None:
        self.corner.setText(self._centre_name or _("Migrant Community Directory"))
        # "Language" is written in the current language and has an icon, so someone
        # stranded in a language they cannot read still finds the way back.
        self.language.setText(_("Language"))
        self.language.setAccessibleName(_("Choose another language"))
        # "A" with a plus: understood without reading; the words are for screen readers.
        # Isolated left to right: in Arabic the bidi algorithm would draw "+A".
        self.larger_text.setText("\u2066A+\u2069")
        self.larger_text.setAccessibleName(_("Larger text"))
        self.larger_text.setToolTip(_("Larger text"))
        self.keyboard.setText("⌨ " + _("Keyboard"))
        self.keyboard.setAccessibleName(_("Show or hide the on-screen keyboard"))
        self.quick_exit.setText("✕ " + _("Quick exit"))
        # Translators: what the kiosk's exit button does; the screen forgets, the visitor
        # is not told to forget.
        exit_name = _("Quick exit: the screen forgets everything and starts again")
        self.quick_exit.setAccessibleName(exit_name)


class CountdownOverlay(RetranslatedOnLanguageChange, QFrame):
    """Covers the window while the idle countdown runs; any touch keeps the session."""

    still_here = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskCountdown")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        card = QFrame(self)
        card.setObjectName("kioskCountdownCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        card.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.title = QLabel(card)
        self.title.setObjectName("countdownTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.seconds = QLabel(card)
        self.seconds.setObjectName("countdownSeconds")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds.setWordWrap(True)
        self.button = QPushButton(card)
        self.button.setObjectName("stillHere")
        self.button.setMinimumHeight(72)
        self.button.clicked.connect(self.still_here)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(40, 32, 40, 32)
        card_layout.setSpacing(20)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.seconds)
        card_layout.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self._left = 0
        parent.installEventFilter(self)
        self.hide()
        self.retranslate()

    def show_seconds(self, seconds: int) -> None:
        self._left = seconds
        # Translators: %(n)d is the number of seconds left before the kiosk screen resets for
        # the next visitor, e.g. 15 (counting down). Shown under "Are you still there?".
        self.seconds.setText(ngettext(
            "This screen will start over in %(n)d second, and forget what you looked at.",
            "This screen will start over in %(n)d seconds, and forget what you looked at.",
            seconds) % {"n": seconds})
        if not self.isVisible():
            self.setGeometry(self.parentWidget().rect())
            self.show()
            self.raise_()

    def retranslate(self) -> None:
        self.title.setText(_("Are you still there?"))
        self.button.setText(_("I am still here"))
        if self._left:
            self.show_seconds(self._left)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
