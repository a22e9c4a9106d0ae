"""``migrant-directory update …``: install a directory update from a USB stick, roll it
back, and sign updates for the kiosks of a network."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop import paths
from desktop.i18n import _, format_number, ngettext


def register(subparsers: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    update = subparsers.add_parser("update", help=_("install, roll back and sign directory "
                                                    "updates"))
    update_sub = update.add_subparsers(dest="update_command", metavar="COMMAND", required=True)

    apply = update_sub.add_parser(
        "apply", help=_("install a new directory database or HSDS package"),
        description=_("Checks the update (integrity, schema version, search index, content "
                      "and, when the centre config names an update key, its signature), "
                      "then replaces the directory atomically, keeping the previous one."))
    apply.add_argument("file", type=Path, metavar="FILE")
    apply.add_argument("--signature", type=Path, metavar="FILE.sig",
                       help=_("signature file (default: FILE.sig beside FILE)"))
    apply.add_argument("--public-key", type=Path, metavar="KEY.pem",
                       help=_("require a signature by this key (default: the centre config's "
                              "admin.update_public_key)"))
    apply.add_argument("--config", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                       help=_("centre configuration file"))
    apply.set_defaults(handler=run_apply)

    back = update_sub.add_parser("rollback", help=_("go back to the directory before the "
                                                    "last update"))
    back.set_defaults(handler=run_rollback)

    status = update_sub.add_parser("status", help=_("show which directory is in use"))
    status.set_defaults(handler=run_status)

    sign = update_sub.add_parser("sign", help=_("sign an update file (writes FILE.sig)"))
    sign.add_argument("file", type=Path, metavar="FILE")
    sign.add_argument("--key", type=Path, required=True, metavar="PRIVATE.pem")
    sign.add_argument("-o", "--output", type=Path, metavar="FILE.sig")
    sign.set_defaults(handler=run_sign)

    keygen = update_sub.add_parser("keygen", help=_("make a key pair for signing updates"))
    keygen.add_argument("private_key", type=Path, metavar="PRIVATE.pem")
    keygen.add_argument("public_key", type=Path, metavar="PUBLIC.pem")
    keygen.set_defaults(handler=run_keygen)


def _public_key(args: argparse.Namespace) -> Path | None:
    """An explicit key, else the one the centre config names: a kiosk with a key
    configured must not accept unsigned updates from the command line either."""
    if args.public_key:
        return args.public_key
    from desktop.kiosk.config import update_keys

    given = getattr(args, "config", None)
    keys = update_keys(Path(given) if given else None)
    return keys[0] if keys else None


def _organizations(count: int) -> str:
    # Translators: {count} is a number of organisations, e.g. 1,520. Fills {organizations} in
    # the lines that 'migrant-directory update apply' and 'update status' print.
    return ngettext("{count} organisation", "{count} organisations", count).format(
        count=format_number(count))


def _services(count: int) -> str:
    # Translators: {count} is a number of services, e.g. 4,310. Fills {services} in the line
    # that 'migrant-directory update apply' prints.
    return ngettext("{count} service", "{count} services", count).format(
        count=format_number(count))


def run_apply(args: argparse.Namespace) -> int:
    from desktop.directory.update import apply_update

    result = apply_update(args.file, signature=args.signature, public_key=_public_key(args))
    # Translators: {file} is the path of the update file given, e.g. /media/usb/directory.db;
    # {organizations} is the text "1,520 organisations" and {services} the text "4,310
    # services" (each translated separately, with its plural forms); {signed} is empty or the
    # text ", signature verified" (translated separately), placed just before the full stop.
    print(_("Installed {file} as the directory: {organizations}, {services}{signed}.").format(
        file=args.file, organizations=_organizations(result.organizations),
        services=_services(result.services),
        signed=_(", signature verified") if result.signed else ""))
    # Translators: {path} is the path of the directory database file the app now uses, e.g.
    # /home/ana/.local/share/migrant-directory/directory/directory.db.
    print(_("In use: {path}").format(path=result.installed))
    if result.previous:
        print(_("The previous directory is kept: 'migrant-directory update rollback' "
                "brings it back."))
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    from desktop.directory.update import rollback

    in_use = rollback()
    # Translators: {path} is the path of the directory database file the app uses after going
    # back, e.g. /home/ana/.local/share/migrant-directory/directory/directory.db (it may be the
    # directory that came with the app).
    print(_("Rolled back. In use now: {path}").format(path=in_use))
    return 0


def run_status(args: argparse.Namespace) -> int:
    from desktop.directory.database import open_active_directory
    from desktop.directory.update import previous_path

    directory, update_problem = open_active_directory()
    active = directory.path
    if update_problem is not None:
        # Translators: {problem} is an error message that begins with the path of the update
        # file, a colon and what is wrong, e.g.
        # "/home/ana/.local/share/migrant-directory/directory/directory.db: is truncated: ...".
        print(_("The installed update cannot be used: {problem}").format(
            problem=update_problem))
    try:
        info = directory.info()
    finally:
        directory.close()
    # Translators: {path} is the path of the directory database file the app now uses, e.g.
    # /home/ana/.local/share/migrant-directory/directory/directory.db.
    print(_("In use: {path}").format(path=active))
    # Translators: Shown under "In use: PATH"; keep the two leading spaces. {version} is the
    # directory's version label, e.g. 2025.11.30; {date} when it was built, in ISO format, e.g.
    # 2025-11-30T14:02:11 (both are "-" when unknown); {organizations} is the text "1,520
    # organisations" (translated separately, with its plural forms).
    print(_("  version {version}, built {date}, {organizations}").format(
        version=info.version or "-", date=info.build_date or "-",
        organizations=_organizations(info.organizations)))
    previous = previous_path(paths.installed_directory())
    if previous.exists():
        # Translators: {path} is the path of the previous directory file, kept so that the
        # update can be undone, e.g.
        # /home/ana/.local/share/migrant-directory/directory/directory.db.previous.
        print(_("Kept for rollback: {path}").format(path=previous))
    return 0


def run_sign(args: argparse.Namespace) -> int:
    from desktop.directory.update import sign_file

    output = sign_file(args.file, args.key, args.output)
    # Translators: {path} is the path of the file just written on this computer: a directory
    # database (db import) or a signature file (update sign), e.g. /media/usb/new.db.sig.
    print(_("Wrote {path}").format(path=output))
    return 0


def run_keygen(args: argparse.Namespace) -> int:
    from desktop.directory.update import generate_keypair

    generate_keypair(args.private_key, args.public_key)
    # Translators: {private} and {public} are the paths of the two key files just written, e.g.
    # keys/private.pem and keys/public.pem. "admin.update_public_key" is the name of a setting
    # in the centre configuration file: do not translate it.
    print(_("Wrote the private key {private} (keep it off the kiosks) and the public key "
            "{public} (copy it to each kiosk, name it in admin.update_public_key).").format(
                private=args.private_key, public=args.public_key))
    return 0
