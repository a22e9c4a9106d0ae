"""Directory updates from a folder another tool keeps in sync (Syncthing, a shared drive).

A coordinator publishes a signed directory (``update sign``) into a folder that every
centre's kiosk shares. At each idle reset the kiosk looks there: a file it has not seen
before is verified and installed by ``apply_update``, so it is whole or not at all. A file
that is unsigned, damaged or older than the directory in use is left where it is and
reported in the admin panel; it is looked at again only when it (or its signature)
changes, since a sync tool may bring the signature after the file. No Qt here.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from desktop import paths
from desktop.directory.update import HSDS_SUFFIXES, SIGNATURE_SUFFIX, apply_update
from desktop.errors import UserError
from desktop.files import write_atomically
from desktop.i18n import _

log = logging.getLogger(__name__)

UPDATE_SUFFIXES = (".db", *HSDS_SUFFIXES)
# Sync tools write into temporary names and rename when a file is complete.
_PARTIAL_PREFIXES = (".", "~")
_PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload")
REPORT_LIMIT = 20


@dataclass(frozen=True)
class FolderOutcome:
    name: str
    installed: bool
    reason: str
    when: str  # ISO date and time, local
    stamp: tuple[int, ...]  # the file's and its signature's size and time: seen before?

    def line(self) -> str:
        if self.installed:
            # Translators: {name} is the name of a directory update file, e.g. directory.db;
            # {when} is the date and time it was installed, always written 2025-03-14 09:30.
            # A line in the kiosk admin panel.
            return _("Installed from the update folder: {name} ({when})").format(
                name=self.name, when=self.when)
        # Translators: {name} is the name of a directory update file, e.g. directory.db;
        # {reason} is an error message, e.g. "is older than the directory in use (…)" or the
        # operating system's words in English. A line in the kiosk admin panel.
        return _("Not installed from the update folder: {name}: {reason}").format(
            name=self.name, reason=self.reason)


def state_path() -> Path:
    return paths.user_data_dir() / "kiosk" / "update-folder.json"


class UpdateFolder:
    """The update folder of one kiosk, with what it has already made of each file."""

    def __init__(self, folder: Path, public_key: Path, state: Path | None = None) -> None:
        self.folder = folder
        self.public_key = public_key
        self.state = state or state_path()

    # -- what was seen ---------------------------------------------------------------------
    def outcomes(self) -> list[FolderOutcome]:
        """Every file looked at, the latest first."""
        try:
            raw = json.loads(self.state.read_text(encoding="utf-8"))
            found = [FolderOutcome(name=str(item["name"]), installed=bool(item["installed"]),
                                   reason=str(item["reason"]), when=str(item["when"]),
                                   stamp=tuple(int(n) for n in item["stamp"]))
                     for item in raw]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, TypeError, KeyError) as error:
            # The kiosk's own record: at worst a file is looked at once more.
            log.warning("%s is unreadable (%s); starting a new record", self.state, error)
            return []
        return sorted(found, key=lambda o: o.when, reverse=True)

    def _record(self, earlier: list[FolderOutcome], outcomes: list[FolderOutcome]) -> None:
        kept = {o.name: o for o in reversed(earlier)}  # the latest of a name wins
        for outcome in outcomes:
            kept[outcome.name] = outcome
        latest = sorted(kept.values(), key=lambda o: o.when, reverse=True)[:REPORT_LIMIT]
        self.state.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.state, json.dumps(
            [asdict(o) for o in latest], ensure_ascii=False, indent=1).encode("utf-8"))

    # -- looking ---------------------------------------------------------------------------
    def new_files(self, earlier: list[FolderOutcome]) -> list[tuple[Path, tuple[int, ...]]]:
        """Update files not seen (in ``earlier``) in their present state, oldest first."""
        seen = {o.name: o.stamp for o in earlier}
        found = []
        try:
            children = list(self.folder.iterdir())
        except OSError as error:
            log.warning("update folder %s cannot be read: %s", self.folder, error)
            return []
        for path in children:
            name = path.name
            if (path.suffix.lower() not in UPDATE_SUFFIXES or name.startswith(_PARTIAL_PREFIXES)
                    or name.lower().endswith(_PARTIAL_SUFFIXES) or not path.is_file()):
                continue
            stamp = _stamp(path)
            if stamp and seen.get(name) != stamp:
                found.append((path, stamp))
        return sorted(found, key=lambda item: item[1][1])

    def install_new(self, now: datetime | None = None) -> list[FolderOutcome]:
        """Install what is new and sound; returns what was made of each new file."""
        when = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
        earlier = self.outcomes()
        outcomes = []
        for path, stamp in self.new_files(earlier):
            try:
                _refuse_older(path)
                apply_update(path, public_key=self.public_key)
            except UserError as error:
                outcomes.append(FolderOutcome(path.name, False, error.message, when, stamp))
            except OSError as error:
                outcomes.append(FolderOutcome(path.name, False, error.strerror or str(error),
                                              when, stamp))
            else:
                outcomes.append(FolderOutcome(path.name, True, "", when, stamp))
        if outcomes:
            self._record(earlier, outcomes)
        return outcomes


def _stamp(path: Path) -> tuple[int, ...]:
    """Size and modification time of the file and of its signature (0s when missing)."""
    try:
        info = path.stat()
    except OSError:
        return ()
    signature = path.with_name(path.name + SIGNATURE_SUFFIX)
    try:
        sig = signature.stat()
        sig_stamp = (sig.st_size, sig.st_mtime_ns)
    except OSError:
        sig_stamp = (0, 0)
    return (info.st_size, info.st_mtime_ns, *sig_stamp)


def _build_date(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute(
            "SELECT value FROM directory_meta WHERE key = 'build_date'").fetchone()
    except sqlite3.Error:
        return None  # apply_update says what is wrong with it
    finally:
        conn.close()
    return str(row[0]) if row and row[0] else None


def _refuse_older(path: Path) -> None:
    """A directory built before the one in use would undo a newer update: refused."""
    if path.suffix.lower() != ".db":
        return
    offered = _build_date(path)
    installed = paths.installed_directory()
    current = installed if installed.exists() else paths.embedded_directory()
    in_use = _build_date(current) if current.exists() else None
    if offered and in_use and offered < in_use:
        # Translators: {offered} and {in_use} are the dates and times the two directories
        # were built, always written like 2025-03-14T09:30:00+00:00. Shown after the name of
        # the update file in the kiosk admin panel.
        raise UserError(_("is older than the directory in use (built {offered}, the one "
                          "in use {in_use})").format(offered=offered, in_use=in_use),
                        path=path)
