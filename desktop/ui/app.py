"""Starting the desktop app: Qt application, fonts, theme, language, directory, window.

Order matters: fonts and Qt's own translations are in place before the first widget
exists, so nothing is ever drawn in the wrong script or direction.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import APP_ID, APP_NAME
from desktop.directory.database import Directory, open_active_directory
from desktop.errors import UserError
from desktop.i18n import system_locale
from desktop.i18n.qt import apply_language
from desktop.ui.settings_dialog import LANGUAGE_KEY, Appearance
from desktop.userdata import UserData


class FirstPaintQuitter(QObject):
    """Quit the app once ``window`` has painted its first frame (``--exit-after-startup``)."""

    def __init__(self, app: QApplication, window: QWidget) -> None:
        super().__init__(app)
        self._app = app
        self._window = window
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self._done and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget) and watched.window() is self._window):
            self._done = True
            # Let this paint pass finish and reach the screen, then leave. exit(), not
            # quit(): Qt 6's quit() first asks every window to close, and a kiosk refuses.
            QTimer.singleShot(0, lambda: self._app.exit(0))
        return False


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with names set for QStandardPaths and the window manager."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    from desktop.ui.theme import FUSION_ARGUMENTS, FUSION_PROPERTY

    app = QApplication([*(argv if argv is not None else sys.argv[:1]), *FUSION_ARGUMENTS])
    app.setProperty(FUSION_PROPERTY, True)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    return app


def prepare_application(app: QApplication, user_data: UserData, lang: str | None) -> str:
    """Fonts, theme, text size and language from the command line or saved settings."""
    from desktop.ui.fonts import load_bundled_fonts

    load_bundled_fonts()
    Appearance.load(user_data).apply(app)
    wanted = lang or user_data.get_setting(LANGUAGE_KEY) or system_locale()
    return apply_language(app, str(wanted))


def report_startup_error(error: UserError, show_dialog: bool, title: str) -> None:
    print(f"migrant-directory: {error}", file=sys.stderr)
    if show_dialog:
        from desktop.ui.messages import show_message

        show_message(None, QMessageBox.Icon.Critical, title, error.display_text())


def open_directory(asked: Path | None) -> tuple[Directory, UserError | None]:
    """The directory asked for on the command line, else the active one (see
    ``open_active_directory``), with what is wrong with an update passed over."""
    if asked:
        return Directory(asked), None
    return open_active_directory()
