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
TERRITORIES = Path("translations") / "territories.json"  # written by `i18n compile`

# Python modules the app never imports; excluding them also keeps their Qt libraries and
# plugins out (PyInstaller collects a Qt module's plugins only when the module is used).
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "xmlrpc", "test",
    "pytest", "_pytest", "pytestqt", "IPython", "matplotlib", "numpy", "readline",
    # Pulled in only by Babel's setup.py integration, which a frozen app never runs.
    "setuptools", "pkg_resources", "distutils", "_distutils_hack",
    # No network, so no TLS: the standard library imports ssl inside ``try`` (segno →
    # urllib → http.client), and leaving it out drops OpenSSL's libssl from the bundle.
    "ssl", "_ssl",
    # Nothing runs in a child process. Included, it brings PyInstaller's multiprocessing
    # and pkgutil runtime hooks, which import both (with subprocess, socket, pickle …)
    # before the app's first line: about 10 ms of every start.
    "multiprocessing",
    # Nothing is asynchronous (typing_extensions imports asyncio only to deprecate a
    # coroutine), and doctest with its debugger is only in phonenumbers' ``__main__``
    # blocks; decimal has its C build, so its pure-Python twin is never loaded. 0.6 MB.
    "asyncio", "_asyncio", "concurrent", "doctest", "pdb", "bdb", "pydoc", "_pydecimal",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQmlFeatures", "PySide6.QtQuick",
    "PySide6.QtQuickControls2", "PySide6.QtQuickTest", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtDBus", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools",
    "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtLabsStyleKit",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
)
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

# Libraries that belong to the operating system, not the bundle. CUPS: a printer is only
# there when the system's CUPS is, and a bundled libcups would bring its own TLS stack
# (GnuTLS, Kerberos, p11-kit …, 9 MB) and may not match the system's cupsd. Without it,
# Qt's CUPS plugin does not load and printing offers "Save as PDF" only.
SYSTEM_LIBRARIES = frozenset({"libcups.so.2"})

# rapidfuzz ships its C++ modules as a generic build plus AVX2 (some releases also SSE2)
# twins, and picks at import time, falling back to the generic one (then to its own
# pure-Python code). The
# app calls only the edit distances (``distance.metrics_cpp``) through ``process``: the
# generic builds of those are kept, and the fuzzy-ratio modules the app never calls go
# (``rapidfuzz.fuzz`` then imports its Python version). 7 MB; the self-test checks that
# the edit distance still runs in C.
RAPIDFUZZ_DROPPED_MODULES = frozenset({"fuzz_cpp", "fuzz_cpp_avx2", "metrics_cpp_avx2",
                                       "process_cpp_avx2", "fuzz_cpp_sse2",
                                       "metrics_cpp_sse2", "process_cpp_sse2"})
_RAPIDFUZZ_RE = re.compile(r"(?:^|/)rapidfuzz/(?:[^/]+/)*([^/.]+)\.[^/]+$")

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


def keep_rapidfuzz_module(dest: str) -> bool:
    match = _RAPIDFUZZ_RE.search(_posix(dest))
    return match is None or match.group(1) not in RAPIDFUZZ_DROPPED_MODULES


def keep_binary(dest: str) -> bool:
    return keep_qt_plugin(dest) and keep_rapidfuzz_module(dest)


def keep_data(dest: str, babel: frozenset[str]) -> bool:
    return keep_qt_translation(dest) and keep_babel_locale(dest, babel) and keep_qt_plugin(dest)


