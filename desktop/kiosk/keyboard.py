"""An on-screen keyboard for a touch screen with no physical keyboard.

Latin, Arabic-script (Arabic plus the letters Persian and Pashto add) and Cyrillic (Russian
plus Ukrainian) layouts. Keys never take the focus, so the text goes to the line edit the
visitor last touched, as real key events: the field's own signals (search as you type)
fire as with a hardware keyboard.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.i18n.locales import base_language
from desktop.i18n.qt import RetranslatedOnLanguageChange

RIGHT_TO_LEFT_LAYOUTS = frozenset({"arabic"})

LAYOUTS: dict[str, tuple[str, ...]] = {
    "latin": (
        "1234567890",
        "qwertyuiop",
        "asdfghjkl",
        "zxcvbnm-'",
        "áàâãçéèêíñóôõúü",
    ),
    "arabic": (
        "ضصثقفغعهخحج",
        "شسيبلاتنمكط",
        "ئءؤرىةوزظدذ",
        "آأإپچژگکیې",
        "ټډړښږځڅګڼۍ",
    ),
    "cyrillic": (
        "йцукенгшщзхъ",
        "фывапролджэ",
        "ячсмитьбю",
        "іїєґёʼ-",
    ),
    # The consonants of the Ethiopic script as Tigrinya writes them: tapping one offers its
    # vowel forms (ä u i a e ə o, and wa), as Ethiopic touch keyboards do.
    "ethiopic": (
        "ሀለሐመረሰሸቀቐበ",
        "ቨተቸኀነኘአከኸወ",
        "ዐዘዠየደጀገጠጨጰ",
        "ጸፀፈፐ፡።፣",
    ),
}
# Punctuation on the Ethiopic layout is typed as it is; the rest offer their forms.
ETHIOPIC_PUNCTUATION = "፡።፣"
# Each layout's switch button shows a few of its own letters, so it is recognisable
# whatever language the screen is in.
LAYOUT_BUTTON_LABELS = {"latin": "ABC", "arabic": "أ ب ت", "cyrillic": "АБВ",
                        "ethiopic": "ሀ ለ ሐ"}
LAYOUT_FOR_LANGUAGE = {"ar": "arabic", "fa": "arabic", "ps": "arabic",
                       "ru": "cyrillic", "uk": "cyrillic", "ti": "ethiopic", "am": "ethiopic"}


def ethiopic_forms(consonant: str) -> list[str]:
    """The syllables of an Ethiopic consonant, in the script's own order (its row of the
    Unicode block: ä u i a e ə o, then the labialised wa where it exists)."""
    import unicodedata

    base = ord(consonant)
    return [chr(code) for code in range(base, base + 8)
            if unicodedata.category(chr(code)) == "Lo"]


# px: a touch target of 48 px, no taller, so that six rows of keys leave room for the
# results above them on a 768 px panel.
KEY_MIN_SIZE = 48


def layout_for_language(locale: str) -> str:
    return LAYOUT_FOR_LANGUAGE.get(base_language(locale), "latin")


class _Key(QPushButton):
    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        # The key must not steal the focus from the field being typed into.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoRepeat(False)
        self.setMinimumSize(KEY_MIN_SIZE, KEY_MIN_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setProperty("kioskKey", True)


class OnScreenKeyboard(RetranslatedOnLanguageChange, QWidget):
    """Types into ``target()``: the focused line edit or, failing that, the one set with
    ``set_target`` (the last one touched)."""

    hide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Keyboards keep their physical shape in right-to-left languages.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._target: QLineEdit | None = None
        self._layout_name = "latin"
        self._keys = QWidget(self)
        self._grid = QGridLayout(self._keys)
        self._grid.setSpacing(6)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._bottom = QHBoxLayout()
        self._switches: dict[str, _Key] = {}
        for name in LAYOUTS:
            button = _Key(LAYOUT_BUTTON_LABELS[name], self)
            button.setObjectName(f"keyboardLayout-{name}")
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, n=name: self.set_layout(n))
            self._switches[name] = button
            self._bottom.addWidget(button)
        self._space = _Key("", self)
        self._space.setObjectName("keyboardSpace")
        self._space.clicked.connect(lambda: self.type_text(" "))
        self._bottom.addWidget(self._space, 4)
        # A whole key for emptying the field: the field's own clear button is too small
        # for a finger (the kiosk turns it off).
        self._clear = _Key("", self)
        self._clear.setObjectName("keyboardClear")
        self._clear.clicked.connect(self.clear_field)
        self._bottom.addWidget(self._clear)
        self._backspace = _Key("⌫", self)
        self._backspace.setObjectName("keyboardBackspace")
        self._backspace.clicked.connect(self.backspace)
        self._bottom.addWidget(self._backspace)
        self._hide = _Key("", self)
        self._hide.setObjectName("keyboardHide")
        self._hide.clicked.connect(self.hide_requested)
        self._bottom.addWidget(self._hide)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addWidget(self._keys)
        outer.addLayout(self._bottom)
        self.set_layout("latin")
        self.retranslate()

    # -- target -----------------------------------------------------------------------------
    def set_target(self, line_edit: QLineEdit | None) -> None:
        self._target = line_edit

    def target(self) -> QLineEdit | None:
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit) and not focused.isReadOnly():
            return focused
        if self._target is not None and shiboken6.isValid(self._target):
            return self._target
        return None

    # -- layouts ----------------------------------------------------------------------------
    def layout_name(self) -> str:
        return self._layout_name

    def set_layout(self, name: str) -> None:
        if name not in LAYOUTS:
            raise ValueError(f"no keyboard layout {name!r}")
        if name == self._layout_name and self._grid.count():
            return
        self._layout_name = name
        # The key points at the letter it erases: to the right in right-to-left writing.
        self._backspace.setText("\u2326" if name in RIGHT_TO_LEFT_LAYOUTS else "\u232b")
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                # Hidden now: the deletion waits for the event loop, and the old keys
                # must not show through until then.
                item.widget().hide()
                item.widget().deleteLater()
        self._close_forms()
        for row, letters in enumerate(LAYOUTS[name]):
            for column, letter in enumerate(letters):
                key = _Key(letter, self._keys)
                key.setObjectName(f"key-{letter}")
                if name == "ethiopic" and letter not in ETHIOPIC_PUNCTUATION:
                    key.clicked.connect(lambda _checked=False, t=letter: self.show_forms(t))
                else:
                    key.clicked.connect(lambda _checked=False, t=letter: self.type_text(t))
                self._grid.addWidget(key, row, column)
        for switch_name, button in self._switches.items():
            button.setChecked(switch_name == name)

    def key_button(self, letter: str) -> QPushButton | None:
        return self._keys.findChild(QPushButton, f"key-{letter}")

    # -- Ethiopic vowel forms ---------------------------------------------------------------
    def show_forms(self, consonant: str) -> None:
        """A row of the consonant's syllables above the keys; one tap types one."""
        self._close_forms()
        self._forms = QWidget(self)
        self._forms.setObjectName("ethiopicForms")
        row = QHBoxLayout(self._forms)
        row.setContentsMargins(0, 0, 0, 0)
        for syllable in ethiopic_forms(consonant):
            key = _Key(syllable, self._forms)
            key.setObjectName(f"form-{syllable}")
            key.clicked.connect(lambda _checked=False, t=syllable: self._type_form(t))
            row.addWidget(key)
        self.layout().insertWidget(0, self._forms)
        self._forms.show()

    def form_button(self, syllable: str) -> QPushButton | None:
        forms = getattr(self, "_forms", None)
        return forms.findChild(QPushButton, f"form-{syllable}") if forms else None

    def _type_form(self, syllable: str) -> None:
        self.type_text(syllable)
        self._close_forms()

    def _close_forms(self) -> None:
        forms = getattr(self, "_forms", None)
        if forms is not None:
            forms.hide()
            forms.deleteLater()
            self._forms = None

    # -- typing -----------------------------------------------------------------------------
    def _send(self, key: Qt.Key, text: str) -> None:
        target = self.target()
        if target is None:
            return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     text))

    def type_text(self, text: str) -> None:
        for char in text:
            self._send(Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown, char)

    def backspace(self) -> None:
        self._send(Qt.Key.Key_Backspace, "")

    def clear_field(self) -> None:
        """Select everything and erase it, as a person would: the field reports an edit."""
        target = self.target()
        if target is None or not target.text():
            return
        target.selectAll()
        self._send(Qt.Key.Key_Backspace, "")

    def retranslate(self) -> None:
        self._space.setText(_("space"))
        self._space.setAccessibleName(_("Space"))
        self._backspace.setAccessibleName(_("Delete the last letter"))
        self._clear.setText(_("Clear"))
        self._clear.setAccessibleName(_("Clear the search"))
        self._hide.setText(_("Hide"))
        self._hide.setAccessibleName(_("Hide the keyboard"))
        for name, button in self._switches.items():
            button.setAccessibleName({"latin": _("Latin letters"),
                                      "arabic": _("Arabic letters"),
                                      "cyrillic": _("Cyrillic letters"),
                                      "ethiopic": _("Ethiopic letters")}[name])


class KeyboardFocusWatcher(QObject):
    """Shows the keyboard when a line edit gets the focus by touch, and points it there."""

    def __init__(self, keyboard: OnScreenKeyboard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keyboard = keyboard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit) and \
                not watched.isReadOnly() and watched.window() is self._keyboard.window():
            self._keyboard.set_target(watched)
            self._keyboard.show()
        return False
