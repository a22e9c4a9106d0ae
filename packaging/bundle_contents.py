"""What goes into the PyInstaller bundle, and what is trimmed out of it.

Used by ``build.spec`` (for the app) and ``packaging/bare_window.spec`` (the bare window
the benchmark compares against), so both bundles get the same exclusions. Plain Python,
importable without PyInstaller, so the rules are unit-tested (``tests/test_bundle.py``).

The trim rules are allow-lists: a Qt plugin, Qt translation or CLDR file that is not
named here is dropped, so a new PySide6 or Babel release cannot quietly grow the bundle.
If the app starts using something new (a JPEG image, say), add it here; the frozen
self-test and the bundle tests show what is missing.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path, PurePath

from desktop.i18n.locales import SHIPPED_LOCALES, SOURCE_LOCALE

EMBEDDED_DIRECTORY = Path("db") / "directory.db"
CATALOG_DOMAIN = "messages"

# Qt plugins the app loads, per plugin folder; ``None`` keeps the whole folder.
# Names are the plugin's stem without the ``lib`` prefix (``libqxcb.so`` → ``qxcb``,
# ``qwindows.dll`` → ``qwindows``).
KEPT_QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # Linux: X11 and Wayland desktops (and the `cage` kiosk compositor); offscreen and
    # minimal for the self-test and screenshots; Windows and macOS natives.
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows",
                            "qcocoa"}),
    # Wayland needs a shell integration to open a window and draws its own decorations.
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
    # Icons are SVG; ICO for the window icon on Windows. PNG is built into QtGui.
    "imageformats": frozenset({"qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    # Dark/light colour scheme and native file dialogs on Linux, through the portal
    # (D-Bus only; the GTK theme plugin would drag GTK's libraries into the bundle).
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Dead keys and input methods, so accented and non-Latin text can be typed.
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin",
                                        "ibusplatforminputcontextplugin"}),
    "printsupport": None,  # printing entries and favourites (CUPS on Linux)
    "styles": None,  # the native look on Windows and macOS
}

_PYSIDE_DIR = r"PySide6/(?:Qt/)?"
_PLUGIN_RE = re.compile(_PYSIDE_DIR + r"plugins/([^/]+)/([^/]+)$")
_QT_TRANSLATION_RE = re.compile(_PYSIDE_DIR + r"translations/([^/]+)\.qm$")
_BABEL_LOCALE_RE = re.compile(r"babel/locale-data/([^/]+)\.dat$")


def _posix(dest: str) -> str:
    return PurePath(dest).as_posix()


def plugin_stem(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(dest: str) -> bool:
    """Whether a collected file under PySide6's ``plugins/`` folder stays in the bundle."""
    match = _PLUGIN_RE.search(_posix(dest))
    if match is None:
        return True  # not a Qt plugin: not this rule's business
    folder, filename = match.groups()
    if folder not in KEPT_QT_PLUGINS:
        return False
    wanted = KEPT_QT_PLUGINS[folder]
    return wanted is None or plugin_stem(filename) in wanted


def qt_translation_languages() -> frozenset[str]:
    """Base languages whose ``qtbase_*.qm`` is shipped: the UI languages except English
    (the source language needs no catalog)."""
    return frozenset(loc for loc in SHIPPED_LOCALES if loc != SOURCE_LOCALE)


def keep_qt_translation(dest: str) -> bool:
    """Only ``qtbase_<lang>[_<REGION>].qm`` of shipped languages (``pt`` keeps ``pt_BR``).

    The app loads just the ``qtbase`` catalog (``desktop.i18n.qt``); ``qt_<lang>.qm`` is a
    meta catalog that would pull in modules the app does not have.
    """
    match = _QT_TRANSLATION_RE.search(_posix(dest))
    if match is None:
        return True
    name = match.group(1)
    if not name.startswith("qtbase_"):
        return False
    language = name[len("qtbase_"):].split("_", 1)[0]
    return language in qt_translation_languages()


def keep_babel_locale(dest: str, locales: frozenset[str]) -> bool:
    match = _BABEL_LOCALE_RE.search(_posix(dest))
    return match is None or match.group(1) in locales


def keep_binary(dest: str) -> bool:
    return keep_qt_plugin(dest)


def keep_data(dest: str, babel: frozenset[str]) -> bool:
    return keep_qt_translation(dest) and keep_babel_locale(dest, babel) and keep_qt_plugin(dest)


