"""``migrant-directory db import`` and ``db export``: HSDS 3.0 in and out (docs/hsds.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.errors import UserError
from desktop.i18n import _


def register_db_commands(db_subparsers: argparse._SubParsersAction) -> None:
    importer = db_subparsers.add_parser(
        "import", help=_("import an HSDS package, HSDS JSON or the spreadsheet template"),
        description=_("Import an HSDS 3.0 tabular data package (folder or .zip with "
                      "datapackage.json), an HSDS JSON file, or the directory template "
                      "(db/templates/directory-template.csv)."))
    importer.add_argument("source", type=Path, metavar="SOURCE")
    target = importer.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", type=Path, metavar="PATH",
                        help=_("write a new directory database"))
    target.add_argument("--into", type=Path, metavar="PATH",
                        help=_("merge into this existing directory (replaced only if the "
                               "whole import succeeds)"))
    importer.set_defaults(handler=run_import)

    exporter = db_subparsers.add_parser(
        "export", help=_("export a directory as an HSDS 3.0 data package or JSON"))
    exporter.add_argument("path", type=Path, metavar="PATH",
                          help=_("folder or .zip (hsds-csv), or .json file (hsds-json)"))
    exporter.add_argument("--format", choices=("hsds-csv", "hsds-json"), required=True)
    exporter.add_argument("--directory", dest="export_directory", type=Path, metavar="DB",
                          help=_("directory database to export (default: the active one)"))
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from desktop.directory.hsds.importer import import_source

    if args.output is None and args.into is None:
        raise UserError(_("say where the data goes: -o NEW.db writes a new directory, "
                          "--into DIRECTORY.db merges into an existing one"))
    report = import_source(args.source, output=args.output, into=args.into)
    for line in report.lines():
        print(line)
    # Translators: {path} is the path of the file just written on this computer: a directory
    # database (db import) or a signature file (update sign), e.g. /media/usb/new.db.sig.
    print(_("Wrote {path}").format(path=args.output or args.into))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from desktop.commands import open_directory_for_command
    from desktop.directory.hsds.exporter import export_directory

    # `migrant-directory --directory DB db export …` works too.
    database = args.export_directory or args.directory
    if not database:
        directory = open_directory_for_command()
        directory.close()
        database = directory.path
    counts = export_directory(Path(database), args.path, args.format)
    for table, count in counts.items():
        print(f"  {table:<22} {count:>8}")
    # Translators: {db} is the path of the directory database exported, e.g.
    # /home/ana/directory.db; {path} the folder, .zip or .json file written, e.g.
    # /media/usb/export.zip; {format} the format's name, not translated: hsds-csv or hsds-json.
    print(_("Exported {db} to {path} ({format})").format(db=database, path=args.path,
                                                          format=args.format))
    return 0
