"""``migrant-directory corrections export``: the correction reports users left, as CSV.

There is no network, so reports from the details page stay in the user-data file on
this machine; a maintainer exports them here and sends the file on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import paths
from desktop.errors import UserError
from desktop.userdata import FILE_NAME


def register(subparsers: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    corrections = subparsers.add_parser(
        "corrections", help="correction reports left by users of this machine")
    actions = corrections.add_subparsers(dest="corrections_command", metavar="ACTION",
                                         required=True)
    export = actions.add_parser("export", help="write every correction report to a CSV file")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.csv",
                        help="where to write the CSV (UTF-8, one report per row)")
    export.add_argument("--user-data", type=Path, default=None, metavar="PATH",
                        help=f"user-data file to read (default: {FILE_NAME} in the "
                        "user's data folder)")
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from desktop.userdata import UserData

    source = args.user_data or paths.user_data_dir() / FILE_NAME
    if not source.exists():
        raise UserError("no user data here yet: nobody has reported a correction on this "
                        "machine", path=source)
    if args.output.parent and not args.output.parent.is_dir():
        raise UserError("the folder does not exist", path=args.output.parent)
    data = UserData.open(source)
    try:
        count = data.export_corrections_csv(args.output)
    finally:
        data.close()
    print(f"{count} correction report(s) written to {args.output}", file=sys.stderr)
    return 0
