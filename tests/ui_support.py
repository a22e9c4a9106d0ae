"""Helpers for the UI tests: an app context on a real directory, typing like a person,
and a tiny directory built from hand-written sources."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton, QWidget

from desktop.directory.build import build_directory
from desktop.directory.database import Directory
from desktop.ui.context import AppContext
from desktop.userdata import UserData

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "db" / "sources"


def make_context(directory_path: Path) -> Iterator[AppContext]:
    directory = Directory(directory_path)
    user_data = UserData.in_memory()
    try:
        yield AppContext(directory=directory, user_data=user_data)
    finally:
        directory.close()
        user_data.close()


def type_into_focus(text: str) -> None:
    """Type as a person does: each key goes to whatever has the focus at that moment."""
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        QTest.keyClick(widget, char)


def press(key: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    QTest.keyClick(widget, key)


def visible_focusable(root: QWidget) -> list[QWidget]:
    """Widgets a keyboard user can reach with Tab on the screen as it is now."""
    return [w for w in root.findChildren(QWidget)
            if w.isVisibleTo(root) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus]


def build_tiny_directory(folder: Path, names: list[str]) -> Path:
    """A directory with one organisation per name (real categories and emergency numbers)."""
    sources = folder / "sources"
    (sources / "organizations").mkdir(parents=True)
    shutil.copyfile(SOURCES / "categories.toml", sources / "categories.toml")
    shutil.copyfile(SOURCES / "emergency_numbers.csv", sources / "emergency_numbers.csv")
    records = []
    for number, name in enumerate(names):
        org, loc, svc = (str(uuid.uuid5(uuid.NAMESPACE_URL, f"tiny/{number}/{part}"))
                         for part in ("org", "loc", "svc"))
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        records.append(f'''
[[organization]]
id = "{org}"
name = "{quoted}"
kind = "community"
description = "Hostile test entry {number}: {quoted}"
source_url = ["https://example.org/hostile-test"]
assured_date = "2026-01-01"

[[organization.location]]
id = "{loc}"
name = "Office"
address_1 = "{quoted} street 1"
city = "Brussels"
country = "BE"
latitude = 50.85
longitude = 4.35

[[organization.service]]
id = "{svc}"
name = "Advice"
description = "Advice for everyone"
categories = ["legal"]
languages = ["fr", "ar"]
hours = "Mo-Su 00:00-23:59"
''')
    (sources / "organizations" / "tiny.toml").write_text("".join(records), encoding="utf-8")
    return build_directory(sources, folder / "directory.db")


def dispose(main: QWidget) -> None:
    """Stop a window's background work and delete it now, so a later language switch
    in another test never reaches a window whose directory is closed."""
    shutdown = getattr(main, "shutdown", None)
    if callable(shutdown):
        shutdown()
    main.close()
    main.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def wait_for_results(qtbot: QtBot, main: MainWindow, text: str) -> None:
    """Until the results page shows the answer (list and counts) to ``text``."""
    results = main.results
    qtbot.waitUntil(lambda: results.request().text == text and results.summary_is_current())


def click_checkbox(qtbot: QtBot, box: QCheckBox) -> None:
    """Click on the box itself, where a person would."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center())
