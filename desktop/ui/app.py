"""Starting the desktop app: Qt application, fonts, theme, language, directory, window.

Order matters: fonts and Qt's own translations are in place before the first widget
exists, so nothing is ever drawn in the wrong script or direction.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import APP_ID, APP_NAME
from desktop.directory.database import Directory, open_active_directory
from desktop.errors import UserError
from desktop.i18n import _, system_locale
from desktop.i18n.qt import apply_language
from desktop.ui.context import AppContext
from desktop.ui.settings_dialog import LANGUAGE_KEY, Appearance, saved_location
from desktop.userdata import UserData

COUNTRY_KEY = "country"


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


def _report_startup_error(error: UserError, show_dialog: bool, title: str) -> None:
    print(f"migrant-directory: {error}", file=sys.stderr)
    if show_dialog:
        from desktop.ui.messages import show_message

        show_message(None, QMessageBox.Icon.Critical, title, error.display_text())


def open_directory(asked: str | None) -> tuple[Directory, UserError | None]:
    """The directory asked for on the command line, else the active one (see
    ``open_active_directory``), with what is wrong with an update passed over."""
    if asked:
        return Directory(Path(asked)), None
    return open_active_directory()


def run_app(args: argparse.Namespace) -> int:
    app = create_application()
    exit_after_startup = bool(getattr(args, "exit_after_startup", False))
    interactive = not exit_after_startup and QGuiApplication.platformName() != "offscreen"
    centre_config = None
    if getattr(args, "kiosk", False) or getattr(args, "config", None):
        # The centre's config is read first: a kiosk never starts half-configured.
        from desktop.kiosk import check_can_start, resolve_config

        try:
            centre_config = resolve_config(args)
            check_can_start(centre_config, args)
        except UserError as error:
            _report_startup_error(error, interactive, _("The kiosk cannot start"))
            return error.exit_code
    kiosk = bool(getattr(args, "kiosk", False) or (centre_config and centre_config.kiosk))
    # A kiosk keeps nothing a visitor does: its settings live in memory only.
    user_data = UserData.in_memory() if kiosk else UserData.open()
    prepare_application(app, user_data, getattr(args, "lang", None))
    try:
        directory, update_problem = open_directory(getattr(args, "directory", None))
    except UserError as error:
        _report_startup_error(error, interactive, _("The directory cannot be opened"))
        user_data.close()
        return error.exit_code

    from desktop.ui.main_window import MainWindow

    context = AppContext(directory=directory, user_data=user_data, kiosk=kiosk)
    saved_country = user_data.get_setting(COUNTRY_KEY)
    if isinstance(saved_country, str) and saved_country:
        context.country = saved_country
    place = saved_location(user_data)  # a kiosk's centre config sets its own, later
    if place is not None:
        context.location = (place["latitude"], place["longitude"])
    window = MainWindow(context)
    if centre_config is not None:
        from desktop.kiosk import start_kiosk  # the kiosk policy layer, only when asked

        try:
            start_kiosk(app, window, args, centre_config)
        except UserError as error:  # e.g. another kiosk already runs on this machine
            print(f"migrant-directory: {error}", file=sys.stderr)
            window.close()
            window.deleteLater()
            directory.close()
            user_data.close()
            return error.exit_code
    else:
        window.show()
    if update_problem is not None:
        def update_notice(problem: str) -> str:
            return _("The directory update installed on this computer cannot be used, so the "
                     "directory that came with the app is shown. Install the update again, or "
                     "a newer one. The problem: {problem}").format(problem=problem)

        print(f"migrant-directory: {update_notice(str(update_problem))}", file=sys.stderr)
        if interactive and centre_config is None:  # a kiosk never waits on a dialog
            from desktop.ui.messages import show_message

            notice = update_notice(update_problem.display_text())
            QTimer.singleShot(0, window, lambda: show_message(
                window, QMessageBox.Icon.Warning, _("Directory update not used"), notice))
    if exit_after_startup:
        app.installEventFilter(FirstPaintQuitter(app, window))
    app.aboutToQuit.connect(window.shutdown)
    # What start-up made (modules, CLDR data, the window) lives as long as the app: the
    # cyclic collector need not walk it again at every full collection while someone
    # types, nor once more at exit.
    gc.freeze()
    try:
        return app.exec()
    finally:
        window.shutdown()
        directory.close()
        user_data.close()
