"""The PyInstaller bundle a centre installs: built once per run from ``build.spec``, then
started the way an admin would start it, with no Python and no project virtualenv around.

The first tests check the trim rules on their own (fast); the ``bundle`` tests build the
bundle (about half a minute on two cores) and run the frozen self-test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import APP_ID
from desktop.i18n.locales import SHIPPED_LOCALES, SOURCE_LOCALE

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_contents  # noqa: E402

EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
BUILD_TIMEOUT_S = 1200  # a hung build fails the run instead of stalling CI
RUN_TIMEOUT_S = 300
# Libraries a Linux desktop provides and the build machine may lack (so PyInstaller could
# not bundle them); docs/install.md lists their packages.
DESKTOP_SYSTEM_LIBRARIES = frozenset({
    "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libwayland-cursor.so.0",
    "libwayland-client.so.0", "libwayland-egl.so.1", "libxcb.so.1", "libGL.so.1",
    "libEGL.so.1", "libOpenGL.so.0", "libGLX.so.0", "libcups.so.2",
})


# -- the trim rules ----------------------------------------------------------------------

@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlpsql.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),  # not a plugin: another rule's business
])
def test_only_the_qt_plugins_the_app_loads_are_kept(dest: str, kept: bool) -> None:
    assert bundle_contents.keep_qt_plugin(dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("rapidfuzz/distance/metrics_cpp.cpython-311-x86_64-linux-gnu.so", True),
    ("rapidfuzz/process_cpp_impl.cpython-311-x86_64-linux-gnu.so", True),
    ("rapidfuzz/distance/metrics_cpp_avx2.cpython-311-x86_64-linux-gnu.so", False),
    ("rapidfuzz/fuzz_cpp_avx2.cpython-311-x86_64-linux-gnu.so", False),
    ("rapidfuzz/fuzz_cpp.cp311-win_amd64.pyd", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
])
def test_only_the_generic_edit_distance_build_of_rapidfuzz_is_kept(dest: str,
                                                                   kept: bool) -> None:
    assert bundle_contents.keep_rapidfuzz_module(dest) is kept


def test_qt_translations_are_kept_for_shipped_languages_only() -> None:
    keep = bundle_contents.keep_qt_translation
    assert keep("PySide6/Qt/translations/qtbase_ar.qm")
    assert keep("PySide6/Qt/translations/qtbase_pt_BR.qm")  # what Qt loads for "pt" and "pt_BR"
    assert keep("PySide6\\translations\\qtbase_uk.qm")  # the Windows wheel layout
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/translations/qt_ar.qm")  # meta catalog of other modules
    assert not keep("PySide6/Qt/translations/qtbase_en.qm")  # English is the source


def test_cldr_data_is_kept_for_ui_and_host_languages(built_directory: Path) -> None:
    locales = bundle_contents.babel_locales(built_directory)
    assert {"root", *SHIPPED_LOCALES} <= locales
    assert "de" in locales  # Germany is in the embedded directory
    assert bundle_contents.keep_babel_locale("babel/locale-data/ti.dat", locales)
    assert not bundle_contents.keep_babel_locale("babel/locale-data/ja.dat", locales)


def test_libraries_nothing_links_to_are_pruned_and_system_ones_left_out() -> None:
    links = {
        "/x/QtCore.abi3.so": ["libQt6Core.so.6"],
        "/x/libqcups.so": ["libcups.so.2", "libQt6Gui.so.6"],
        "/x/libQt6Core.so.6": ["libicuuc.so.73"],
        "/x/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/x/libicuuc.so.73": [],
        "/x/libQt6Network.so.6": ["libssl.so.3"],
        "/x/libssl.so.3": [],
        "/x/libcups.so.2": ["libgnutls.so.30"],
        "/x/libgnutls.so.30": [],
    }
    binaries = [
        ("PySide6/QtCore.abi3.so", "/x/QtCore.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/printsupport/libqcups.so", "/x/libqcups.so", "BINARY"),
        *[(f"PySide6/Qt/lib/{Path(src).name}", src, "BINARY") for src in links
          if Path(src).name.startswith("lib") and "qcups" not in src],
    ]
    kept = bundle_contents.prune_unreachable_libraries(
        binaries, lambda src: [(name, None) for name in links[src]])
    names = {Path(dest).name for dest, _src, _kind in kept}
    assert names == {"QtCore.abi3.so", "libqcups.so", "libQt6Core.so.6", "libQt6Gui.so.6",
                     "libicuuc.so.73"}


def test_elf_dependencies_are_read_without_tools() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("ELF files are a Linux matter")
    import PySide6

    qtcore = next(Path(PySide6.__file__).parent.glob("QtCore*.so"))
    needed = bundle_contents.elf_needed(qtcore)
    assert "libQt6Core.so.6" in needed
    assert all("/" not in name for name in needed)  # names, as the linker sees them


def test_a_missing_build_output_stops_the_build_with_one_message(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        bundle_contents.check_build_inputs(tmp_path)
    message = str(stopped.value)
    assert "make setup" in message
    assert "directory.db" in message
    assert f"{Path('ar') / 'LC_MESSAGES' / 'messages.mo'}" in message


# -- the frozen bundle -------------------------------------------------------------------

@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dist/migrant-directory/`` built from ``build.spec`` into a temporary folder."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is not installed here: pip install -e '.[dev]'")
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    assert result.returncode == 0, f"the bundle did not build:\n{result.stdout}\n{result.stderr}"
    return out / "dist" / APP_ID


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a centre's machine has: no virtualenv, no PYTHONPATH, not even PATH."""
    env = {"HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    env.update(extra)
    return env


def run_frozen(bundle: Path, args: list[str], env: dict[str, str], cwd: Path
               ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / f"{APP_ID}{EXE_SUFFIX}"), *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT_S)


