"""``migrant-directory --self-test``: check that this installation works, and say what was
checked.

Runs the same code paths as the app, from the source tree or from the frozen bundle:
the directory opens and finds entries, every catalog and its CLDR data load, Qt's own
translations are there, every main screen renders in every shipped language, a favourite
is written and read back (in a temporary folder, never the user's own), QR codes, PDF
output and update signatures work, and the user-data folder is writable. A missing data
file or a module the bundle left out shows up here as a failed check instead of a crash
in front of a visitor.

One line per check, ``ok: …`` or ``FAILED: …``; exit 0 only when every check passed.
The report stays in English on purpose: it is a diagnostic for admins, support and CI
(which reads the prefixes), and the run itself switches through every language.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from desktop import paths
from desktop.errors import UserError
from desktop.i18n.locales import SHIPPED_LOCALES, SOURCE_LOCALE

# Languages for which PySide6 ships Qt's own catalog (``qtbase_<lang>.qm``); Pashto,
# Tigrinya and Somali have none, so Qt's few own strings stay English there.
QT_TRANSLATED_LOCALES = frozenset({"ar", "fa", "uk", "ru", "es", "fr", "pt", "pt_BR"})
# A string from Qt's own catalog (standard dialog buttons) to prove it is loaded.
QT_PROBE = ("QPlatformTheme", "Cancel")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

Check = Callable[[], str]  # returns a short detail for the "ok" line; raises on failure


class SelfTest:
    """Runs checks one by one, printing a line for each; a failing check never stops the rest."""

    def __init__(self, out: Callable[[str], None]) -> None:
        self._out = out
        self.passed = 0
        self.failed = 0

    def run(self, name: str, check: Check) -> bool:
        # An exception inside a Qt event handler (a widget's changeEvent, say) does not
        # propagate: PySide prints it through sys.excepthook and carries on. Catch those
        # too, so a screen that renders while throwing counts as failed.
        swallowed: list[BaseException] = []
        previous_hook = sys.excepthook
        sys.excepthook = lambda kind, error, trace: swallowed.append(error)
        try:
            detail = check()
            if swallowed:
                raise swallowed[0]
        except Exception as error:
            self.failed += 1
            extra = f" (and {len(swallowed) - 1} more errors)" if len(swallowed) > 1 else ""
            self._out(f"FAILED: {name}: {_describe(error)}{extra}")
            if os.environ.get("MIGRANT_DIRECTORY_DEBUG"):
                self._out("".join(traceback.format_exception(error)))
            return False
        finally:
            sys.excepthook = previous_hook
        self.passed += 1
        self._out(f"ok: {name}" + (f": {detail}" if detail else ""))
        return True


def _describe(error: BaseException) -> str:
    """A check's own findings and user-facing errors as they are; anything else with its
    type, since that is what a developer needs to find it."""
    from desktop.errors import UserError

    text = str(error) or type(error).__name__
    if isinstance(error, AssertionError | UserError):
        return text
    return f"{type(error).__name__}: {text}"


def _ensure_display() -> None:
    """Render offscreen when there is no display (a server, CI, an SSH session)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


# -- checks without Qt -------------------------------------------------------------------

def check_directory(path: Path) -> str:
    from desktop.directory.database import Directory

    directory = Directory(path)
    try:
        info = directory.info()
    finally:
        directory.close()
    assert info.organizations > 0, f"{path} holds no organisations"
    return f"{path} ({info.organizations} organisations, {info.services} services)"


def check_search(path: Path) -> str:
    """A word from a real entry's name finds that entry; its first letters find something.

    Taken from the directory itself, so the check holds for an installed update too.
    """
    from desktop.directory.database import Directory
    from desktop.directory.search import SearchRequest

    directory = Directory(path)
    try:
        first = directory.search(SearchRequest(sort="name"), limit=1).rows
        assert first, "browsing the directory returned no entry"
        entry = first[0]
        word = max((w for w in entry.name.split() if w.isalnum()), key=len, default="")
        assert len(word) >= 3, f"no searchable word in the name {entry.name!r}"
        found = directory.search(SearchRequest(word), limit=500).rows
        assert any(row.organization_id == entry.organization_id for row in found), \
            f"searching {word!r} did not find {entry.name!r}"
        prefix = word[:3]
        as_you_type = directory.search(SearchRequest(prefix), limit=1).rows
        assert as_you_type, f"searching the prefix {prefix!r} found nothing"
    finally:
        directory.close()
    return f"{word!r} finds {entry.name!r} ({len(found)} results); {prefix!r} finds entries"


