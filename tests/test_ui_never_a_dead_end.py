"""A person misspells a word, or searches for what the directory does not have: the app
says what it searched for instead, and nothing found is never a dead end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.directory.database import Directory
from desktop.i18n.qt import apply_language
from desktop.ui.context import AppContext
from desktop.userdata import NOT_FOUND, UserData
from tests.ui_support import dispose, wait_for_results

pytest_plugins = ["tests.ui_fixtures"]  # the ``context`` and ``window`` fixtures


def test_a_typo_is_corrected_and_the_person_can_search_as_typed(qtbot, window):
    window.show_results("leagal help")
    wait_for_results(qtbot, window, "leagal help")
    bar = window.results.correction
    assert bar.isVisible()
    assert "legal help" in bar.label.text()
    assert "leagal help" in bar.button.text()
    assert window.results.model.rowCount() > 0
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.results.request().as_typed
                    and window.results.summary_is_current())
    assert not bar.isVisible()


def test_one_letter_waits_for_the_next(qtbot, window):
    window.show_results("h")
    qtbot.waitUntil(lambda: window.results.request().text == "h")
    assert window.results._count_label.text() == "Type one more letter to search"
    assert window.results.model.rowCount() == 0


@pytest.fixture
def saving_window(qtbot, built_directory: Path, tmp_path: Path) -> Iterator:
    """The window with user data on disk, as on a laptop (a kiosk keeps nothing)."""
    from desktop.ui.main_window import MainWindow

    apply_language(QApplication.instance(), "en")
    directory = Directory(built_directory)
    user_data = UserData.open(tmp_path / "user-data.sqlite")
    main = MainWindow(AppContext(directory=directory, user_data=user_data, country="AU"))
    main.show()
    qtbot.waitExposed(main)
    yield main
    dispose(main)
    directory.close()
    user_data.close()


def test_nothing_found_gives_the_emergency_number_and_takes_a_report(qtbot, saving_window):
    window = saving_window
    window.show_results("zqxwvk")
    wait_for_results(qtbot, window, "zqxwvk")
    empty = window.results.empty
    assert window.results._body.currentWidget() is empty
    assert "000" in empty.emergency.text()  # the person is in Australia
    assert empty.report_button.isVisible()
    qtbot.mouseClick(empty.report_button, Qt.MouseButton.LeftButton)
    reports = window.context.user_data.corrections()
    assert [(r.reason, r.query, r.locale) for r in reports] == [(NOT_FOUND, "zqxwvk", "en")]
    assert empty.report_thanks.isVisible() and not empty.report_button.isEnabled()


def test_reports_go_out_with_the_query_and_every_cell_safe_for_spreadsheets(tmp_path):
    user_data = UserData.open(tmp_path / "user-data.sqlite")
    user_data.add_search_report("=HYPERLINK(\"x\")", "ar", "=cmd|' /C calc'!A0")
    out = tmp_path / "corrections.csv"
    assert user_data.export_corrections_csv(out) == 1
    text = out.read_text(encoding="utf-8-sig")
    assert "query,locale" in text.splitlines()[0]
    assert "'=HYPERLINK" in text and "'=cmd" in text
    user_data.close()


def test_no_result_is_chosen_for_the_person(qtbot, window):
    window.show_results("legal")
    wait_for_results(qtbot, window, "legal")
    assert window.results.model.rowCount() > 0
    assert not window.results.view.selectionModel().hasSelection()