@pytest.mark.bundle
def test_the_frozen_self_test_passes_with_no_python_around(bundle: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg-data"
    result = run_frozen(bundle, ["--self-test"],
                        clean_env(tmp_path, XDG_DATA_HOME=str(xdg)), cwd=tmp_path)
    report = result.stdout
    assert result.returncode == 0, f"{report}\n{result.stderr}"
    assert "FAILED" not in report
    assert "(frozen bundle," in report
    # The directory is the one shipped inside the bundle, found through desktop.paths.
    assert f"ok: directory opens: {bundle}" in report
    expected = ["search", "typo correction", "favourite saved and read back",
                "update signatures", "Qt starts",
                "bundled fonts", "QR code and PDF"]
    expected += [f"catalog {locale}" for locale in SHIPPED_LOCALES]
    expected += [f"Qt translations {locale}" for locale in SHIPPED_LOCALES]
    expected += [f"screens {locale}" for locale in SHIPPED_LOCALES]
    for check in expected:
        assert f"ok: {check}" in report, f"no 'ok: {check}' in:\n{report}"
    assert f"ok: user data folder writable: {xdg / APP_ID}" in report
    assert "self-test passed" in report


@pytest.mark.bundle
def test_portable_mode_keeps_user_data_next_to_the_program(bundle: Path, tmp_path: Path) -> None:
    xdg = tmp_path / "xdg-data"
    result = run_frozen(bundle, ["--portable", "--self-test"],
                        clean_env(tmp_path, XDG_DATA_HOME=str(xdg)), cwd=tmp_path)
    # Only where the data went matters here; the other checks are the test above's.
    beside = bundle / "user-data"
    assert f"ok: user data folder writable: {beside}" in result.stdout
    assert beside.is_dir()
    assert not (xdg / APP_ID).exists(), "portable mode wrote to the user's data folder"


@pytest.mark.bundle
def test_the_frozen_app_opens_its_window_and_exits_after_the_first_frame(
        bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "user-data"
    result = run_frozen(bundle, ["--exit-after-startup"],
                        clean_env(tmp_path, MIGRANT_DIRECTORY_DATA=str(data)), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.bundle
def test_the_bundle_ships_its_data_and_leaves_out_what_the_app_does_not_use(
        bundle: Path) -> None:
    inside = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    assert (inside / "db" / "directory.db").is_file()
    for locale in SHIPPED_LOCALES:
        if locale != SOURCE_LOCALE:
            assert (inside / "translations" / locale / "LC_MESSAGES" / "messages.mo").is_file()
    assert not list(inside.glob("translations/**/*.po")), "catalog sources are not shipped"
    fonts = inside / "resources" / "fonts"
    assert list(fonts.glob("NotoSansArabic*")) and list(fonts.glob("NotoSansEthiopic*"))
    assert [p for p in fonts.iterdir() if "OFL" in p.name.upper()], "the fonts' licence"
    qt = next(inside.glob("PySide6/**/translations"))
    shipped_qm = {p.name for p in qt.glob("*.qm")}
    assert {"qtbase_ar.qm", "qtbase_uk.qm", "qtbase_pt_BR.qm"} <= shipped_qm
    assert not [n for n in shipped_qm if not n.startswith("qtbase_")]
    assert "qtbase_de.qm" not in shipped_qm
    if sys.platform.startswith("linux"):  # for the desktop shortcut (docs/install.md)
        assert (bundle / f"{APP_ID}.desktop").is_file()
        assert (bundle / f"{APP_ID}.png").is_file()
    plugins = next(inside.glob("PySide6/**/plugins"))
    assert not (plugins / "sqldrivers").exists()
    assert not (plugins / "tls").exists()
    everything = {p.name for p in inside.rglob("*")}
    for unused in ("libQt6Network.so.6", "libQt6Qml.so.6", "libQt6Quick.so.6",
                   "libQt6Pdf.so.6", "libQt6OpenGL.so.6", "libQt6Sql.so.6",
                   "QtNetwork.abi3.so", "QtQml.abi3.so", "libcups.so.2",
                   "_rust.abi3.so"):  # the signature library with its own OpenSSL
        assert unused not in everything, f"{unused} is in the bundle"


@pytest.mark.bundle
def test_every_library_in_the_bundle_finds_what_it_links_to(bundle: Path) -> None:
    """Pruning must never drop a library something kept still needs (Linux: ldd)."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        pytest.skip("checked with ldd on Linux")
    inside = bundle / "_internal"
    missing: dict[str, set[str]] = {}
    env = {"LD_LIBRARY_PATH": str(inside), "PATH": os.environ.get("PATH", "")}
    for library in sorted(inside.rglob("*.so*")):
        if library.is_symlink() or not library.is_file():
            continue
        output = subprocess.run(["ldd", str(library)], capture_output=True, text=True,
                                env=env).stdout
        for line in output.splitlines():
            if "not found" in line:
                name = line.split("=>")[0].strip()
                if name not in DESKTOP_SYSTEM_LIBRARIES:
                    missing.setdefault(str(library.relative_to(inside)), set()).add(name)
    assert not missing, f"libraries with unresolved dependencies: {missing}"


def test_a_library_whose_dependencies_cannot_be_read_stops_the_build(tmp_path: Path) -> None:
    # An empty answer would let the bundle drop the libraries it needs: a damaged file
    # is an error; a file whose section headers were stripped is read from its segments.
    if not sys.platform.startswith("linux"):
        pytest.skip("ELF files are a Linux matter")
    import struct

    import PySide6

    qtcore = next(Path(PySide6.__file__).parent.glob("QtCore*.so"))
    expected = bundle_contents.elf_needed(qtcore)
    data = qtcore.read_bytes()
    stripped = bytearray(data)
    struct.pack_into("<H", stripped, 0x3C, 0)  # e_shnum = 0: no section headers
    (tmp_path / "stripped.so").write_bytes(stripped)
    assert bundle_contents.elf_needed(tmp_path / "stripped.so") == expected
    (tmp_path / "cut.so").write_bytes(data[:4096])
    with pytest.raises(ValueError, match=r"cut\.so: its dynamic section cannot be read"):
        bundle_contents.elf_needed(tmp_path / "cut.so")
