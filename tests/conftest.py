"""Shared fixtures. Every test runs offscreen, with its own empty user-data folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "db" / "sources"
DEMO_SOURCES = ROOT / "db" / "demo"
# Open Referral HSDS 3.0 schemas and examples, vendored with their CC BY-SA licence.
HSDS_REFERENCE = ROOT / "tests" / "reference" / "hsds-3"


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user-data folder, so no test reads or writes the real one."""
    folder = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("MIGRANT_DIRECTORY_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True)
def english_interface() -> None:
    """Every test starts with English gettext, whatever the previous one switched to."""
    from desktop.i18n import current_locale, set_language

    if current_locale() != "en":
        set_language("en")


@pytest.fixture(autouse=True)
def no_leftover_windows(request: pytest.FixtureRequest) -> Iterator[None]:
    """Delete every window a GUI test leaves behind, after its own fixtures closed it.

    A widget that outlives its test (and its closed directory) would otherwise answer
    the next test's language switch and fail there, far from its cause.
    """
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        shutdown = getattr(widget, "shutdown", None)
        if callable(shutdown):
            shutdown()
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(scope="session")
def embedded_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded default directory, as ``make run`` opens it: real entries only."""
    from desktop.directory.build import build_directory

    path = tmp_path_factory.mktemp("embedded") / "directory.db"
    build_directory(SOURCES, path)
    return path


@pytest.fixture(scope="session")
def built_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real entries plus the demonstration entries of ``db/demo`` (``db build --demo``):
    a stable, well-filled directory for stories about screens, search and exchange."""
    from desktop.directory.build import build_directory

    path = tmp_path_factory.mktemp("directory") / "directory.db"
    build_directory(SOURCES, path, demo_dir=DEMO_SOURCES)
    return path


@pytest.fixture
def directory_copy(built_directory: Path, tmp_path: Path) -> Path:
    """A private copy of the embedded directory that a test may change or break."""
    copy = tmp_path / "directory.db"
    shutil.copyfile(built_directory, copy)
    return copy


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def logfail(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test fails on an unexpected error in the log, as a user would meet it; a test
    that expects one says so with ``@pytest.mark.expected_error_log``."""
    import logging

    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("expected_error_log"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, "unexpected error logged: " + "; ".join(
        f"{r.name}: {r.getMessage()}" for r in errors)
