"""The ``migrant-directory`` command: the app itself, and tools for maintainers,
translators and centre admins.

Each group of subcommands lives in its own module under ``desktop.commands`` and is a
thin layer over functions that can be called and tested without the command line.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.errors import UserError

# Modules that define ``register(subparsers)``; each adds its own subcommands.
COMMAND_MODULES = (
    "desktop.commands.db",
    "desktop.commands.search",
    "desktop.commands.i18n",
    "desktop.commands.corrections",
    "desktop.commands.kiosk",
    "desktop.commands.update",
    "desktop.commands.screenshot",
)


def build_parser() -> argparse.ArgumentParser:
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
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers, parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.portable:
            from desktop import paths

            paths.set_portable(True)
        if args.command is None and args.self_test:
            from desktop.selftest import run_self_test

            return run_self_test(args)
        if args.command is None:
            from desktop.ui.app import run_app

            return run_app(args)
        return int(args.handler(args) or 0)
    except UserError as error:
        print(f"migrant-directory: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


if __name__ == "__main__":
    sys.exit(main())
