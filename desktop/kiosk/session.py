"""One kiosk: the policy layer that turns the app's main window into a public touch screen.

It wraps the window's own screens with the welcome page, the kiosk bar and the on-screen
keyboard; installs the lockdown; and forgets each visitor (idle countdown, quick exit).
The window itself is the ordinary desktop window, used through ``reset_session()``,
``set_language()``, ``show_home()`` and ``context``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QLockFile, QObject, QProcess, Qt, QTimer
from PySide6.QtGui import QClipboard, QFontInfo, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.i18n import current_locale, is_rtl, set_language
from desktop.kiosk.admin import AdminPanel, PinDialog, TapGesture
from desktop.kiosk.chrome import KIOSK_STYLE, MIN_TEXT_PX, CountdownOverlay, KioskBar
from desktop.kiosk.config import KioskConfig
from desktop.kiosk.idle import IdleMonitor
from desktop.kiosk.keyboard import OnScreenKeyboard, layout_for_language
from desktop.kiosk.lockdown import Lockdown
from desktop.kiosk.pin import PinGate
from desktop.kiosk.welcome_page import WelcomePage
from desktop.ui.page_stack import CurrentPageStack


def apply_centre_settings(window: QMainWindow, config: KioskConfig) -> None:
    """Where the centre is, its country and host language, its printer."""
    context = window.context  # type: ignore[attr-defined]
    context.location = config.location
    context.country = config.country
    context.host_locale = config.host_language
    context.printer_enabled = config.printer
    home = getattr(window, "home", None)
    if home is not None and hasattr(home, "update_emergency_summary"):
        home.update_emergency_summary()


# How much larger the visitor's "A+" makes the kiosk's text.
LARGER_TEXT = 1.3


def kiosk_text_scale(app: QApplication) -> float:
    """The text scale that makes the app's base font at least 18 px tall."""
    pixels = QFontInfo(app.font()).pixelSize() or 13
    return min(2.0, max(1.0, MIN_TEXT_PX / pixels))


class _TouchToType(QObject):
    """Touching a text field brings up the on-screen keyboard (focus alone does not: the
    home screen focuses its search field, and the keyboard would hide the categories)."""

    def __init__(self, session: KioskSession) -> None:
        super().__init__(session)
        self._session = session

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
                and isinstance(watched, QLineEdit) and not watched.isReadOnly()
                and watched.window() is self._session.window
                and watched.echoMode() == QLineEdit.EchoMode.Normal):
            self._session.show_keyboard(watched)
        return False


