"""A person arrives on the home screen: search field ready, categories, emergency numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.directory.schema import CATEGORY_CODES
from desktop.ui.emergency import EmergencyDialog
from tests.ui_support import wait_for_results

pytest_plugins = ["tests.ui_fixtures"]


def test_the_search_field_has_the_focus_at_start(qtbot, window):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.home.search_field)
    assert window.current_page_name() == "home"
    assert not window.top_bar.search.isVisible(), "home has one search field, not two"
    assert not window.top_bar.back.isVisible()


def test_nine_category_tiles_with_words_open_their_category(qtbot, window, context):
    tiles = window.home.tiles
    assert [tile.code for tile in tiles] == list(CATEGORY_CODES)
    names = context.directory.category_names("en")
    assert [tile.label() for tile in tiles] == [names[code].text for code in CATEGORY_CODES]
    housing = next(tile for tile in tiles if tile.code == "housing")
    qtbot.mouseClick(housing, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.results.request().filters.categories == {"housing"}
                    and window.results.summary_is_current())
    rows = [window.results.model.row_at(i) for i in range(window.results.model.rowCount())]
    assert rows and all("housing" in row.categories for row in rows)
    box = window.results.filters.checkbox("category", "housing")
    assert box is not None and box.isChecked(), "the chosen category shows as a ticked filter"


def test_a_tile_is_pressed_with_the_keyboard_too(qtbot, window):
    legal = next(tile for tile in window.home.tiles if tile.code == "legal")
    legal.setFocus()
    qtbot.keyClick(legal, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.results.request().filters.categories == {"legal"})
    assert window.current_page_name() == "results"


def test_emergency_numbers_are_one_click_away_for_any_country(qtbot, window, context):
    context_country = context.country
    expected = context.directory.emergency_numbers(context_country)
    assert expected is not None
    assert expected.general in window.home._emergency_summary.text()
    qtbot.mouseClick(window.home.emergency_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(EmergencyDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.numbers["police"].text() == expected.police
    other = next(n for n in context.directory.all_emergency_numbers()
                 if n.police != expected.police)
    dialog.country.setCurrentIndex(dialog.country.findData(other.country_code))
    assert dialog.numbers["police"].text() == other.police
    assert dialog.numbers["police"].accessibleName().endswith(other.police)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_search_typed_on_home_is_found_after_pressing_enter(qtbot, window):
    field = window.home.search_field
    field.setText("sindicato")  # pasted, not typed: Enter starts the search
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_for_results(qtbot, window, "sindicato")
    assert window.results.model.rowCount() > 0


def test_nothing_is_cut_off_at_double_text_size(qtbot, window):
    from desktop.ui.theme import apply_theme

    app = QApplication.instance()
    try:
        apply_theme(app, "light", 2.0)
        qtbot.waitUntil(lambda: window.home._title.fontInfo().pointSizeF()
                        > 1.5 * window.home.fontInfo().pointSizeF())
        window.resize(1024, 700)
        qtbot.waitUntil(lambda: window.width() == 1024)
        for tile in window.home.tiles:
            assert tile.height() >= tile.minimumSizeHint().height(), tile.label()
            assert tile.width() >= tile.minimumSizeHint().width(), tile.label()
        bar = window.top_bar
        buttons = (bar.favourites, bar.settings, bar.about, bar.language)
        # The bar settles through Qt's layout passes: wait for them, then check.
        qtbot.waitUntil(lambda: all(b.width() >= b.minimumSizeHint().width() for b in buttons))
        assert bar.layout().minimumSize().width() <= bar.width(), "the top bar fits"
    finally:
        apply_theme(app, "system", 1.0)
