"""A person searches, filters, sorts and opens an entry on the results screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.directory import database
from desktop.directory.search import SearchRequest
from desktop.ui.results_model import Role
from tests.ui_support import (
    build_tiny_directory,
    click_checkbox,
    dispose,
    make_context,
    press,
    type_into_focus,
    wait_for_results,
)

pytest_plugins = ["tests.ui_fixtures"]  # the ``context`` and ``window`` fixtures


def shown_rows(main):
    model = main.results.model
    return [model.row_at(i) for i in range(model.rowCount())]


def test_typing_on_home_shows_matching_results_as_you_type(qtbot, window):
    qtbot.waitUntil(lambda: window.home.search_field.hasFocus())
    type_into_focus("hous")
    wait_for_results(qtbot, window, "hous")
    assert window.current_page_name() == "results"
    assert window.top_bar.search.text() == "hous"
    assert window.top_bar.search.hasFocus(), "typing goes on in the top search field"
    rows = shown_rows(window)
    assert rows and all(
        "housing" in row.categories or "hous" in row.name.casefold() for row in rows[:5])
    assert "organisation" in window.results._count_label.text()


def test_ticking_a_language_filter_narrows_the_results(qtbot, window):
    window.show_results("")
    wait_for_results(qtbot, window, "")
    everything = window.results._count
    box = window.results.filters.checkbox("language", "ar")
    assert box is not None and "Arabic" in box.text()
    click_checkbox(qtbot, box)
    qtbot.waitUntil(lambda: window.results.request().filters.languages == {"ar"}
                    and window.results.summary_is_current())
    rows = shown_rows(window)
    assert rows and all("ar" in row.languages for row in rows)
    assert 0 < window.results._count < everything
    # The empty "nothing found" state offers to remove the filters.
    window.top_bar.search.setFocus()
    type_into_focus("zzzqqq")
    wait_for_results(qtbot, window, "zzzqqq")
    assert window.results._body.currentWidget() is window.results.empty
    clear = window.results.empty.clear_button
    assert clear.isVisible()
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.results.request().filters.is_empty()
                    and window.results.summary_is_current())


def test_sorting_by_name_lists_entries_as_the_directory_orders_them(qtbot, window, context):
    window.show_results("union")
    wait_for_results(qtbot, window, "union")
    sort = window.results._sort
    sort.setFocus()
    sort.setCurrentIndex(sort.findData("name"))
    qtbot.waitUntil(lambda: window.results.request().sort == "name"
                    and window.results.summary_is_current())
    # The window's request also carries where the person is (local entries first).
    request = window.results.request()
    assert request.text == "union" and request.home == (context.country, context.city)
    expected = context.directory.search(request, limit=10).rows
    assert [r.organization_id for r in shown_rows(window)[:10]] == \
        [r.organization_id for r in expected]


def test_distance_order_is_offered_only_when_a_location_is_known(qtbot, window):
    sorts = window.results._sort
    assert sorts.findData("distance") == -1


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Space])
def test_keyboard_opens_the_details_of_the_chosen_entry(qtbot, window, key):
    qtbot.waitUntil(lambda: window.home.search_field.hasFocus())
    type_into_focus("union")
    wait_for_results(qtbot, window, "union")
    press(Qt.Key.Key_Down)  # from the search field into the list
    assert window.results.view.hasFocus()
    press(Qt.Key.Key_Down)  # the second entry
    chosen = window.results.view.currentIndex().data(Role.ROW)
    press(key)
    assert window.current_page_name() == "details"
    texts = [label.text() for label in window.details.findChildren(QLabel)]
    assert chosen.name in texts
    window.top_bar.back.click()
    assert window.current_page_name() == "results"


def test_long_result_lists_are_fetched_page_by_page(qtbot, window):
    window.show_results("")
    wait_for_results(qtbot, window, "")
    model = window.results.model
    first = model.rowCount()
    assert first < window.results._count, "the first page holds only part of the list"
    window.results.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > first)
    ids = [model.row_at(i).organization_id for i in range(model.rowCount())]
    assert len(ids) == len(set(ids)), "pages follow each other without repeats"


def test_the_model_never_queries_the_database_while_drawing(qtbot, window, built_directory,
                                                            monkeypatch):
    statements: list[str] = []
    real_connect = database._connect_read_only

    def traced(path: Path) -> sqlite3.Connection:
        conn = real_connect(path)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(database, "_connect_read_only", traced)
    window.results.shutdown()  # the worker reopens its connection through ``traced``
    from desktop.ui.search_worker import SearchService

    service = SearchService(built_directory, window.results)
    service.page_ready.connect(window.results._on_page)
    service.summary_ready.connect(window.results._on_summary)
    window.results._service = service
    window.show_results("Penang")
    wait_for_results(qtbot, window, "Penang")
    model = window.results.model
    assert model.rowCount() > 0 and not model.canFetchMore()
    assert statements, "the search itself did reach the database"
    statements.clear()
    for row in range(model.rowCount()):
        index = model.index(row)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                     Role.ROW, Role.ORGANIZATION_ID):
            model.data(index, role)
    window.results.view.grab()  # every visible row painted by the delegate
    assert statements == []
    service.shutdown()


@pytest.mark.parametrize("hostile", ["<img src=x>", '<a href="file:///">link</a>'])
def test_hostile_markup_in_a_name_is_shown_literally(qtbot, tmp_path, hostile):
    from desktop.i18n.qt import apply_language
    from desktop.ui.main_window import MainWindow

    path = build_tiny_directory(tmp_path, [hostile, "Plain neighbour"])
    apply_language(QApplication.instance(), "en")
    for ctx in make_context(path):
        main = MainWindow(ctx)
        main.show()
        main.show_results("")
        wait_for_results(qtbot, main, "")
        model = main.results.model
        names = [model.index(i).data() for i in range(model.rowCount())]
        assert hostile in names
        row = names.index(hostile)
        assert hostile in model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
        main.show_details(model.index(row).data(Role.ORGANIZATION_ID))
        showing = [label for label in main.findChildren(QLabel) if "<" in label.text()]
        assert showing, "the name appears on the details page"
        for label in showing:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        dispose(main)


def test_answers_to_an_older_query_never_replace_newer_ones(qtbot, built_directory):
    from desktop.ui.search_worker import SearchService

    service = SearchService(built_directory)
    delivered: list[int] = []
    service.page_ready.connect(lambda generation, _page, _first: delivered.append(generation))
    try:
        older = service.search(SearchRequest("a"))
        newer = service.search(SearchRequest("union"))
        with qtbot.waitSignal(service.summary_ready, timeout=10000) as summary:
            pass
        assert summary.args[0] == newer
        assert older not in delivered and newer in delivered
    finally:
        service.shutdown()
