"""The subcommands of ``migrant-directory``, one module per group."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.directory.database import Directory


def chosen_directory(args: argparse.Namespace) -> Path | None:
    """The directory file named on the command line (``--directory FILE``, before or after
    the command, or its alias ``--db``), or None for the installed one."""
    for name in ("db", "directory"):
        value = getattr(args, name, None)
        if value:
            return Path(value)
    return None


def open_directory(args: argparse.Namespace) -> Directory:
    """The directory the command line names, or else the active one."""
    from desktop.directory.database import Directory

    named = chosen_directory(args)
    return Directory(named) if named is not None else open_directory_for_command()


def open_directory_for_command() -> Directory:
    """The directory a command works on when none is named: as in the app, an installed
    update that cannot be read is passed over for the one that came with the app, and the
    command says so on standard error."""
    from desktop.directory.database import open_active_directory
    from desktop.i18n import _

    directory, update_problem = open_active_directory()
    if update_problem is not None:
        # Translators: Printed on the command line. {problem} is an error message that begins
        # with the path of the update file, a colon and what is wrong, e.g.
        # "/home/ana/.local/share/migrant-directory/directory/directory.db: was made by a newer
        # version of the app ...".
        print("migrant-directory: " + _(
            "the installed directory update cannot be used ({problem}); using the directory "
            "that came with the app").format(problem=update_problem), file=sys.stderr)
    return directory
