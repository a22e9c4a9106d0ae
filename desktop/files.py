"""Writing a file so that a crash or a power cut leaves either the old file or the new one,
never half of one: written beside it under a temporary name, flushed and synced to the
disk, then renamed over it (one atomic step on every file system the app runs on)."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, data: bytes | str, *,
                     check: Callable[[Path], object] | None = None) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8). ``check`` may read the
    temporary file and raise: then nothing is replaced. The file keeps its permissions."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial",
                                    dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        if check is not None:
            check(temporary)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
        _sync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# What a folder on a read-only disk, or one the user may not write, answers.
NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)


def folder_is_writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder`` (asked by trying: permission bits say
    nothing of a read-only disk, and nothing at all to an administrator)."""
    try:
        handle, name = tempfile.mkstemp(prefix=".write-test-", dir=folder)
    except FileNotFoundError:
        return folder_is_writable(folder.parent) if folder.parent != folder else False
    except OSError as error:
        if error.errno in NOT_WRITABLE:
            return False
        raise
    os.close(handle)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True