def babel_locales(directory: Path) -> frozenset[str]:
    """CLDR locales the app formats in: CLDR's root, the UI languages, and the official
    languages of every country in the embedded directory (the bilingual "show this card"
    view writes the host country's language next to the user's).

    A directory update that adds a country whose language is not here still works: Babel
    formatting for that language falls back to English (``desktop.i18n.formatting``).
    """
    from babel.languages import get_official_languages

    locales = {"root", *SHIPPED_LOCALES}
    for country in directory_countries(directory):
        locales.update(get_official_languages(country, de_facto=True))
    # A regional locale (``sr_Latn``) needs its parent (``sr``) to load.
    locales.update(loc.split("_", 1)[0] for loc in list(locales))
    return frozenset(locales)


def directory_countries(directory: Path) -> list[str]:
    uri = Path(directory).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        rows = conn.execute(
            "SELECT country FROM address UNION SELECT country_code FROM emergency_number")
        return sorted({str(row[0]).upper() for row in rows if row[0]})
    finally:
        conn.close()


def prune_unreachable_libraries(binaries: list[tuple[str, str, str]],
                                get_imports) -> list[tuple[str, str, str]]:
    """Drop shared libraries that nothing kept links to any more.

    PyInstaller collected the libraries of every plugin before the trim (QtNetwork for the
    TLS plugin, QtPdf for the PDF image format, the Wayland compositor …). Roots are the
    Python extension modules, the kept Qt plugins and the Python library the bootloader
    loads; a library stays when a root needs it, directly or through another library.
    ``get_imports(path)`` returns the ``(name, path)`` pairs a binary links to
    (``PyInstaller.depend.bindepend.get_imports``). If a binary cannot be analysed,
    nothing is pruned: a bigger bundle beats a broken one.
    """
    def key(dest: str) -> str:
        name = PurePath(_posix(dest)).name
        return name.lower() if sys.platform in ("win32", "darwin") else name

    # PyInstaller also lists symbolic links (``SYMLINK``: a top-level alias of a library
    # in a subfolder); they are not binaries to analyse and are dropped with their target.
    files = [entry for entry in binaries if entry[2] != "SYMLINK"]
    by_name = {key(dest): (dest, src, kind) for dest, src, kind in files}
    roots = [entry for entry in files
             if entry[2] == "EXTENSION" or _PLUGIN_RE.search(_posix(entry[0]))
             or re.match(r"(lib)?python\d", key(entry[0]))]
    reachable: set[str] = set()
    pending = [entry[0] for entry in roots]
    while pending:
        dest = pending.pop()
        name = key(dest)
        if name in reachable:
            continue
        reachable.add(name)
        try:
            imports = get_imports(by_name[name][1])
        except Exception:
            return binaries
        for imported, _path in imports:
            imported_key = key(imported)
            if imported_key in by_name and imported_key not in reachable:
                pending.append(by_name[imported_key][0])
    kept = [entry for entry in files if key(entry[0]) in reachable]
    return kept + [entry for entry in binaries
                   if entry[2] == "SYMLINK" and key(entry[1]) in reachable]


def drop_dangling_symlinks(toc: list[tuple[str, str, str]],
                           kept: Iterable[str]) -> list[tuple[str, str, str]]:
    """Remove ``SYMLINK`` entries whose target (a bundle path) is no longer shipped."""
    shipped = {_posix(dest) for dest in kept}
    return [entry for entry in toc
            if entry[2] != "SYMLINK" or _posix(entry[1]) in shipped]


def check_build_inputs(root: Path) -> None:
    """Stop with one clear message when a build output the bundle ships is missing."""
    missing = [str(root / EMBEDDED_DIRECTORY)] if not (root / EMBEDDED_DIRECTORY).exists() else []
    for locale in SHIPPED_LOCALES:
        if locale == SOURCE_LOCALE:
            continue
        mo = root / "translations" / locale / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.mo"
        if not mo.exists():
            missing.append(str(mo))
    if missing:
        raise SystemExit("build.spec: these build outputs are missing (run `make setup` "
                         "first):\n  " + "\n  ".join(missing))


def project_datas(root: Path) -> list[tuple[str, str]]:
    """(source file, folder in the bundle) pairs: the embedded directory, the compiled
    catalogs (not the ``.po`` sources) and everything under ``resources/``."""
    datas = [(str(root / EMBEDDED_DIRECTORY), "db")]
    for mo in sorted((root / "translations").glob(f"*/LC_MESSAGES/{CATALOG_DOMAIN}.mo")):
        datas.append((str(mo), mo.parent.relative_to(root).as_posix()))
    datas.extend(_tree(root, root / "resources"))
    return datas


def _tree(root: Path, folder: Path) -> Iterable[tuple[str, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield str(path), path.parent.relative_to(root).as_posix()
