"""``migrant-directory screenshot``: draw one screen of the app to a PNG, offscreen."""

from __future__ import annotations

import argparse
from pathlib import Path

PAGES = ("home", "results", "details", "favourites", "about")


def register(subparsers: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "screenshot", help="render a screen of the app to a PNG file (no display needed)")
    command.add_argument("--page", choices=PAGES, default="home")
    command.add_argument("--lang", dest="screen_lang", metavar="LOCALE", default="en",
                         help="interface language of the picture (e.g. ar, ti, uk)")
    command.add_argument("--query", default="", help="search text for results and details")
    command.add_argument("--db", type=Path, default=None,
                         help="directory database to show (default: the installed one)")
    command.add_argument("--kiosk", dest="screen_kiosk", action="store_true",
                         help="draw the screen as the kiosk shows it")
    command.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.png")
    command.set_defaults(handler=run_screenshot)


def run_screenshot(args: argparse.Namespace) -> int:
    from desktop.ui.screenshot import render_page

    directory = args.db or (Path(args.directory) if args.directory else None)
    out = render_page(args.page, args.screen_lang, args.output, query=args.query,
                      directory=directory, kiosk=args.screen_kiosk)
    print(f"Wrote {out}")
    return 0
