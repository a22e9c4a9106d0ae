"""Kiosk mode for community centres: a policy layer over the ordinary app window.

``start_kiosk(app, window, config, kiosk_asked=…)`` is called by ``desktop.launch.run``
when the app is started with ``--kiosk`` or ``--config FILE``, with the centre's config
already read and checked (one clear message if anything is wrong). It takes the
single-instance lock and turns the window into a locked, full-screen, self-resetting
touch screen.

Qt-free parts (config, PIN) live in their own modules so the command line can use them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import UserError
from desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from desktop.kiosk.config import KioskConfig
    from desktop.kiosk.session import KioskSession


def resolve_config(given: Path | None) -> KioskConfig:
    """The config named by ``--config``, else the default file if there is one; a kiosk
    without any config cannot start (it would have no admin PIN)."""
    from desktop.kiosk.config import config_places, find_config, load_config

    path = find_config(given)
    if path is not None:
        return load_config(path)
    path = config_places()[0]
    raise UserError(_("no centre configuration: copy resources/kiosk/centre.toml there (or "
                      "start with --config FILE) and set the admin PIN with "
                      "'migrant-directory kiosk set-pin'"), path=path)


def check_can_start(config: KioskConfig, *, kiosk_asked: bool) -> None:
    """Refuse, before anything is built, a kiosk that nobody could leave."""
    kiosk = kiosk_asked or config.kiosk
    if kiosk and not config.pin_hash:
        # Translators: {path} is the path of the centre's configuration file, e.g.
        # /etc/migrant-directory/centre.toml; the same path is also shown before the message.
        # Keep the command in quotes as it is.
        raise UserError(_("key 'admin.pin_hash' is not set, so nobody could leave the kiosk: "
                          "run 'migrant-directory kiosk set-pin --config {path}'").format(
                              path=config.path), path=config.path)


def start_kiosk(app: QApplication, window: QMainWindow, config: KioskConfig, *,
                kiosk_asked: bool) -> KioskSession | None:
    """Apply the centre config; in kiosk mode lock the window down and show it.

    Returns the running session (None when the config says ``kiosk = false``: the app
    then runs as a desktop app with the centre's location, country and printer).
    Raises UserError, before anything is shown, for any problem in the config.
    """
    try:
        return _start(app, window, config, kiosk_asked)
    except UserError as error:
        _show_startup_error(error.display_text())
        # The caller's clean-up runs only once the event loop has run; stop the window's
        # background work here so the app can exit cleanly with the message.
        shutdown = getattr(window, "shutdown", None)
        if callable(shutdown):
            shutdown()
        raise


def _start(app: QApplication, window: QMainWindow, config: KioskConfig,
           kiosk_asked: bool) -> KioskSession | None:
    from desktop.kiosk.session import KioskSession, apply_centre_settings
    from desktop.kiosk.single_instance import acquire_single_instance

    if not (kiosk_asked or config.kiosk):
        apply_centre_settings(window, config)
        window.show()
        return None
    lock = acquire_single_instance()
    session = KioskSession(app, window, config, lock=lock)
    window.kiosk_session = session  # type: ignore[attr-defined]  # kept alive with the window
    session.start()
    return session


def _show_startup_error(message: str) -> None:
    """An unattended screen has no terminal: say it on the screen too."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return
    from desktop.ui.messages import show_message

    show_message(None, QMessageBox.Icon.Critical, _("The kiosk cannot start"), message)
