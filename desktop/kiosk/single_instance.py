"""One kiosk at a time: a second start (a double tap on a launcher, a restart racing the
old process) must not put two windows on the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QLockFile

from desktop import APP_ID
from desktop.errors import UserError
from desktop.i18n import _

# A lock in the temporary folder, not in user data: a kiosk writes nothing of its own
# there, and the OS clears the folder on reboot. Qt removes a stale lock left by a crash.
LOCK_NAME = f"{APP_ID}-kiosk.lock"


def lock_path() -> Path:
    return Path(QDir.tempPath()) / LOCK_NAME


def acquire_single_instance(path: Path | None = None, *, wait_ms: int = 5000) -> QLockFile:
    """Hold the kiosk lock for as long as the returned object lives.

    Waits a few seconds, so a restart after an update can start while the old process is
    still shutting down.
    """
    lock = QLockFile(str(path or lock_path()))
    lock.setStaleLockTime(0)  # only a lock whose process is gone is stale
    if not lock.tryLock(wait_ms):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise UserError(_("another kiosk is already running on this computer"),
                            path=lock.fileName())
        raise UserError(_("cannot create the kiosk lock file"), path=lock.fileName())
    return lock
