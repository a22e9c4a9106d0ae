"""``migrant-directory kiosk …``: set the admin PIN and check a centre's config file."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import _, pgettext


def register(subparsers: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    kiosk = subparsers.add_parser("kiosk", help=_("set up a community centre's touch screen"))
    kiosk_sub = kiosk.add_subparsers(dest="kiosk_command", metavar="COMMAND", required=True)

    set_pin = kiosk_sub.add_parser(
        "set-pin", help=_("set the admin PIN (stored as a salted scrypt hash in the config)"),
        description=_("Asks for the PIN twice (or reads one line from standard input when "
                      "it is not a terminal) and writes its hash into the config file."))
    # SUPPRESS keeps the app-wide --config value when the option is given before the
    # command ("migrant-directory --config centre.toml kiosk set-pin").
    set_pin.add_argument("--config", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                         help=_("centre configuration file (created if missing)"))
    set_pin.set_defaults(handler=run_set_pin)

    check = kiosk_sub.add_parser("check-config", help=_("check a centre configuration file"))
    check.add_argument("file", type=Path, metavar="FILE")
    check.set_defaults(handler=run_check_config)


def config_path(args: argparse.Namespace) -> Path:
    from desktop.kiosk.config import default_config_path, find_config

    given = getattr(args, "config", None)
    return Path(given) if given else (find_config(None) or default_config_path())


def _read_pin() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass(_("New admin PIN (digits): "))
    second = getpass.getpass(_("The same PIN again: "))
    if first != second:
        raise UserError(_("the two PINs differ; nothing was changed"))
    return first


def run_set_pin(args: argparse.Namespace) -> int:
    from desktop.kiosk.config import write_pin_hash
    from desktop.kiosk.pin import check_pin_format, hash_pin

    path = config_path(args)
    pin = _read_pin()
    problem = check_pin_format(pin)
    if problem:
        # Translators: {problem} is why the PIN typed cannot be used, an already translated
        # message that starts in lower case, e.g. "the PIN must be digits only".
        raise UserError(_("{problem}; nothing was changed").format(problem=problem))
    write_pin_hash(path, hash_pin(pin))
    # Translators: Means: the new PIN has been saved in this file. {path} is the path of the
    # centre configuration file, e.g. /etc/migrant-directory/centre.toml.
    print(_("The admin PIN is set in {path}").format(path=path))
    return 0


def _switch(on: bool) -> str:
    """A setting's state in the check-config table."""
    return pgettext("a setting is switched", "on") if on else pgettext("a setting is switched",
                                                                        "off")


def _data_folder_state() -> str:
    """Where updates are installed, and whether they can be."""
    from desktop import paths
    from desktop.files import folder_is_writable

    folder = paths.user_data_dir()
    if folder_is_writable(folder):
        return str(folder)
    # Translators: {folder} is a path on this computer.
    return _("{folder} (read-only: no update can be installed)").format(folder=folder)


def run_check_config(args: argparse.Namespace) -> int:
    from desktop.kiosk.config import load_config

    config = load_config(args.file)
    where = (f"{config.location[0]:.5f}, {config.location[1]:.5f}" if config.location
             else _("not set (no distances shown)"))
    rows = [
        (_("kiosk mode"), _switch(config.kiosk)),
        (_("centre"), config.centre_name or "-"),
        (_("location"), where),
        (_("country"), config.country),
        (_("host language"), config.host_language),
        (_("admin language"), config.staff_language),
        (_("languages offered"), " ".join(config.languages)),
        (_("idle reset after"),
         # Translators: {seconds} is a number of seconds, e.g. 120; "s" is the short
         # symbol for seconds. The value of the row "idle reset after".
         _("{seconds} s").format(seconds=config.idle_timeout)),
        (_("printer"), _switch(config.printer)),
        (_("admin PIN"), _("set") if config.pin_hash else _("NOT SET")),
        (_("update key"), str(config.update_public_key or _("none (updates not signed)"))),
        (_("update folder"), str(config.update_folder or _("none"))),
        (_("data folder"), _data_folder_state()),
    ]
    # Translators: {path} is the path of the centre configuration file just checked, e.g.
    # /etc/migrant-directory/centre.toml. First line of the check-config output.
    print(_("{path}: OK").format(path=args.file))
    for label, value in rows:
        print(f"  {label}: {value}")
    if config.kiosk and not config.pin_hash:
        # Translators: {path} is the path of the centre configuration file, e.g.
        # /etc/migrant-directory/centre.toml. Keep the two leading spaces (indentation) and the
        # command after the colon exactly as it is: it is typed in a terminal.
        print(_("  The kiosk will not start until an admin PIN is set: "
                "migrant-directory kiosk set-pin --config {path}").format(path=args.file))
        return 1
    return 0
