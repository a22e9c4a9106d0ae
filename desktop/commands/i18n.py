"""``migrant-directory i18n …``: the translator workflow (see ``translations/README.md``).

Thin layer over ``desktop.translating.catalogs`` and ``desktop.translating.content``; Babel's Python
API does the work, so errors are checked properly rather than read from ``pybabel``'s
exit code (which is 1 even when it wrote a ``.mo``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.translating.catalogs import Layout


def register(subparsers: argparse._SubParsersAction, parser: argparse.ArgumentParser) -> None:
    i18n = subparsers.add_parser(
        "i18n", help="translations: extract, update, compile, check, stats, content, screenshots"
    )
    sub = i18n.add_subparsers(dest="i18n_command", metavar="COMMAND", required=True)

    extract = sub.add_parser(
        "extract", help="collect the UI's strings into translations/messages.pot"
    )
    extract.set_defaults(handler=run_extract)

    update = sub.add_parser("update", help="merge messages.pot into every catalog (or LOCALE's)")
    update.add_argument("locales", nargs="*", metavar="LOCALE")
    update.set_defaults(handler=run_update)

    compile_ = sub.add_parser("compile", help="compile every catalog to a .mo file")
    compile_.add_argument("locales", nargs="*", metavar="LOCALE")
    compile_.set_defaults(handler=run_compile)

    init = sub.add_parser("init", help="start a catalog for a new language (marked draft)")
    init.add_argument("locale", metavar="LOCALE", help="language code, e.g. am, ti, pt_BR")
    init.set_defaults(handler=run_init)

    mark = sub.add_parser("mark", help="mark a catalog draft, or reviewed by a fluent speaker")
    mark.add_argument("locale", metavar="LOCALE")
    mark.add_argument("status", choices=("draft", "reviewed"))
    mark.set_defaults(handler=run_mark)

    stats = sub.add_parser("stats", help="how complete each catalog is")
    stats.set_defaults(handler=run_stats)

    check = sub.add_parser(
        "check", help="fail (exit 1) on out-of-date, broken or incomplete catalogs"
    )
    check.set_defaults(handler=run_check)

    export = sub.add_parser(
        "content-export", help="write the directory's translatable fields for LOCALE as a .po"
    )
    export.add_argument("locale", metavar="LOCALE")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.po")
    export.add_argument("--sources", type=Path, default=None,
                        help="folder of source files (default: db/sources)")
    export.set_defaults(handler=run_content_export)

    import_ = sub.add_parser(
        "content-import", help="write a translated content .po back into db/sources/translations"
    )
    import_.add_argument("po_file", type=Path, metavar="FILE.po")
    import_.add_argument("--sources", type=Path, default=None,
                         help="folder of source files (default: db/sources)")
    import_.set_defaults(handler=run_content_import)

    shots = sub.add_parser("screenshots", help="render every screen and dialog in LOCALE to "
                                               "PNG files (desktop, or the kiosk's)")
    shots.add_argument("locale", metavar="LOCALE", help="a UI language or a pseudo-locale")
    shots.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    shots.add_argument("--size", type=_screen_size, default=(1366, 768), metavar="WxH",
                       help="window size in pixels (default 1366x768)")
    shots.add_argument("--text-scale", type=_text_scale, default=1.0, metavar="SCALE",
                       help="text size, 1 to 2 (2 = 200 %%)")
    shots.add_argument("--theme", choices=("light", "dark", "high-contrast"),
                       default="light")
    shots.add_argument("--kiosk", action="store_true",
                       help="the kiosk's screens, its PIN pad and admin panel")
    shots.set_defaults(handler=run_screenshots)


def _screen_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    try:
        size = (int(width), int(height))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1366x768") from None
    if not (320 <= size[0] <= 7680 and 240 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r} is not a screen size")
    return size


def _text_scale(text: str) -> float:
    try:
        scale = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number like 2") from None
    if not 1.0 <= scale <= 2.0:
        raise argparse.ArgumentTypeError("the text scale is between 1 and 2")
    return scale


def _layout() -> Layout:
    from desktop.translating.catalogs import Layout

    return Layout.default()


def run_extract(args: argparse.Namespace) -> int:
    from desktop.translating.catalogs import write_template

    layout = _layout()
    changed, count = write_template(layout)
    state = "updated" if changed else "unchanged"
    print(f"{layout.display(layout.template)}: {count} strings ({state})")
    return 0


def run_update(args: argparse.Namespace) -> int:
    from desktop.translating.catalogs import update_catalogs

    layout = _layout()
    changed = update_catalogs(layout, args.locales or None)
    for locale in args.locales or layout.locales():
        state = "updated" if locale in changed else "unchanged"
        print(f"{layout.display(layout.po_path(locale))}: {state}")
    return 0


def run_compile(args: argparse.Namespace) -> int:
    from desktop.i18n.locales import SHIPPED_LOCALES
    from desktop.i18n.territories import write_territory_names
    from desktop.translating.catalogs import compile_catalogs

    layout = _layout()
    problems = compile_catalogs(layout, args.locales or None)
    # Country names for the first screen, so the app need not load CLDR to paint it.
    write_territory_names(layout.translations, {*SHIPPED_LOCALES, *layout.locales()})
    for problem in problems:
        print(problem, file=sys.stderr)
    broken = {problem.path for problem in problems}
    compiled = [
        locale for locale in (args.locales or layout.locales())
        if layout.display(layout.po_path(locale)) not in broken
    ]
    print(f"compiled {len(compiled)} catalogs" + (f"; {len(broken)} not compiled" if broken
                                                   else ""))
    return 1 if problems else 0


def run_init(args: argparse.Namespace) -> int:
    from desktop.translating.catalogs import init_catalog

    layout = _layout()
    path = init_catalog(layout, args.locale)
    print(f"created {layout.display(path)} (marked draft). Translate it with Poedit or "
          f"Weblate, then run: migrant-directory --lang {args.locale}")
    return 0


def run_mark(args: argparse.Namespace) -> int:
    from desktop.translating.catalogs import set_status

    layout = _layout()
    path = set_status(layout, args.locale, args.status)
    print(f"{layout.display(path)}: {args.status}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from desktop.translating.catalogs import catalog_stats, stats_table

    layout = _layout()
    print(stats_table([catalog_stats(layout, locale) for locale in layout.locales()]))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from desktop.translating.catalogs import check_catalogs

    layout = _layout()
    problems = check_catalogs(layout) + _search_word_problems(layout.locales())
    for problem in problems:
        print(problem)
    if problems:
        print(f"i18n check: {len(problems)} problems", file=sys.stderr)
        return 1
    print(f"i18n check: {len(layout.locales())} catalogs are in sync with the source and complete")
    return 0


def _search_word_problems(locales: list[str]) -> list[str]:
    """Every UI language has a readable search-words file."""
    from desktop import paths
    from desktop.directory.search_words import read_search_words
    from desktop.errors import UserError

    folder = paths.sources_dir() / "vocabulary"
    problems = []
    for locale in ["en", *locales]:
        path = folder / f"{locale.split('_')[0]}.toml"
        if not path.exists():
            problems.append(f"{path}: missing: the everyday search words of '{locale}'")
            continue
        try:
            read_search_words(path)
        except UserError as error:
            problems.append(str(error))
    return problems


def run_content_export(args: argparse.Namespace) -> int:
    from desktop import paths
    from desktop.translating.content import export_content

    sources = args.sources or paths.sources_dir()
    summary = export_content(sources, args.locale, args.output)
    print(f"{args.output}: {summary}")
    return 0


def run_content_import(args: argparse.Namespace) -> int:
    from desktop import paths
    from desktop.translating.content import import_content

    sources = args.sources or paths.sources_dir()
    target, summary = import_content(sources, args.po_file)
    print(f"{target}: {summary}")
    return 0


def run_screenshots(args: argparse.Namespace) -> int:
    from desktop.errors import UserError

    try:
        from desktop.ui.screenshot import render_all, render_kiosk
    except ImportError as error:
        raise UserError(f"the screenshot renderer is not available: {error}") from None
    directory = getattr(args, "directory", None)  # the global --directory option
    chosen = Path(directory) if directory else None
    if args.kiosk:
        written = render_kiosk(args.locale, args.output, chosen, size=args.size,
                               text_scale=args.text_scale)
    else:
        written = render_all(args.locale, args.output, chosen, size=args.size,
                             text_scale=args.text_scale, theme=args.theme)
    for path in written or ():
        print(path)
    return 0
