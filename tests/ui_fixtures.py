"""Fixtures for the UI tests; test modules load them with
``pytest_plugins = ["tests.ui_fixtures"]``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication

from desktop.i18n.qt import apply_language
from desktop.ui.context import AppContext
from tests.ui_support import dispose, make_context

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow


# -- fixtures shared by the UI tests (imported by name into each test module) ------------

@pytest.fixture
def context(built_directory: Path) -> Iterator[AppContext]:
    yield from make_context(built_directory)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    """The app's main window on the embedded directory, in English, shown and focused."""
    from desktop.ui.main_window import MainWindow

    apply_language(QApplication.instance(), "en")
    main = MainWindow(context)
    main.show()
    qtbot.waitExposed(main)
    # The language picker is completed just after the first frame: tests start after it.
    qtbot.waitUntil(lambda: not main.top_bar.starting)
    main.activateWindow()
    yield main
    dispose(main)
