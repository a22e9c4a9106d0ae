"""Where things live: the source tree, a PyInstaller bundle, and the user's own data.

This is the one module that knows the difference; everything else asks it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_ID

EMBEDDED_DIRECTORY_NAME = "directory.db"
USER_DATA_ENV = "MIGRANT_DIRECTORY_DATA"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def app_root() -> Path:
    """The folder that holds ``db/``, ``translations/`` and ``resources/``."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return app_root() / "resources"


def translations_dir() -> Path:
    return app_root() / "translations"


def db_dir() -> Path:
    return app_root() / "db"


def sources_dir() -> Path:
    return db_dir() / "sources"


def demo_sources_dir() -> Path:
    """Demonstration entries: never in the default directory (``db build --demo``)."""
    return db_dir() / "demo"


def embedded_directory() -> Path:
    """The default directory shipped with the app (a build output of ``db/sources``)."""
    return db_dir() / EMBEDDED_DIRECTORY_NAME


_portable = False


def set_portable(enabled: bool) -> None:
    """Keep user data next to the executable (for running from a USB stick)."""
    global _portable
    _portable = enabled


def user_data_dir() -> Path:
    """Favourites, settings, corrections and installed directory updates.

    Order: an explicit environment override (tests, admins), portable mode, then the
    platform's per-user data folder (the same place ``QStandardPaths.AppDataLocation``
    resolves to, computed here without Qt so the command line does not need it).
    """
    override = os.environ.get(USER_DATA_ENV)
    if override:
        return Path(override)
    if _portable:
        base = Path(sys.executable).parent if is_frozen() else app_root()
        return base / "user-data"
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_ID
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_ID
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / APP_ID


def installed_directory() -> Path:
    """A directory installed by an offline update; it takes precedence over the embedded one."""
    return user_data_dir() / "directory" / EMBEDDED_DIRECTORY_NAME


def active_directory() -> Path:
    installed = installed_directory()
    return installed if installed.exists() else embedded_directory()
