"""``migrant-directory --self-test`` from the source tree: an admin checks an installation
and reads, line by line, what works and what does not.

The frozen bundle runs the same self-test in ``tests/test_bundle.py``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.i18n.locales import SHIPPED_LOCALES
from desktop.selftest import SelfTest, run_self_test


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The self-test switches through every language; later tests start in English."""
    yield
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import set_language

    app = QApplication.instance()
    if isinstance(app, QApplication):
        from desktop.i18n.qt import apply_language

        apply_language(app, "en")
    else:
        set_language("en")


def self_test(directory: Path) -> tuple[int, list[str]]:
    lines: list[str] = []
    code = run_self_test(argparse.Namespace(directory=str(directory)), out=lines.append)
    return code, lines


@pytest.mark.gui
def test_a_working_installation_passes_every_check(built_directory: Path,
                                                  user_data: Path) -> None:
    code, lines = self_test(built_directory)
    report = "\n".join(lines)
    assert code == 0, report
    assert lines[0].startswith("migrant-directory self-test (source tree")
    assert not [line for line in lines if line.startswith("FAILED")]
    for locale in SHIPPED_LOCALES:
        assert f"ok: catalog {locale}:" in report
        assert (f"ok: screens {locale}: home, results, details, favourites, about, "
                "settings, where, emergency, card, correction") in report
    assert f"ok: directory opens: {built_directory}" in report
    assert f"ok: user data folder writable: {user_data}" in report
    assert "ok: favourite saved and read back" in report
    assert "ok: damaged user data salvaged:" in report
    assert "ok: update leftovers: no unfinished update copies" in report
    assert lines[-1] == f"self-test passed: {len(lines) - 2} checks"
    # The favourite went to a temporary folder, never the user's own data.
    assert not (user_data / "user-data.sqlite").exists()


@pytest.mark.gui
def test_a_damaged_directory_fails_its_check_and_the_rest_still_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "directory.db"
    damaged.write_bytes(b"this is not a database" * 10)
    code = main(["--directory", str(damaged), "--self-test"])
    report = capsys.readouterr().out
    assert code == 1
    assert f"FAILED: directory opens: {damaged}" in report
    assert "not an SQLite file" in report
    # Checks that do not need the directory still report.
    assert "ok: catalog ar:" in report
    assert "ok: favourite saved and read back" in report
    assert "ok: damaged user data salvaged:" in report
    assert "ok: update leftovers: no unfinished update copies" in report
    assert "screens" not in report  # nothing to draw without a directory
    assert "self-test FAILED: 1 of" in report


def test_each_check_prints_ok_or_failed_and_the_failure_says_why() -> None:
    lines: list[str] = []
    test = SelfTest(lines.append)

    def broken() -> str:
        raise FileNotFoundError("resources/fonts is missing")

    def mistaken() -> str:
        raise AssertionError("searching 'union' found nothing")

    assert test.run("works", lambda: "fine")
    assert not test.run("fonts", broken)
    assert not test.run("search", mistaken)
    assert lines == [
        "ok: works: fine",
        "FAILED: fonts: FileNotFoundError: resources/fonts is missing",
        "FAILED: search: searching 'union' found nothing",
    ]
    assert (test.passed, test.failed) == (1, 2)


def test_an_error_swallowed_by_a_qt_event_handler_fails_the_check() -> None:
    """PySide prints exceptions raised in event handlers via sys.excepthook and carries
    on; a screen that drew while throwing must not count as working."""
    lines: list[str] = []
    test = SelfTest(lines.append)

    def draws_but_throws_in_a_handler() -> str:
        try:
            raise RuntimeError("changeEvent: the directory is closed")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        return "drawn"

    hook = sys.excepthook
    assert not test.run("screens ar", draws_but_throws_in_a_handler)
    assert lines == ["FAILED: screens ar: RuntimeError: changeEvent: the directory is closed"]
    assert sys.excepthook is hook  # put back after the check


@pytest.mark.gui
def test_an_update_the_app_passes_over_is_noted_and_the_rest_is_checked(
        built_directory: Path, user_data: Path) -> None:
    import shutil
    import sqlite3

    from desktop import paths

    update = paths.installed_directory()
    update.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built_directory, update)
    with sqlite3.connect(update) as conn:
        conn.execute("PRAGMA user_version = 1")
    lines: list[str] = []
    code = run_self_test(argparse.Namespace(directory=None), out=lines.append)
    report = "\n".join(lines)
    assert code == 0, report
    assert "note: the installed update is passed over" in report
    assert "old directory schema" in report
    assert f"ok: directory opens: {paths.embedded_directory()}" in report
