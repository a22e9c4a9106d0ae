"""The ``migrant-directory`` command: the app itself, and tools for maintainers,
translators and centre admins.

Each group of subcommands lives in its own module under ``desktop.commands`` and is a
thin layer over functions that can be called and tested without the command line.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.errors import UserError

# Each command's module defines ``register(subparsers, parser)``. Only the module of the
# command being run is imported, so starting the app pays for none of them.
COMMANDS = {
    "db": "desktop.commands.db",
    "search": "desktop.commands.search",
    "i18n": "desktop.commands.i18n",
    "corrections": "desktop.commands.corrections",
    "kiosk": "desktop.commands.kiosk",
    "update": "desktop.commands.update",
    "screenshot": "desktop.commands.screenshot",
}
OPTIONS_WITH_VALUES = ("--directory", "--lang", "--config")


def requested_command(argv: Sequence[str]) -> str | None:
    """The command named on the command line, if any (skipping options' values)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in OPTIONS_WITH_VALUES:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(commands: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with the subcommands of ``commands`` (all of them by default)."""
    parser = argparse.ArgumentParser(
        prog="migrant-directory",
        description="Offline directory of diaspora groups, unions, native-language media "
        "and NGO services. Without a command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--directory", metavar="PATH",
                        help="open this directory database instead of the installed one")
    parser.add_argument("--lang", metavar="LOCALE", help="interface language for this run")
    parser.add_argument("--portable", action="store_true",
                        help="keep user data next to the program (for a USB stick)")
    parser.add_argument("--exit-after-startup", action="store_true",
                        help="quit as soon as the first frame is painted (for timing)")
    parser.add_argument("--kiosk", action="store_true",
                        help="start locked down for a public touch screen")
    parser.add_argument("--config", metavar="FILE",
                        help="centre configuration file (kiosk settings)")
    parser.add_argument("--self-test", action="store_true",
                        help="check that the installation works, print what was checked")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if commands is None else commands:
        importlib.import_module(COMMANDS[name]).register(subparsers, parser)
    return parser


def _file_named(args: argparse.Namespace) -> str:
    """The directory file a command was working on, for a message about it."""
    for name in ("path", "db", "directory", "source", "file"):
        value = getattr(args, name, None)
        if value:
            return str(value)
    from desktop import paths

    return str(paths.active_directory())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = requested_command(argv)
    wants_help = any(arg in ("-h", "--help") for arg in argv)
    parser = build_parser(None if wants_help and command is None
                          else [command] if command else [])
    args = parser.parse_args(argv)
    try:
        if args.portable:
            from desktop import paths

            paths.set_portable(True)
        if args.command is not None:
            # Messages of maintainers' commands in the asked language; without --lang
            # they stay in English, so scripts and logs read the same everywhere.
            from desktop.i18n import set_language

            set_language(args.lang or "en")
        if args.command is None and args.self_test:
            from desktop.selftest import run_self_test

            return run_self_test(args)
        if args.command is None:
            from desktop.launch import Launch, run

            return run(Launch.from_args(args))
        return int(args.handler(args) or 0)
    except UserError as error:
        print(f"migrant-directory: {error}", file=sys.stderr)
        return error.exit_code
    except sqlite3.DatabaseError as error:
        # A file whose header is sound but whose pages are not: damaged, said once.
        from desktop.i18n import _

        # Translators: {error} is SQLite's own error message, in English, e.g. "database
        # disk image is malformed". The path of the file is shown before the message.
        print(f"migrant-directory: {_file_named(args)}: " + _(
            "is damaged and cannot be read ({error})").format(error=error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


if __name__ == "__main__":
    sys.exit(main())