def check_spelling() -> str:
    """Typo correction compares words in C. The bundle keeps only rapidfuzz's generic
    edit-distance build; were it missing, rapidfuzz would quietly fall back to Python."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    modules = (OSA.distance.__module__, process.extract.__module__)
    assert all("_cpp" in module for module in modules), \
        f"typo correction runs in Python, not C ({', '.join(modules)})"
    best = process.extractOne("hosing", ["legal", "housing"], scorer=OSA.distance)
    assert best is not None and best[0] == "housing", f"'hosing' was matched to {best}"
    return f"'hosing' → 'housing' in C ({', '.join(modules)})"


def check_catalog(locale: str) -> str:
    """The compiled catalog loads and translates, and Babel has the locale's CLDR data."""
    from babel import localedata

    from desktop.i18n import _, current_locale, format_date, set_language
    from desktop.i18n.locales import formatting_locale

    set_language(locale)
    assert current_locale() == locale, f"switching to {locale} gave {current_locale()}"
    assert localedata.exists(formatting_locale(locale)), \
        f"Babel's CLDR data for {locale} is missing"
    today = format_date(date.today())
    assert today, "a date formatted to nothing"
    if locale == SOURCE_LOCALE:
        return f"source language; today is {today}"
    msgid, msgstr, translated = _catalog_sample(locale)
    assert _(msgid) == msgstr, f"{msgid!r} was not translated to the catalog's {msgstr!r}"
    return f"{translated} translated messages; today is {today}"


def _catalog_sample(locale: str) -> tuple[str, str, int]:
    """One translated message of the compiled catalog, and how many it translates."""
    from babel.messages.mofile import read_mo

    mo = paths.translations_dir() / locale / "LC_MESSAGES" / "messages.mo"
    assert mo.is_file(), f"{mo} is missing"
    with mo.open("rb") as handle:
        catalog = read_mo(handle)
    plain = [m for m in catalog if m.id and isinstance(m.id, str) and not m.context
             and isinstance(m.string, str) and m.string]
    assert plain, f"{mo} translates nothing"
    return plain[0].id, plain[0].string, len(plain)


def check_favourite(folder: Path) -> str:
    """A favourite written in one session is read back in the next (a temporary folder)."""
    from desktop.userdata import FILE_NAME, UserData

    path = folder / FILE_NAME
    data = UserData.open(path)
    try:
        data.set_favourite("self-test-entry", "Self-test entry", True)
    finally:
        data.close()
    data = UserData.open(path)
    try:
        saved = [f.org_id for f in data.favourites()]
    finally:
        data.close()
    assert saved == ["self-test-entry"], f"read back {saved} instead of the saved favourite"
    return str(path)


def check_user_data_folder() -> str:
    """The real user-data folder (or the portable one) exists and can be written."""
    from desktop.files import folder_is_writable

    folder = paths.user_data_dir()
    assert folder_is_writable(folder), (
        f"{folder} is read-only: the app will run, but favourites and correction reports "
        "will be off and no update can be installed")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".self-test-") as probe:
        probe.write(b"ok")
        probe.flush()
    return str(folder)