class _NoTextSelection(QObject):
    """On a public screen nothing is selected with the mouse: what a visitor selects would
    wait in the X primary selection for the next visitor's middle click."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QLabel):
            flags = watched.textInteractionFlags()
            if flags & Qt.TextInteractionFlag.TextSelectableByMouse:
                watched.setTextInteractionFlags(
                    flags & ~Qt.TextInteractionFlag.TextSelectableByMouse)
        return False


class _StayFullScreen(QObject):
    """A window manager's Iconify (Alt+Space) or any other state change must not hide the
    kiosk: it returns to full screen at once."""

    def __init__(self, session: KioskSession) -> None:
        super().__init__(session)
        self._session = session

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self._session.window
        if (event.type() == QEvent.Type.WindowStateChange and watched is window
                and not self._session.lockdown.exit_allowed
                and not window.isFullScreen()):
            QTimer.singleShot(0, window, window.showFullScreen)
        return False


class KioskSession(QObject):
    def __init__(self, app: QApplication, window: QMainWindow, config: KioskConfig, *,
                 clock: Callable[[], float] = time.monotonic,
                 lock: QLockFile | None = None) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.config = config
        self.lock = lock
        self.clock = clock
        self.context = window.context  # type: ignore[attr-defined]
        self.context.kiosk = True
        apply_centre_settings(window, config)
        # Touch-sized text before the kiosk's own widgets exist: fonts they derive from
        # the app font (welcome buttons, titles) are then sized from the kiosk's.
        self._larger_text = False
        self._apply_style()
        self.gate = PinGate(config.pin_hash, clock=clock)
        self.lockdown = Lockdown(app, self)
        self.idle = IdleMonitor(config.idle_timeout, config.countdown, clock=clock,
                                parent=self)
        self._build_chrome()
        self.gesture = TapGesture(self.bar.corner, clock=clock, parent=self)
        self.gesture.triggered.connect(self.open_admin)
        self._touch_to_type = _TouchToType(self)
        self._stay_full_screen = _StayFullScreen(self)
        self._no_text_selection = _NoTextSelection(self)
        self.pin_dialog: PinDialog | None = None
        # The visitor's language while the staff's is spoken in the admin dialogs.
        self._visitor_language: str | None = None
        self.admin_panel: AdminPanel | None = None
        self.update_folder = None
        if config.update_folder is not None and config.update_public_key is not None:
            from desktop.kiosk.update_folder import UpdateFolder

            self.update_folder = UpdateFolder(config.update_folder, config.update_public_key)

    # -- building -------------------------------------------------------------------------
    def _build_chrome(self) -> None:
        window = self.window
        app_screens = window.takeCentralWidget()
        self.welcome = WelcomePage(self.config.languages)
        self.welcome.language_chosen.connect(self.choose_language)
        self.stack = CurrentPageStack()
        self.stack.setObjectName("kioskStack")
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(app_screens)
        self.app_screens = app_screens
        self.bar = KioskBar(self.config.centre_name)
        self.bar.language_requested.connect(self.show_welcome)
        self.bar.keyboard_requested.connect(self.toggle_keyboard)
        self.bar.quick_exit_requested.connect(self.reset)
        self.bar.larger_text_toggled.connect(self.set_larger_text)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.hide_requested.connect(self.keyboard.hide)
        self.keyboard.hide()
        shell = QWidget()
        shell.setObjectName("kioskShell")
        layout = QVBoxLayout(shell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.keyboard)
        window.setCentralWidget(shell)
        self.countdown = CountdownOverlay(window)
        self.countdown.still_here.connect(self.idle.poke)
        # One header row: the kiosk's bar takes Back, the search field and Favourites
        # from the desktop's bar, and the rest of that bar (title, language list,
        # settings, "About the data") is not for a shared screen.
        top_bar = getattr(window, "top_bar", None)
        if top_bar is not None:
            self.bar.adopt(top_bar.back, top_bar.search, top_bar.favourites)
            top_bar.hide()
        window.language_changed.connect(self._language_changed)  # type: ignore[attr-defined]

    def _apply_style(self, larger: bool = False) -> None:
        from desktop.ui.theme import apply_theme

        # Measure the theme's text at 100 %, then scale it up to at least 18 px (and a
        # third more when the visitor asks for larger text).
        apply_theme(self.app, "light", 1.0)
        scale = kiosk_text_scale(self.app) * (LARGER_TEXT if larger else 1.0)
        apply_theme(self.app, "light", scale)
        self.app.setStyleSheet(self.app.styleSheet() + KIOSK_STYLE)

    def set_larger_text(self, larger: bool) -> None:
        if larger != self._larger_text:
            self._larger_text = larger
            self._apply_style(larger)
        if self.bar.larger_text.isChecked() != larger:
            self.bar.larger_text.blockSignals(True)
            self.bar.larger_text.setChecked(larger)
            self.bar.larger_text.blockSignals(False)

    def start(self) -> None:
        app, window = self.app, self.window
        window.setWindowFlags(window.windowFlags() | Qt.WindowType.FramelessWindowHint)
        window.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        window.setAcceptDrops(False)
        # The fields' own clear buttons are 18 px, too small for a finger: the keyboard
        # has a Clear key instead.
        for field in window.findChildren(QLineEdit):
            field.setClearButtonEnabled(False)
        self.lockdown.install()
        app.installEventFilter(self.idle)
        app.installEventFilter(self._touch_to_type)
        app.installEventFilter(self._no_text_selection)
        self.idle.countdown.connect(self.countdown.show_seconds)
        self.idle.resumed.connect(self.countdown.hide)
        self.idle.expired.connect(self.reset)
        self.reset()
        window.showFullScreen()
        window.installEventFilter(self._stay_full_screen)
        self.idle.start()

    def stop(self) -> None:
        """Undo ``start`` without quitting: the lockdown, the idle timer and the event
        filters go, so the window can be drawn at any size, closed and deleted (screenshots,
        tests; a real kiosk ends with the app)."""
        self.lockdown.allow_exit()
        self.idle.stop()
        for event_filter in (self.idle, self._touch_to_type, self._no_text_selection):
            self.app.removeEventFilter(event_filter)
        self.window.removeEventFilter(self._stay_full_screen)

    # -- visitor flow ---------------------------------------------------------------------
    def choose_language(self, code: str) -> None:
        self.window.set_language(code)  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(self.app_screens)
        self.bar.set_visitor_controls_visible(True)
        self.window.show_home()  # type: ignore[attr-defined]

    def show_welcome(self) -> None:
        self.keyboard.hide()
        self.stack.setCurrentWidget(self.welcome)
        self.bar.set_visitor_controls_visible(False)
        top_bar = getattr(self.window, "top_bar", None)
        if top_bar is not None:
            top_bar.back.hide()
            top_bar.search.hide()

    def on_welcome(self) -> bool:
        return self.stack.currentWidget() is self.welcome

    def show_keyboard(self, target: QLineEdit | None = None) -> None:
        if target is not None:
            self.keyboard.set_target(target)
        self.keyboard.set_layout(layout_for_language(current_locale()))
        self.keyboard.show()

    def toggle_keyboard(self) -> None:
        if self.keyboard.isVisible():
            self.keyboard.hide()
            return
        self.window.focus_search()  # type: ignore[attr-defined]
        self.show_keyboard()

    def _language_changed(self, locale: str) -> None:
        self.keyboard.set_layout(layout_for_language(locale))

    def reset(self) -> None:
        """Forget the visitor: screens, dialogs, search, filters, favourites, language."""
        self.countdown.hide()
        self.keyboard.hide()
        self.keyboard.set_target(None)
        self.window.reset_session()  # type: ignore[attr-defined]
        for dialog in (self.pin_dialog, self.admin_panel):
            if dialog is not None and dialog.isVisible():
                dialog.reject()
        if current_locale() != self.config.default_language:
            self.window.set_language(self.config.default_language)  # type: ignore[attr-defined]
        self.set_larger_text(False)
        self.context.user_data.clear()
        # Nothing the visitor copied or selected is left for the next one to paste.
        clipboard = QGuiApplication.clipboard()
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self.show_welcome()
        self.install_from_update_folder()

    def install_from_update_folder(self) -> bool:
        """Between two visitors: install a signed directory that appeared in the centre's
        update folder, then serve it. True when one was installed."""
        if self.update_folder is None:
            return False
        outcomes = self.update_folder.install_new()
        if any(outcome.installed for outcome in outcomes):
            self.reload_directory()
            return True
        return False

    # -- admin ----------------------------------------------------------------------------
    def open_admin(self) -> PinDialog:
        # The staff read the PIN pad and the panel in the centre's admin language; the
        # visitor's screens behind them keep theirs, and get it back when they close.
        self._speak_staff_language()
        dialog = PinDialog(self.gate, self.window)  # a keypad: left to right in any language
        dialog.accepted.connect(self.open_admin_panel)
        dialog.rejected.connect(self._speak_visitor_language)
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def open_admin_panel(self) -> AdminPanel:
        self._speak_staff_language()
        panel = AdminPanel(self.config.update_public_key, self.window,
                           update_folder=self.update_folder)
        self._in_staff_direction(panel)
        panel.exit_requested.connect(self.exit_kiosk)
        panel.directory_changed.connect(self.reload_directory)
        panel.finished.connect(lambda _result: self._speak_visitor_language())
        self.admin_panel = panel
        panel.open()
        return panel

    def _speak_staff_language(self) -> None:
        if self._visitor_language is None:
            self._visitor_language = current_locale()
        set_language(self.config.staff_language)

    def _speak_visitor_language(self) -> None:
        if self._visitor_language is not None:
            set_language(self._visitor_language)
            self._visitor_language = None

    def _in_staff_direction(self, dialog: QWidget) -> None:
        rtl = is_rtl(self.config.staff_language)
        dialog.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                  else Qt.LayoutDirection.LeftToRight)

    def exit_kiosk(self) -> None:
        self.idle.stop()
        self.lockdown.allow_exit()
        if self.admin_panel is not None:
            self.admin_panel.accept()
        self.app.quit()

    def reload_directory(self) -> None:
        """Serve the newly installed directory by starting the app again (it opens on the
        welcome screen, with the new file)."""
        arguments = sys.argv[1:] if paths.is_frozen() else sys.argv
        QProcess.startDetached(sys.executable, arguments)
        self.exit_kiosk()
