"""The kiosk's walls: an application-wide event filter that refuses every way out.

Refused: closing windows (Alt+F4, the window manager's close), Escape, Ctrl+Q, Ctrl+W and
other quit/close/print/open shortcuts, context menus, drag and drop, opening links in a
browser or file manager (``QDesktopServices``), file dialogs and the settings dialog.

Qt cannot block what the operating system handles before it (Ctrl+Alt+Del, Alt+Tab,
switching virtual terminals); docs/kiosk.md explains OS-level lockdown for those.
Refusals are counted by kind so tests and the admin panel can see them.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

# Every scheme a link could open outside the app.
URL_SCHEMES = ("http", "https", "file", "mailto", "tel", "ftp", "geo", "sms")
# Widgets (or their parents) marked with this property are never shown in kiosk mode;
# the UI marks its settings dialog with it.
FORBIDDEN_PROPERTY = "kioskForbidden"
FORBIDDEN_CLASS_NAMES = frozenset({"SettingsDialog", "QFileDialog", "QPrintDialog",
                                   "QPageSetupDialog", "QColorDialog", "QFontDialog"})

_BLOCKED_KEYS = frozenset({Qt.Key.Key_Escape, Qt.Key.Key_Close, Qt.Key.Key_Exit,
                           Qt.Key.Key_Launch0, Qt.Key.Key_Explorer, Qt.Key.Key_WWW,
                           Qt.Key.Key_OpenUrl, Qt.Key.Key_HomePage, Qt.Key.Key_Search})
# With Ctrl (Cmd on macOS): quit, close, close window, print, open, save, preferences.
_BLOCKED_COMMAND_KEYS = frozenset({Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_F4, Qt.Key.Key_P,
                                   Qt.Key.Key_O, Qt.Key.Key_S, Qt.Key.Key_Comma})
_BLOCKED_SEQUENCES = (
    QKeySequence.StandardKey.Quit, QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Print, QKeySequence.StandardKey.Open,
    QKeySequence.StandardKey.Save, QKeySequence.StandardKey.SaveAs,
    QKeySequence.StandardKey.Preferences, QKeySequence.StandardKey.New,
    QKeySequence.StandardKey.FullScreen, QKeySequence.StandardKey.HelpContents,
)
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def is_blocked_key(event: QKeyEvent) -> bool:
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    if key in _BLOCKED_KEYS:
        return True
    if key == Qt.Key.Key_F4 and modifiers & Qt.KeyboardModifier.AltModifier:
        return True
    command = modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
    if command and key in _BLOCKED_COMMAND_KEYS:
        return True
    combined = event.keyCombination().toCombined()
    return any(QKeySequence(combined).matches(QKeySequence(seq)) ==
               QKeySequence.SequenceMatch.ExactMatch
               for standard in _BLOCKED_SEQUENCES for seq in QKeySequence.keyBindings(standard))


def is_forbidden_widget(widget: QObject) -> bool:
    if not isinstance(widget, QWidget):
        return False
    if isinstance(widget, QFileDialog) or widget.property(FORBIDDEN_PROPERTY):
        return True
    return widget.metaObject().className() in FORBIDDEN_CLASS_NAMES or \
        type(widget).__name__ in FORBIDDEN_CLASS_NAMES


class Lockdown(QObject):
    """Install on the QApplication with ``install()``; ``allow_exit()`` lets the admin out."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._exit_allowed = False
        self.refused: Counter[str] = Counter()
        self._installed = False

    # -- install / remove -----------------------------------------------------------------
    def install(self) -> None:
        if self._installed:
            return
        self._app.installEventFilter(self)
        for scheme in URL_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self, "refuse_url")
        self._app.setQuitOnLastWindowClosed(False)
        self._installed = True

    def uninstall(self) -> None:
        if not self._installed:
            return
        self._app.removeEventFilter(self)
        for scheme in URL_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
        self._app.setQuitOnLastWindowClosed(True)
        self._installed = False

    def allow_exit(self) -> None:
        """After the admin PIN: let the window close and the app quit."""
        self._exit_allowed = True
        self.uninstall()

    @property
    def exit_allowed(self) -> bool:
        return self._exit_allowed

    # -- refusals ---------------------------------------------------------------------------
    @Slot(QUrl)
    def refuse_url(self, url: QUrl) -> None:
        """Called by QDesktopServices.openUrl instead of the browser or file manager."""
        self.refused["url"] += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._exit_allowed:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close and isinstance(watched, QWidget) and watched.isWindow():
            if isinstance(watched, QDialog):
                return False  # dialogs may close (and forbidden ones are shut this way)
            event.ignore()
            self.refused["close"] += 1
            return True
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent) and is_blocked_key(event):
            if kind == QEvent.Type.ShortcutOverride:
                # Accepting the override stops a QShortcut/QAction from firing; the key
                # press that follows is swallowed below.
                event.accept()
            elif kind == QEvent.Type.KeyPress:
                self.refused["key"] += 1
            return True
        if kind == QEvent.Type.ContextMenu:
            event.accept()
            self.refused["context_menu"] += 1
            return True
        if kind in _DRAG_EVENTS:
            event.ignore()
            if kind == QEvent.Type.Drop:
                self.refused["drop"] += 1
            return True
        if kind == QEvent.Type.Show and is_forbidden_widget(watched) and \
                isinstance(watched, QWidget):
            self.refused["dialog"] += 1
            # Hiding inside the show event is undone by Qt; shut it right after, and keep
            # it invisible for that instant.
            watched.setWindowOpacity(0.0)
            QTimer.singleShot(0, watched, lambda w=watched: _shut(w))
        return False


def _shut(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.hide()