def check_salvage(folder: Path) -> str:
    """A user-data file cut short (a power cut while copying) gives back what is on it."""
    from desktop.userdata import FILE_NAME, UserData

    path = folder / FILE_NAME
    data = UserData.open(path)
    try:
        for n in range(200):
            data.set_favourite(f"self-test-{n:03d}", f"Self-test entry {n} " + "·" * 40, True)
    finally:
        data.close()
    whole = path.read_bytes()
    path.write_bytes(whole[:len(whole) // 2 // 4096 * 4096])
    logging.disable(logging.WARNING)  # the warning is expected here, not news to the admin
    try:
        data = UserData.open(path)
    finally:
        logging.disable(logging.NOTSET)
    try:
        kept = len(data.favourites())
    finally:
        data.close()
    assert data.moved_aside is not None, "the cut file was not recognised as damaged"
    assert kept > 0, "nothing was salvaged from a file cut in half"
    return f"{kept} of 200 favourites read back from a file cut in half"


def check_update_leftovers() -> str:
    """What an interrupted update left beside the installed directory (removed now)."""
    from desktop.directory.update import remove_leftovers

    removed = remove_leftovers(paths.installed_directory())
    return (f"removed {removed} unfinished update copies" if removed
            else "no unfinished update copies")


def check_signatures(work: Path) -> str:
    """Offline updates can be signed and verified (the native crypto library is there)."""
    from desktop.directory.update import (
        file_digest,
        generate_keypair,
        sign_file,
        verify_signature,
    )

    payload = work / "update-probe.bin"
    payload.write_bytes(b"self-test " * 100)
    private, public = work / "key.pem", work / "key.pub"
    generate_keypair(private, public)
    signature = sign_file(payload, private)
    verify_signature(signature, public, *file_digest(payload))
    return "Ed25519 sign and verify"


# -- checks with Qt ----------------------------------------------------------------------

def check_qt() -> str:
    from PySide6.QtGui import QGuiApplication

    from desktop.ui.app import create_application

    create_application()
    return f"platform {QGuiApplication.platformName()}"


def check_fonts() -> str:
    from desktop.ui.fonts import load_bundled_fonts

    families = load_bundled_fonts()
    for wanted in ("Noto Sans Arabic", "Noto Sans Ethiopic"):
        assert wanted in families, f"{wanted} is not among the bundled fonts {families}"
    return ", ".join(families)


def check_qt_translation(locale: str) -> str:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import is_rtl
    from desktop.i18n.qt import apply_language

    app = QApplication.instance()
    assert isinstance(app, QApplication), "no Qt application"
    apply_language(app, locale)
    wanted = Qt.LayoutDirection.RightToLeft if is_rtl(locale) else Qt.LayoutDirection.LeftToRight
    assert app.layoutDirection() == wanted, f"layout direction is {app.layoutDirection()}"
    text = QCoreApplication.translate(*QT_PROBE)
    if locale in QT_TRANSLATED_LOCALES:
        assert text != QT_PROBE[1], f"Qt's own catalog qtbase_{locale} was not loaded"
        return f"Qt's {QT_PROBE[1]!r} is {text!r}"
    return "no Qt catalog for this language; Qt's own strings stay English"


def check_screens(locale: str, out_dir: Path, directory: Path) -> str:
    from PySide6.QtGui import QImage

    from desktop.ui.screenshot import DIALOGS, PAGES, render_all

    files = render_all(locale, out_dir, directory=directory)
    screens = len(PAGES) + len(DIALOGS)
    assert len(files) == screens, f"{len(files)} of {screens} pages and dialogs were drawn"
    for file in files:
        with Path(file).open("rb") as handle:
            assert handle.read(8) == PNG_MAGIC, f"{file} is not a PNG picture"
        image = QImage(str(file))
        assert not image.isNull() and image.width() > 0, f"{file} is empty"
        assert _has_content(image), f"{file} is blank"
    return ", ".join(Path(f).stem.rsplit("-", 1)[0] for f in files)


def _has_content(image) -> bool:
    """More than one colour on a horizontal and a vertical line through the middle."""
    middle_x, middle_y = image.width() // 2, image.height() // 2
    colours = {image.pixel(x, middle_y) for x in range(0, image.width(), 4)}
    colours |= {image.pixel(middle_x, y) for y in range(0, image.height(), 4)}
    return len(colours) > 1


def check_qr_and_pdf(directory_path: Path, out: Path) -> str:
    """An entry's QR contact code, and the entry saved as PDF with Arabic shaping fonts."""
    from desktop.directory.database import Directory
    from desktop.directory.search import SearchRequest
    from desktop.ui.handoff import fitting_payload, qr_matrix
    from desktop.ui.printing import write_pdf

    directory = Directory(directory_path)
    try:
        row = directory.search(SearchRequest(sort="name"), limit=1).rows[0]
        org = directory.organization(row.organization_id, "ar")
        assert org is not None, f"the entry {row.organization_id} cannot be read"
    finally:
        directory.close()
    matrix = qr_matrix(fitting_payload(org, "ar")[0])
    assert matrix and any(any(r) for r in matrix), "the QR code is empty"
    # An entry with a very long name and website must still open, its code cut to fit.
    long_entry = replace(org, name=org.name + " ·" * 150,
                         website="https://example.org/" + "x" * 3000)
    assert qr_matrix(fitting_payload(long_entry, "ar")[0]), "a long entry has no QR code"
    pdf = write_pdf([org], out, "ar")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-"), f"{pdf} is not a PDF"
    # The Arabic text must be drawn with the bundled font, not boxes from a fallback.
    assert b"NotoSansArabic" in data, f"{pdf} does not embed the bundled Arabic font"
    return (f"QR {len(matrix)}×{len(matrix)} modules; Arabic PDF {len(data)} bytes "
            "with the bundled Noto Sans Arabic")


# -- the run -----------------------------------------------------------------------------

def _directory_the_app_opens(write: Callable[[str], None]) -> Path:
    """The directory the app would open: an installed update it cannot read is passed
    over for the one that came with the app, as the app does, and said so."""
    from desktop.directory.database import open_active_directory

    try:
        directory, update_problem = open_active_directory()
    except UserError:
        return paths.active_directory()  # "directory opens" reports what is wrong
    directory.close()
    if update_problem is not None:
        write(f"  note: the installed update is passed over: {update_problem}")
    return directory.path


def run_self_test(args: argparse.Namespace, out: Callable[[str], None] | None = None) -> int:
    """Run every check; 0 when all passed, 1 otherwise."""
    write = out or _print
    _ensure_display()
    mode = "frozen bundle" if paths.is_frozen() else "source tree"
    write(f"migrant-directory self-test ({mode}, {paths.app_root()})")
    directory = Path(args.directory) if getattr(args, "directory", None) \
        else _directory_the_app_opens(write)
    test = SelfTest(write)
    with tempfile.TemporaryDirectory(prefix="migrant-directory-self-test-") as temp:
        work = Path(temp)
        directory_ok = test.run("directory opens", lambda: check_directory(directory))
        if directory_ok:
            test.run("search", lambda: check_search(directory))
        test.run("typo correction", check_spelling)
        for locale in SHIPPED_LOCALES:
            test.run(f"catalog {locale}", lambda locale=locale: check_catalog(locale))
        (work / "user-data").mkdir()
        test.run("favourite saved and read back",
                 lambda: check_favourite(work / "user-data"))
        test.run("user data folder writable", check_user_data_folder)
        (work / "salvage").mkdir()
        test.run("damaged user data salvaged", lambda: check_salvage(work / "salvage"))
        test.run("update leftovers", check_update_leftovers)
        test.run("update signatures", lambda: check_signatures(work))

        if test.run("Qt starts", check_qt):
            test.run("bundled fonts", check_fonts)
            for locale in SHIPPED_LOCALES:
                test.run(f"Qt translations {locale}",
                         lambda locale=locale: check_qt_translation(locale))
            if directory_ok:
                test.run("QR code and PDF",
                         lambda: check_qr_and_pdf(directory, work / "entry.pdf"))
                for locale in SHIPPED_LOCALES:
                    test.run(f"screens {locale}",
                             lambda locale=locale: check_screens(locale, work / "screens",
                                                                 directory))
    total = test.passed + test.failed
    if test.failed:
        write(f"self-test FAILED: {test.failed} of {total} checks failed")
        return 1
    write(f"self-test passed: {total} checks")
    return 0


def _print(line: str) -> None:
    print(line, flush=True)
