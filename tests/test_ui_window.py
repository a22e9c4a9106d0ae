"""The window as a whole: navigation, live language switching, keyboard and screen-reader
reach, a full session reset, and start-up from the command line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog

from desktop import paths
from desktop.i18n import _
from tests.ui_support import click_checkbox, visible_focusable, wait_for_results

pytest_plugins = ["tests.ui_fixtures"]
ROOT = Path(__file__).resolve().parent.parent


def accessible_name(widget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return widget.accessibleName() or (interface.text(QAccessible.Text.Name)
                                       if interface else "")


def test_back_goes_where_the_person_came_from(qtbot, window):
    window.show_results("union")
    wait_for_results(qtbot, window, "union")
    first = window.results.model.row_at(0)
    window.show_details(first.organization_id)
    assert window.current_page_name() == "details"
    qtbot.mouseClick(window.top_bar.back, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "results"
    assert window.top_bar.search.text() == "union", "the search is still there"
    qtbot.mouseClick(window.top_bar.back, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "home"
    assert not window.top_bar.back.isVisible()


def test_every_control_on_every_page_has_a_name_for_screen_readers(qtbot, window):
    window.show_results("sindicato")
    wait_for_results(qtbot, window, "sindicato")
    pages = {"home": window.show_home, "results": lambda: window.show_results("sindicato"),
             "details": lambda: window.show_details(window.results.model.row_at(0)
                                                    .organization_id),
             "favourites": window.show_favourites, "about": window.show_about}
    for name, show in pages.items():
        show()
        if name == "results":
            wait_for_results(qtbot, window, "sindicato")
        unnamed = [f"{type(w).__name__} {w.objectName()!r}"
                   for w in visible_focusable(window) if not accessible_name(w).strip()]
        assert unnamed == [], f"{name}: {unnamed}"


def test_the_language_picker_lists_every_language_once_the_window_is_on_screen(qtbot,
                                                                              window):
    from desktop.i18n import available_languages

    picker = window.top_bar.language
    codes = [lang.code for lang in available_languages()]
    qtbot.waitUntil(lambda: picker.count() == len(codes))
    assert [picker.itemData(i) for i in range(picker.count())] == codes
    assert picker.currentData() == "en"


def test_the_language_picker_is_as_tall_as_the_buttons_beside_it(qtbot, window):
    from desktop.i18n import set_language

    bar = window.top_bar
    for locale in ("en", "ar", "ti"):
        set_language(locale)
        qtbot.waitUntil(lambda: bar.language.height() == bar.favourites.height())
        assert bar.language.geometry().top() == bar.favourites.geometry().top()
    set_language("en")


def test_switching_language_changes_words_and_direction_at_once(qtbot, window):
    window.show_results("union")
    wait_for_results(qtbot, window, "union")
    english_title = window.windowTitle()
    english_sort = window.results._sort_label.text()
    picker = window.top_bar.language
    try:
        picker.setCurrentIndex(picker.findData("ar"))
        picker.activated.emit(picker.currentIndex())
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # Qt delivers the language change through the event loop.
        qtbot.waitUntil(lambda: window.windowTitle() == _("Migrant Community Directory"))
        assert window.results._sort_label.text() != english_sort
        assert window.results._sort_label.text() == _("Sort by")
        assert window.top_bar.back.accessibleName() == _("Back")
        assert window.context.user_data.get_setting("language") == "ar"
    finally:
        window.set_language("en")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    qtbot.waitUntil(lambda: window.windowTitle() == english_title)


def test_reset_session_forgets_everything_one_person_did(qtbot, window):
    window.show_results("housing")
    wait_for_results(qtbot, window, "housing")
    box = window.results.filters.checkbox("free_of_charge")
    click_checkbox(qtbot, box)
    qtbot.waitUntil(lambda: window.results.request().filters.free_of_charge)
    emergency = window.open_emergency()
    assert emergency.isVisible()
    window.reset_session()
    assert window.current_page_name() == "home"
    assert not [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert window.top_bar.search.text() == ""
    assert window.home.search_field.text() == ""
    assert window.results.filters.state().is_empty()
    assert window.results.model.rowCount() == 0
    assert window.results.query_text() == ""
    assert not window.top_bar.back.isVisible(), "no history left to go back to"


def _run_app(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MIGRANT_DIRECTORY_DATA=str(tmp_path))
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_app_starts_paints_and_exits_for_timing(built_directory, tmp_path):
    done = _run_app("--directory", str(built_directory), "--exit-after-startup", "--lang", "ti",
                    tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_directory_file_gives_one_clear_message(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_text("this is not a database", encoding="utf-8")
    done = _run_app("--directory", str(broken), "--exit-after-startup", tmp_path=tmp_path)
    assert done.returncode == 2
    assert str(broken) in done.stderr and "not an SQLite file" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_update_the_app_can_no_longer_read_does_not_keep_it_from_starting(
        built_directory, tmp_path):
    # A centre installed an update, then a newer app whose directory schema moved on.
    update = tmp_path / "directory" / paths.EMBEDDED_DIRECTORY_NAME
    update.parent.mkdir()
    shutil.copyfile(built_directory, update)
    with sqlite3.connect(update) as conn:
        conn.execute("PRAGMA user_version = 1")
    before = update.read_bytes()
    done = _run_app("--exit-after-startup", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "directory that came with the app is shown" in done.stderr
    assert str(update) in done.stderr and "old directory schema" in done.stderr
    assert "Traceback" not in done.stderr
    assert update.read_bytes() == before, "the update file is left as it was"


def test_settings_change_theme_and_text_size_at_once_and_remember_them(qtbot, window):
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.ui.theme import apply_theme

    app = QApplication.instance()
    before = app.font().pointSizeF()
    qtbot.mouseClick(window.top_bar.settings, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    try:
        dialog.theme.setCurrentIndex(dialog.theme.findData("high-contrast"))
        dialog.text_size.setCurrentIndex(dialog.text_size.findData(1.5))
        dialog.accept()
        assert app.font().pointSizeF() > before
        assert window.context.user_data.get_setting("theme") == "high-contrast"
        assert window.context.user_data.get_setting("text_scale") == 1.5
    finally:
        apply_theme(app, "system", 1.0)


def test_screens_are_rendered_to_pictures_for_translators(built_directory, tmp_path):
    from PySide6.QtGui import QImage

    from desktop.ui.screenshot import render_page

    out = render_page("results", "ar", tmp_path / "results-ar.png", query="union",
                      directory=built_directory)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


def test_every_screen_and_dialog_desktop_and_kiosk_is_drawn_for_a_translator(
        built_directory, tmp_path, capsys):
    # What a reviewer looks at: every page and dialog at 1366x768, at 200 % text, and the
    # kiosk's screens with its PIN pad and admin panel, in Tigrinya.
    from PySide6.QtGui import QImage

    from desktop.cli import main
    from desktop.ui.screenshot import DIALOGS, KIOSK_SCREENS, PAGES
    from desktop.ui.theme import apply_theme

    app = QApplication.instance()
    try:
        assert main(["--directory", str(built_directory), "i18n", "screenshots",
                     "--text-scale", "2", "-o", str(tmp_path / "desktop"), "ti"]) == 0
        assert main(["--directory", str(built_directory), "i18n", "screenshots", "--kiosk",
                     "--size", "1280x800", "-o", str(tmp_path / "kiosk"), "ti"]) == 0
    finally:
        app.setStyleSheet("")
        apply_theme(app, "system", 1.0)
    written = capsys.readouterr().out.split()
    expected = ([str(tmp_path / "desktop" / f"{name}-ti.png") for name in PAGES + DIALOGS]
                + [str(tmp_path / "kiosk" / f"kiosk-{name}-ti.png") for name in KIOSK_SCREENS])
    assert written == expected
    home = QImage(str(tmp_path / "desktop" / "home-ti.png"))
    assert (home.width(), home.height()) == (1366, 768)
    kiosk_home = QImage(str(tmp_path / "kiosk" / "kiosk-home-ti.png"))
    assert (kiosk_home.width(), kiosk_home.height()) == (1280, 800)
    for path in written:
        image = QImage(path)
        assert not image.isNull() and image.width() > 200, path


def test_a_screenshot_size_or_text_scale_that_makes_no_sense_is_refused(capsys):
    from desktop.cli import main

    for option, value in (("--size", "big"), ("--size", "10x10"), ("--text-scale", "3")):
        with pytest.raises(SystemExit) as stopped:
            main(["i18n", "screenshots", option, value, "-o", "/nowhere", "en"])
        assert stopped.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_social_worker_says_where_they_are_and_sees_the_nearest_first(qtbot, window):
    from desktop.ui.settings_dialog import SettingsDialog, saved_location

    window.show_results("help")
    wait_for_results(qtbot, window, "help")
    sorts = window.results._sort
    assert sorts.findData("distance") < 0, "no 'nearest first' before a location is known"

    qtbot.mouseClick(window.top_bar.settings, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SettingsDialog)
    brussels = next(i for i in range(dialog.location.count())
                    if dialog.location.itemText(i).startswith("Brussels"))
    dialog.location.setCurrentIndex(brussels)
    dialog.accept()

    assert sorts.findData("distance") >= 0
    window.results.set_sort("distance")
    wait_for_results(qtbot, window, "help")
    qtbot.waitUntil(lambda: window.results.model.rowCount() > 0
                    and window.results.model.row_at(0).distance_km is not None)
    first = window.results.model.row_at(0)
    assert first.country == "BE" and first.distance_km < 50
    # remembered for the next start
    assert saved_location(window.context.user_data)["city"] == "Brussels"