def trim(analysis, babel: frozenset[str], get_imports) -> None:
    """Apply every rule above to a PyInstaller ``Analysis``, in place."""
    analysis.binaries = prune_unreachable_libraries(
        [entry for entry in analysis.binaries if keep_binary(entry[0])], get_imports)
    datas = [entry for entry in analysis.datas if keep_data(entry[0], babel)]
    analysis.datas = drop_dangling_symlinks(
        datas, [entry[0] for entry in analysis.binaries + datas])


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
    ``get_imports(path)`` returns the ``(name, path)`` pairs a binary links to directly
    (``direct_imports``). If a binary cannot be analysed, nothing is pruned: a bigger
    bundle beats a broken one. ``SYSTEM_LIBRARIES`` are dropped and not followed.
    """
    def key(dest: str) -> str:
        name = PurePath(_posix(dest)).name
        return name.lower() if sys.platform in ("win32", "darwin") else name

    # PyInstaller also lists symbolic links (``SYMLINK``: a top-level alias of a library
    # in a subfolder); they are not binaries to analyse and are dropped with their target.
    files = [entry for entry in binaries
             if entry[2] != "SYMLINK" and PurePath(_posix(entry[0])).name not in SYSTEM_LIBRARIES]
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


def direct_imports(path: str) -> list[tuple[str, None]]:
    """The libraries a binary links to directly.

    On Linux, PyInstaller asks ``ldd``, which lists the whole transitive closure, so a
    system library's own dependencies (GnuTLS under libcups) would look needed; the
    ELF ``DT_NEEDED`` entries are read here instead. Elsewhere PyInstaller's answer is
    already direct (PE imports, Mach-O load commands).
    """
    if sys.platform.startswith("linux"):
        return [(name, None) for name in elf_needed(Path(path))]
    from PyInstaller.depend.bindepend import get_imports

    return list(get_imports(path))


def elf_needed(path: Path) -> list[str]:
    """``DT_NEEDED`` names of an ELF shared object or executable (no external tools).

    Read from the dynamic section, or from the dynamic segment when the section headers
    were stripped. A file whose dynamic table cannot be read raises ``ValueError``: an
    empty answer would let the bundle drop libraries it needs.
    """
    import struct

    data = path.read_bytes()
    if data[:4] != b"\x7fELF":
        raise ValueError(f"{path} is not an ELF file")
    try:
        needed = _elf_needed(data)
    except (struct.error, IndexError, ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: its dynamic section cannot be read ({error})") from None
    if needed is None:
        raise ValueError(f"{path}: no dynamic section was found (a static or damaged file)")
    return needed


def _elf_needed(data: bytes) -> list[str] | None:
    import struct

    wide, endian = data[4] == 2, "<" if data[5] == 1 else ">"
    if wide:
        phoff, shoff = struct.unpack_from(endian + "QQ", data, 0x20)
        phentsize, phnum, shentsize, shnum = struct.unpack_from(endian + "HHHH", data, 0x36)
        section = endian + "IIQQQQIIQQ"  # name type flags addr offset size link info align entsize
        segment = endian + "IIQQQQQQ"    # type flags offset vaddr paddr filesz memsz align
        dyn = endian + "qQ"
    else:
        phoff, shoff = struct.unpack_from(endian + "II", data, 0x1C)
        phentsize, phnum, shentsize, shnum = struct.unpack_from(endian + "HHHH", data, 0x2A)
        section = endian + "IIIIIIIIII"
        segment = endian + "IIIIIIII"    # type offset vaddr paddr filesz memsz flags align
        dyn = endian + "iI"
    step = struct.calcsize(dyn)

    def entries(offset: int, size: int) -> list[tuple[int, int]]:
        found = []
        for position in range(offset, offset + size, step):
            tag, value = struct.unpack_from(dyn, data, position)
            if tag == 0:  # DT_NULL
                break
            found.append((tag, value))
        return found

    def names(table: list[tuple[int, int]], strtab_offset: int) -> list[str]:
        return [data[strtab_offset + value:data.index(b"\0", strtab_offset + value)].decode()
                for tag, value in table if tag == 1]  # DT_NEEDED

    sections = [struct.unpack_from(section, data, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _f, _a, offset, size, link, _i, _al, _es in sections:
        if kind == 6:  # SHT_DYNAMIC
            return names(entries(offset, size), sections[link][4])
    # No section headers (stripped): the dynamic segment, and the string table found by
    # its address through the loaded segments.
    segments = [struct.unpack_from(segment, data, phoff + i * phentsize) for i in range(phnum)]
    loads, dynamic = [], None
    for fields in segments:
        if wide:
            kind, _flags, offset, vaddr, _p, filesz, _m, _al = fields
        else:
            kind, offset, vaddr, _p, filesz, _m, _flags, _al = fields
        if kind == 1:  # PT_LOAD
            loads.append((vaddr, offset, filesz))
        elif kind == 2:  # PT_DYNAMIC
            dynamic = (offset, filesz)
    if dynamic is None:
        return None
    table = entries(*dynamic)
    strtab = next((value for tag, value in table if tag == 5), None)  # DT_STRTAB
    if strtab is None:
        raise ValueError("the dynamic segment has no string table")
    for vaddr, offset, filesz in loads:
        if vaddr <= strtab < vaddr + filesz:
            return names(table, strtab - vaddr + offset)
    raise ValueError("the string table is outside every loaded segment")


def drop_dangling_symlinks(toc: list[tuple[str, str, str]],
                           kept: Iterable[str]) -> list[tuple[str, str, str]]:
    """Remove ``SYMLINK`` entries whose target (a bundle path) is no longer shipped."""
    shipped = {_posix(dest) for dest in kept}
    return [entry for entry in toc
            if entry[2] != "SYMLINK" or _posix(entry[1]) in shipped]


def check_build_inputs(root: Path) -> None:
    """Stop with one clear message when a build output the bundle ships is missing."""
    missing = [str(root / output) for output in (EMBEDDED_DIRECTORY, TERRITORIES)
               if not (root / output).exists()]
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
    datas.append((str(root / TERRITORIES), "translations"))
    datas.extend(_tree(root, root / "resources"))
    return datas


def _tree(root: Path, folder: Path) -> Iterable[tuple[str, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield str(path), path.parent.relative_to(root).as_posix()
