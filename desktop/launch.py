"""One way in: the command line, read once into a ``Launch``, and ``run`` it.

``Launch`` says what was asked (which directory, which language, kiosk or desktop, with
which centre config, portable or not, leave after the first frame). ``run`` opens the
directory and the user data, builds the window through ``desktop.ui``, and, when asked,
hands it to the kiosk layer, which locks it down: ``ui`` never calls up into ``kiosk``.
"""

from __future__ import annotations

import argparse
import gc
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import _


@dataclass(frozen=True)
class Launch:
    directory: Path | None = None    # --directory FILE: this file, not the installed one
    language: str | None = None      # --lang
    kiosk: bool = False              # --kiosk
    config: Path | None = None       # --config FILE: the centre's configuration
    portable: bool = False           # --portable: user data beside the app
    exit_after_startup: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Launch:
        directory = getattr(args, "directory", None)
        config = getattr(args, "config", None)
        return cls(directory=Path(directory) if directory else None,
                   language=getattr(args, "lang", None),
                   kiosk=bool(getattr(args, "kiosk", False)),
                   config=Path(config) if config else None,
                   portable=bool(getattr(args, "portable", False)),
                   exit_after_startup=bool(getattr(args, "exit_after_startup", False)))

    @property
    def wants_centre_config(self) -> bool:
        return self.kiosk or self.config is not None


def run(launch: Launch) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import (
        FirstPaintQuitter,
        create_application,
        open_directory,
        prepare_application,
        report_startup_error,
    )
    from desktop.ui.context import AppContext
    from desktop.ui.settings_dialog import COUNTRY_KEY, saved_location
    from desktop.userdata import UserData

    app = create_application()
    interactive = (not launch.exit_after_startup
                   and QGuiApplication.platformName() != "offscreen")
    centre_config = None
    if launch.wants_centre_config:
        # The centre's config is read first, once: a kiosk never starts half-configured.
        from desktop.kiosk import check_can_start, resolve_config

        try:
            centre_config = resolve_config(launch.config)
            check_can_start(centre_config, kiosk_asked=launch.kiosk)
        except UserError as error:
            report_startup_error(error, interactive, _("The kiosk cannot start"))
            return error.exit_code
    kiosk = launch.kiosk or bool(centre_config and centre_config.kiosk)
    # A kiosk keeps nothing a visitor does: its settings live in memory only.
    user_data = UserData.in_memory() if kiosk else UserData.open()
    prepare_application(app, user_data, launch.language)
    try:
        directory, update_problem = open_directory(launch.directory)
    except UserError as error:
        report_startup_error(error, interactive, _("The directory cannot be opened"))
        user_data.close()
        return error.exit_code

    from desktop.ui.main_window import MainWindow

    context = AppContext(directory=directory, user_data=user_data, kiosk=kiosk)
    saved_country = user_data.get_setting(COUNTRY_KEY)
    if isinstance(saved_country, str) and saved_country:
        context.move_to(saved_country)
    place = saved_location(user_data)  # a kiosk's centre config sets its own, later
    if place is not None:
        context.location = (place["latitude"], place["longitude"])
        if place.get("country"):
            context.move_to(place["country"], place.get("city", ""))
    window = MainWindow(context)
    if centre_config is not None:
        from desktop.kiosk import start_kiosk  # the kiosk policy layer, only when asked

        try:
            start_kiosk(app, window, centre_config, kiosk_asked=launch.kiosk)
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
            # Translators: Shown in a warning dialog at start-up and on the command line.
            # {problem} is an error message that begins with the path of the update file, a
            # colon and what is wrong, e.g.
            # "/home/ana/.local/share/migrant-directory/directory/directory.db: is truncated:
            # ...".
            return _("The directory update installed on this computer cannot be used, so the "
                     "directory that came with the app is shown. Install the update again, or "
                     "a newer one. The problem: {problem}").format(problem=problem)

        print(f"migrant-directory: {update_notice(str(update_problem))}", file=sys.stderr)
        if interactive and centre_config is None:  # a kiosk never waits on a dialog
            from desktop.ui.messages import show_message

            notice = update_notice(update_problem.display_text())
            QTimer.singleShot(0, window, lambda: show_message(
                window, QMessageBox.Icon.Warning, _("Directory update not used"), notice))
    if user_data.read_only and user_data.path is not None:
        from desktop.ui.messages import read_only_notice

        notice = read_only_notice(user_data.path.parent)
        print(f"migrant-directory: {notice}", file=sys.stderr)
        if interactive and centre_config is None:
            from desktop.ui.messages import show_message

            QTimer.singleShot(0, window, lambda: show_message(
                window, QMessageBox.Icon.Information, _("Favourites are off"), notice))
    if (interactive and centre_config is None and saved_country is None and place is None):
        # The first start on this computer: ask where the person is, once the window is up.
        QTimer.singleShot(0, window, window.ask_where)
    if launch.exit_after_startup:
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
