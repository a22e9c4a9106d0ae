"""A visitor at the community centre's touch screen, and the admin who looks after it.

Every way out is refused; each visitor is forgotten after they leave (in the widgets and
on disk); the admin gets in with the PIN, and guessing it is slowed down.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QContextMenuEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFontInfo,
    QKeySequence,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton, QWidget

from desktop.directory.search import SearchRequest
from desktop.errors import UserError
from desktop.i18n import current_locale
from desktop.kiosk.config import load_config
from desktop.kiosk.single_instance import acquire_single_instance
from desktop.ui.results_model import Role
from tests.kiosk_helpers import TEST_PIN, Kiosk, make_kiosk, write_config


@pytest.fixture
def kiosk(qtbot, built_directory: Path, tmp_path: Path) -> Iterator[Kiosk]:
    yield from make_kiosk(qtbot, built_directory, write_config(tmp_path))


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(kiosk: Kiosk, code: str, qtbot) -> None:
    click(qtbot, kiosk.session.welcome.buttons[code])


# -- welcome and touch ----------------------------------------------------------------------

def test_the_kiosk_opens_full_screen_and_frameless_on_the_welcome_screen(kiosk: Kiosk) -> None:
    window = kiosk.window
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert kiosk.session.on_welcome()
    # Offered languages in the config's order, each in its own name and script.
    buttons = kiosk.session.welcome.buttons
    assert list(buttons) == ["fr", "ar", "ti", "en", "uk", "ps"]
    assert buttons["ar"].name.text() == "العربية"
    assert buttons["ti"].name.text() == "ትግርኛ"
    assert buttons["uk"].name.text() == "Українська"
    # The screen starts in the centre's first language.
    assert current_locale() == "fr"


def test_touch_targets_are_at_least_48_px_and_text_at_least_18_px(kiosk: Kiosk,
                                                                  qtbot) -> None:
    choose(kiosk, "en", qtbot)
    qtbot.wait_until(lambda: kiosk.window.home.isVisible())
    assert QFontInfo(QApplication.instance().font()).pixelSize() >= 18
    small = [
        (button.objectName() or button.text(), button.height())
        for button in kiosk.window.findChildren(QPushButton)
        if button.isVisible() and button.height() < 48
    ]
    assert small == []
    for button in kiosk.session.welcome.buttons.values():
        assert button.minimumHeight() >= 48


def test_choosing_a_language_opens_home_in_that_language_right_to_left(kiosk: Kiosk,
                                                                       qtbot) -> None:
    choose(kiosk, "ar", qtbot)
    assert current_locale() == "ar"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert not kiosk.session.on_welcome()
    assert kiosk.window.current_page_name() == "home"


def test_the_centre_location_and_printer_reach_the_app(kiosk: Kiosk) -> None:
    context = kiosk.window.context
    assert context.location == (50.6326, 5.5797)
    assert context.country == "BE" and context.host_locale == "fr"
    assert context.printer_enabled and context.kiosk


def test_the_on_screen_keyboard_types_arabic_and_latin_into_the_search(kiosk: Kiosk,
                                                                       qtbot) -> None:
    choose(kiosk, "ar", qtbot)
    field = kiosk.window.home.search_field
    click(qtbot, field)  # touching the field brings the keyboard up
    keyboard = kiosk.session.keyboard
    assert keyboard.isVisible()
    assert keyboard.layout_name() == "arabic"
    for letter in "سكن":
        click(qtbot, keyboard.key_button(letter))
    # Typing on home moves on to the results, where typing goes on in the top search.
    qtbot.wait_until(lambda: kiosk.window.current_page_name() == "results")
    search = kiosk.window.top_bar.search
    assert search.text() == "سكن"

    assert search.hasFocus() and keyboard.isVisible()  # typing continues where it was
    click(qtbot, keyboard.findChild(QPushButton, "keyboardLayout-latin"))
    click(qtbot, keyboard.findChild(QPushButton, "keyboardSpace"))
    for letter in "hous":
        click(qtbot, keyboard.key_button(letter))
    click(qtbot, keyboard.findChild(QPushButton, "keyboardBackspace"))
    assert search.text() == "سكن hou"


def test_the_erase_key_points_at_the_letter_it_erases_in_each_direction(kiosk: Kiosk,
                                                                        qtbot) -> None:
    choose(kiosk, "ar", qtbot)
    click(qtbot, kiosk.window.home.search_field)
    keyboard = kiosk.session.keyboard
    erase = keyboard.findChild(QPushButton, "keyboardBackspace")
    assert erase.text() == "\u2326"  # right-to-left: the last letter is on the right
    for letter in "سكن":
        click(qtbot, keyboard.key_button(letter))
    qtbot.wait_until(lambda: kiosk.window.top_bar.search.text() == "سكن")
    click(qtbot, erase)
    assert kiosk.window.top_bar.search.text() == "سك"
    click(qtbot, keyboard.findChild(QPushButton, "keyboardLayout-latin"))
    assert erase.text() == "\u232b"


def test_every_key_of_every_layout_is_big_enough_for_a_finger(kiosk: Kiosk, qtbot) -> None:
    kiosk.window.resize(1366, 768)
    choose(kiosk, "ti", qtbot)
    click(qtbot, kiosk.window.home.search_field)
    keyboard = kiosk.session.keyboard
    for layout in ("latin", "arabic", "cyrillic", "ethiopic"):
        click(qtbot, keyboard.findChild(QPushButton, f"keyboardLayout-{layout}"))
        qtbot.wait(10)
        small = [(key.text(), key.width(), key.height())
                 for key in keyboard.findChildren(QPushButton)
                 if key.isVisible() and (key.width() < 44 or key.height() < 44)]
        assert small == [], layout


def test_the_search_fields_magnifier_keeps_its_shape_under_the_touch_style(
        kiosk: Kiosk, qtbot) -> None:
    from PySide6.QtWidgets import QToolButton

    choose(kiosk, "ar", qtbot)
    for field in (kiosk.window.home.search_field, kiosk.window.top_bar.search):
        icons = [b for b in field.findChildren(QToolButton) if b.isVisibleTo(field)]
        assert icons, "the magnifier is shown"
        for button in icons:  # the touch style's 48 px minimum width would stretch it
            assert button.width() <= 2 * button.height(), (button.width(), button.height())


@pytest.mark.parametrize("larger", [False, True], ids=["usual text", "larger text"])
@pytest.mark.parametrize("panel", [(1366, 768), (1280, 800)], ids=["1366x768", "1280x800"])
def test_every_screen_fits_a_common_touch_panel_with_the_keyboard_open(
        kiosk: Kiosk, qtbot, panel: tuple[int, int], larger: bool) -> None:
    from desktop.ui.fonts import load_bundled_fonts

    load_bundled_fonts()  # the real glyphs: Ethiopic and Arabic lines are taller
    width, height = panel
    window = kiosk.window
    too_big = []
    from desktop.i18n.locales import SHIPPED_LOCALES

    for locale in SHIPPED_LOCALES:  # every UI language, not only this centre's offer
        kiosk.session.show_welcome()
        kiosk.session.set_larger_text(larger)
        window.resize(width, height)
        hint = window.minimumSizeHint()
        if hint.width() > width or hint.height() > height:
            too_big.append((locale, "welcome", hint.width(), hint.height()))
        kiosk.session.choose_language(locale)
        kiosk.session.toggle_keyboard()
        for screen, show in (("home", window.show_home),
                             ("results", lambda: window.show_results("legal")),
                             ("details", lambda: window.show_details(
                                 kiosk.window.context.directory.search(
                                     SearchRequest("legal"), limit=1).rows[0].organization_id))):
            show()
            if not kiosk.session.keyboard.isVisible():
                kiosk.session.toggle_keyboard()
            qtbot.wait(10)
            hint = window.minimumSizeHint()
            if hint.width() > width or hint.height() > height:
                too_big.append((locale, screen, hint.width(), hint.height()))
    assert too_big == [], too_big


def test_the_keyboard_has_a_cyrillic_layout_for_ukrainian(kiosk: Kiosk, qtbot) -> None:
    choose(kiosk, "uk", qtbot)
    click(qtbot, kiosk.window.home.search_field)
    keyboard = kiosk.session.keyboard
    assert keyboard.layout_name() == "cyrillic"
    for letter in "їжа":
        click(qtbot, keyboard.key_button(letter))
    qtbot.wait_until(lambda: kiosk.window.top_bar.search.text() == "їжа")


# -- lockdown -------------------------------------------------------------------------------

def test_closing_the_window_is_refused(kiosk: Kiosk) -> None:
    event = QCloseEvent()
    QApplication.sendEvent(kiosk.window, event)
    assert not event.isAccepted()
    assert not kiosk.window.close()
    assert kiosk.window.isVisible()
    assert kiosk.session.lockdown.refused["close"] >= 2


@pytest.mark.parametrize("keys", ["Esc", "Ctrl+Q", "Ctrl+W", "Alt+F4", "Ctrl+P", "Ctrl+O"])
def test_escape_and_quit_shortcuts_do_nothing(kiosk: Kiosk, qtbot, keys: str) -> None:
    window = kiosk.window
    triggered: list[str] = []
    action = QAction(window)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda: triggered.append(keys))
    window.addAction(action)
    choose(kiosk, "en", qtbot)
    field = kiosk.window.home.search_field
    field.setFocus()
    sequence = QKeySequence(keys)[0]
    qtbot.keyClick(field, sequence.key(), sequence.keyboardModifiers())
    assert triggered == []
    assert window.isVisible() and not kiosk.session.on_welcome()
    assert kiosk.session.lockdown.refused["key"] >= 1


def test_context_menus_are_not_shown(kiosk: Kiosk, qtbot) -> None:
    choose(kiosk, "en", qtbot)
    field = kiosk.window.home.search_field
    shown: list[bool] = []
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    field.customContextMenuRequested.connect(lambda _pos: shown.append(True))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                              field.mapToGlobal(QPoint(5, 5)),
                              Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, event)
    assert shown == []
    assert kiosk.session.lockdown.refused["context_menu"] == 1


def test_drops_are_refused(kiosk: Kiosk, qtbot) -> None:
    choose(kiosk, "en", qtbot)
    field = kiosk.window.home.search_field
    data = QMimeData()
    data.setText("dropped text")
    data.setUrls([QUrl.fromLocalFile("/etc/passwd")])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, enter)
    assert not enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(field, drop)
    # (A plain line edit takes dropped text even without a drag-enter first.)
    assert field.text() == ""


def test_links_never_open_a_browser_or_file_manager(kiosk: Kiosk) -> None:
    for url in ("https://example.org", "file:///etc", "mailto:a@example.org", "tel:112"):
        QDesktopServices.openUrl(QUrl(url))
    assert kiosk.session.lockdown.refused["url"] == 4


def test_file_dialogs_and_settings_are_shut_at_once(kiosk: Kiosk, qtbot) -> None:
    dialog = QFileDialog(kiosk.window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.open()
    qtbot.wait_until(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    settings = kiosk.window.open_settings()
    # refused dialogs are closed and deleted: either is enough
    qtbot.wait_until(lambda: not shiboken6.isValid(settings) or not settings.isVisible())
    assert kiosk.session.lockdown.refused["dialog"] == 2
    assert not kiosk.window.top_bar.settings.isVisible()


def test_a_second_kiosk_cannot_start_while_one_runs(tmp_path: Path) -> None:
    lock_file = tmp_path / "kiosk.lock"
    first = acquire_single_instance(lock_file, wait_ms=0)
    try:
        with pytest.raises(UserError, match="already running"):
            acquire_single_instance(lock_file, wait_ms=0)
    finally:
        first.unlock()
    acquire_single_instance(lock_file, wait_ms=0).unlock()


# -- privacy ---------------------------------------------------------------------------------

def files_under(*folders: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = Path(root) / name
                stat = path.stat()
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def visit(kiosk: Kiosk, qtbot) -> str:
    """A visitor in Tigrinya: searches, filters, opens an entry and stars it."""
    choose(kiosk, "ti", qtbot)
    window = kiosk.window
    window.show_results("housing")
    results = window.results
    qtbot.wait_until(lambda: results.model.rowCount() > 0, timeout=5000)
    results.filters.set_flag("free_of_charge", True)
    assert not results.filters.state().is_empty()
    org_id = results.model.index(0, 0).data(Role.ORGANIZATION_ID)
    window.show_details(str(org_id))
    window.context.user_data.set_favourite(str(org_id), "visited", True)
    window.open_emergency()
    return str(org_id)


def assert_forgotten(kiosk: Kiosk) -> None:
    window = kiosk.window
    assert kiosk.session.on_welcome()
    assert current_locale() == "fr"
    assert window.home.search_field.text() == ""
    assert window.top_bar.search.text() == ""
    assert window.results.filters.state().is_empty()
    assert window.results.model.rowCount() == 0
    assert window.context.user_data.favourites() == []
    assert window.current_page_name() == "home"
    assert not window.top_bar.back.isVisible()  # no history
    visible_dialogs = [w for w in QApplication.topLevelWidgets()
                       if w.isVisible() and w is not window]
    assert visible_dialogs == []
    assert not kiosk.session.keyboard.isVisible()


def test_after_the_idle_period_a_countdown_then_everything_is_forgotten(
        kiosk: Kiosk, qtbot, user_data: Path) -> None:
    before = files_under(user_data, kiosk.config_path.parent)
    visit(kiosk, qtbot)
    idle = kiosk.session.idle
    idle.poke()

    kiosk.clock.advance(74)
    idle.check()
    assert not kiosk.session.countdown.isVisible()
    kiosk.clock.advance(2)  # 76 s idle: 14 s to go, the countdown shows
    idle.check()
    assert kiosk.session.countdown.isVisible()
    assert "14" in kiosk.session.countdown.seconds.text()
    assert kiosk.window.context.user_data.favourites() != []

    kiosk.clock.advance(14)
    idle.check()

    assert_forgotten(kiosk)
    assert files_under(user_data, kiosk.config_path.parent) == before


def test_touching_the_screen_during_the_countdown_keeps_the_session(kiosk: Kiosk,
                                                                    qtbot) -> None:
    choose(kiosk, "en", qtbot)
    idle = kiosk.session.idle
    idle.poke()
    kiosk.clock.advance(80)
    idle.check()
    assert kiosk.session.countdown.isVisible()

    click(qtbot, kiosk.session.countdown.button)

    assert not kiosk.session.countdown.isVisible()
    kiosk.clock.advance(30)
    idle.check()
    assert kiosk.window.current_page_name() == "home" and not kiosk.session.on_welcome()


def test_quick_exit_forgets_everything_at_once(kiosk: Kiosk, qtbot, user_data: Path) -> None:
    before = files_under(user_data, kiosk.config_path.parent)
    visit(kiosk, qtbot)
    click(qtbot, kiosk.session.bar.quick_exit)
    assert_forgotten(kiosk)
    assert files_under(user_data, kiosk.config_path.parent) == before


def test_quick_exit_is_on_every_screen(kiosk: Kiosk, qtbot) -> None:
    choose(kiosk, "en", qtbot)
    window = kiosk.window
    for show in (window.show_home, lambda: window.show_results("union"),
                 window.show_favourites, window.show_about):
        show()
        assert kiosk.session.bar.quick_exit.isVisible()


# -- admin ---------------------------------------------------------------------------------

def tap_corner(kiosk: Kiosk, qtbot, times: int) -> None:
    for _tap in range(times):
        click(qtbot, kiosk.session.bar.corner)
        kiosk.clock.advance(0.4)


def type_pin(dialog, qtbot, pin: str) -> None:
    for digit in pin:
        click(qtbot, dialog.findChild(QPushButton, f"pin-{digit}"))
    click(qtbot, dialog.ok_button)


def test_five_taps_in_the_corner_then_the_pin_open_the_admin_panel(kiosk: Kiosk,
                                                                   qtbot) -> None:
    tap_corner(kiosk, qtbot, 4)
    assert kiosk.session.pin_dialog is None
    tap_corner(kiosk, qtbot, 1)
    dialog = kiosk.session.pin_dialog
    assert dialog is not None and dialog.isVisible()

    type_pin(dialog, qtbot, TEST_PIN)

    assert not dialog.isVisible()
    panel = kiosk.session.admin_panel
    assert panel is not None and panel.isVisible()


def test_the_pin_pad_and_panel_speak_the_staffs_language_not_the_visitors(
        kiosk: Kiosk, qtbot) -> None:
    # The test centre is in Liège: its staff read French, whatever the visitor chose.
    choose(kiosk, "ti", qtbot)
    tap_corner(kiosk, qtbot, 5)
    dialog = kiosk.session.pin_dialog
    assert dialog.windowTitle() == "Code PIN administrateur"
    assert dialog.cancel_button.text() == "Annuler"
    assert dialog.layoutDirection() == Qt.LayoutDirection.LeftToRight  # a keypad
    type_pin(dialog, qtbot, TEST_PIN)
    panel = kiosk.session.admin_panel
    assert panel.exit_button.text() == "Quitter le mode borne"
    panel.accept()
    assert current_locale() == "ti"  # back to the visitor's language


@pytest.fixture
def arabic_staff_kiosk(qtbot, built_directory: Path, tmp_path: Path) -> Iterator[Kiosk]:
    from tests.kiosk_helpers import CENTRE_TOML

    text = CENTRE_TOML.replace("[admin]\n", '[admin]\nlanguage = "ar"\n')
    yield from make_kiosk(qtbot, built_directory, write_config(tmp_path, text))


def test_a_centre_whose_staff_read_arabic_gets_its_admin_panel_right_to_left(
        arabic_staff_kiosk: Kiosk, qtbot) -> None:
    kiosk = arabic_staff_kiosk
    choose(kiosk, "en", qtbot)
    tap_corner(kiosk, qtbot, 5)
    type_pin(kiosk.session.pin_dialog, qtbot, TEST_PIN)
    panel = kiosk.session.admin_panel
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert panel.close_button.text() == "العودة إلى الكشك"
    panel.reject()
    assert current_locale() == "en"


def test_slow_taps_do_not_open_the_pin_pad(kiosk: Kiosk, qtbot) -> None:
    for _tap in range(6):
        click(qtbot, kiosk.session.bar.corner)
        kiosk.clock.advance(1.0)
    assert kiosk.session.pin_dialog is None


def test_wrong_pins_are_refused_and_then_rate_limited(kiosk: Kiosk, qtbot) -> None:
    dialog = kiosk.session.open_admin()
    for wrong in ("1111", "2222"):
        type_pin(dialog, qtbot, wrong)
        assert dialog.isVisible()
    type_pin(dialog, qtbot, "3333")
    assert "30" in dialog.message.text()
    type_pin(dialog, qtbot, TEST_PIN)  # right PIN, but the pad is locked
    assert dialog.isVisible() and kiosk.session.admin_panel is None

    kiosk.clock.advance(31)
    type_pin(dialog, qtbot, TEST_PIN)
    assert kiosk.session.admin_panel is not None


def test_the_admin_exits_the_kiosk(kiosk: Kiosk, qtbot, monkeypatch) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(kiosk.app, "quit", lambda: quits.append(True))
    panel = kiosk.session.open_admin_panel()
    click(qtbot, panel.exit_button)
    assert quits == [True]
    event = QCloseEvent()
    QApplication.sendEvent(kiosk.window, event)
    assert event.isAccepted()  # the lockdown is lifted for the admin


def test_the_admin_installs_an_update_from_usb_and_a_bad_one_is_refused(
        kiosk: Kiosk, qtbot, built_directory: Path, tmp_path: Path, monkeypatch) -> None:
    from desktop import paths

    usb = tmp_path / "usb-stick"
    usb.mkdir()
    (usb / "broken.db").write_bytes(b"not a database at all" * 10)
    good = usb / "directory-2025.db"
    good.write_bytes(built_directory.read_bytes())
    reloads: list[bool] = []
    monkeypatch.setattr(kiosk.session, "reload_directory", lambda: reloads.append(True))
    from desktop.kiosk.admin import AdminPanel

    panel = AdminPanel(None, kiosk.window, media_roots=[usb])
    panel.directory_changed.connect(kiosk.session.reload_directory)
    panel.scan()
    assert panel.files.count() == 2

    panel.path_field.setText(str(usb / "broken.db"))
    click(qtbot, panel.apply_button)
    assert "broken.db" in panel.status.text() and "SQLite" in panel.status.text()
    assert not paths.installed_directory().exists() and reloads == []

    panel.path_field.setText(str(good))
    click(qtbot, panel.apply_button)
    assert paths.installed_directory().exists() and reloads == [True]
    with sqlite3.connect(good) as conn:
        count = conn.execute("SELECT count(*) FROM organization").fetchone()[0]
    # The panel speaks the centre's admin language (French in the test centre).
    assert f"Installé\u202f: {count} organisations." in panel.status.text()

    click(qtbot, panel.rollback_button)
    assert not paths.installed_directory().exists() and reloads == [True, True]


def test_the_config_languages_drive_the_welcome_screen(tmp_path: Path) -> None:
    assert load_config(write_config(tmp_path)).languages[0] == "fr"


def test_a_line_edit_outside_the_kiosk_window_does_not_raise_the_keyboard(
        kiosk: Kiosk, qtbot) -> None:
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    click(qtbot, other)
    assert not kiosk.session.keyboard.isVisible()


# -- what hostile testing broke ------------------------------------------------------------

def test_a_visitors_copies_and_selections_are_cleared_at_the_reset(kiosk: Kiosk,
                                                                    qtbot) -> None:
    from PySide6.QtGui import QClipboard, QGuiApplication

    clipboard = QGuiApplication.clipboard()
    clipboard.setText("+32 2 000 00 00")
    if clipboard.supportsSelection():
        clipboard.setText("a selected line", QClipboard.Mode.Selection)
    click(qtbot, kiosk.session.bar.quick_exit)
    assert clipboard.text() == ""
    if clipboard.supportsSelection():
        assert clipboard.text(QClipboard.Mode.Selection) == ""


def test_labels_on_the_kiosk_cannot_be_selected_with_the_mouse(kiosk: Kiosk, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    choose(kiosk, "en", qtbot)
    kiosk.window.show_results("union")
    qtbot.waitUntil(lambda: kiosk.window.results.model.rowCount() > 0)
    kiosk.window.show_details(kiosk.window.results.model.row_at(0).organization_id)
    labels = [label for label in kiosk.window.findChildren(QLabel) if label.isVisible()]
    assert labels
    assert not any(label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
                   for label in labels)


def test_the_kiosk_returns_to_full_screen_when_a_window_manager_minimises_it(
        kiosk: Kiosk, qtbot) -> None:
    kiosk.window.showMinimized()
    qtbot.waitUntil(lambda: kiosk.window.isFullScreen())


def test_a_mouses_quick_clicks_in_the_corner_count_as_taps(kiosk: Kiosk, qtbot) -> None:
    corner = kiosk.session.bar.corner
    for _pair in range(3):  # press, press-as-double-click: six taps in all
        qtbot.mouseClick(corner, Qt.MouseButton.LeftButton)
        qtbot.mouseDClick(corner, Qt.MouseButton.LeftButton)
    assert kiosk.session.pin_dialog is not None


def test_a_tigrinya_visitor_types_in_ethiopic_choosing_each_vowel_form(kiosk: Kiosk,
                                                                        qtbot) -> None:
    choose(kiosk, "ti", qtbot)
    click(qtbot, kiosk.window.home.search_field)
    keyboard = kiosk.session.keyboard
    assert keyboard.layout_name() == "ethiopic"
    for consonant, syllable in (("ጠ", "ጠ"), ("በ", "በ"), ("ቐ", "ቓ")):  # ጠበቓ, a lawyer
        click(qtbot, keyboard.key_button(consonant))
        click(qtbot, keyboard.form_button(syllable))
    qtbot.wait_until(lambda: kiosk.window.top_bar.search.text() == "ጠበቓ")


@pytest.mark.parametrize(("locale", "word"), [("fa", "وکیل"), ("ps", "ډاکټر"), ("uk", "їжа")])
def test_persian_pashto_and_ukrainian_words_can_be_typed(kiosk: Kiosk, qtbot, locale: str,
                                                         word: str) -> None:
    kiosk.session.choose_language(locale)  # offered or not on this centre's welcome screen
    click(qtbot, kiosk.window.home.search_field)
    keyboard = kiosk.session.keyboard
    for letter in word:
        button = keyboard.key_button(letter)
        assert button is not None, letter
        click(qtbot, button)
    qtbot.wait_until(lambda: kiosk.window.top_bar.search.text() == word)


def test_the_search_is_emptied_with_a_key_a_finger_can_hit(kiosk: Kiosk, qtbot) -> None:
    choose(kiosk, "ti", qtbot)
    click(qtbot, kiosk.window.home.search_field)
    keyboard = kiosk.session.keyboard
    for letter in "ሬድዮ":
        keyboard.type_text(letter)
    field = kiosk.window.top_bar.search
    qtbot.wait_until(lambda: field.text() == "ሬድዮ")
    # No 18 px clear button inside the fields.
    for line_edit in (kiosk.window.home.search_field, field):
        assert not line_edit.isClearButtonEnabled()
    clear = keyboard.findChild(QPushButton, "keyboardClear")
    assert clear.width() >= 44 and clear.height() >= 44
    assert clear.text() and clear.text() != "Clear"  # in the visitor's language
    click(qtbot, clear)
    qtbot.wait_until(lambda: field.text() == "")


def test_the_kiosk_has_one_header_row_without_the_desktops_title_and_about(
        kiosk: Kiosk, qtbot) -> None:
    choose(kiosk, "en", qtbot)
    window = kiosk.window
    window.show_results("union")
    bar, top_bar = kiosk.session.bar, window.top_bar
    assert not top_bar.isVisible()  # its title, language list, settings and About
    for control in (top_bar.back, top_bar.search, top_bar.favourites, bar.quick_exit):
        assert control.isVisible() and control.parent() is bar
    assert not top_bar.about.isVisible()
    # On the welcome screen only the language buttons, the corner and Quick exit.
    kiosk.session.show_welcome()
    assert not top_bar.search.isVisible() and not top_bar.favourites.isVisible()
    assert not bar.keyboard.isVisible() and bar.quick_exit.isVisible()


def test_a_visitor_asks_for_larger_text_and_the_next_visitor_starts_at_the_usual_size(
        kiosk: Kiosk, qtbot) -> None:
    from PySide6.QtGui import QFontInfo

    choose(kiosk, "ar", qtbot)
    usual = QFontInfo(QApplication.instance().font()).pixelSize()
    button = kiosk.session.bar.larger_text
    assert button.accessibleName() != "Larger text"  # said in the visitor's language
    click(qtbot, button)
    larger = QFontInfo(QApplication.instance().font()).pixelSize()
    assert larger >= usual * 1.25
    click(qtbot, kiosk.session.bar.quick_exit)
    assert QFontInfo(QApplication.instance().font()).pixelSize() == usual
    assert not button.isChecked()


def test_the_larger_text_button_reads_a_plus_in_right_to_left_languages_too(
        kiosk: Kiosk, qtbot) -> None:
    from PySide6.QtGui import QTextLayout, QTextOption

    choose(kiosk, "ar", qtbot)
    button = kiosk.session.bar.larger_text
    assert button.layoutDirection() == Qt.LayoutDirection.RightToLeft
    layout = QTextLayout(button.text(), button.font())
    option = QTextOption()
    option.setTextDirection(button.layoutDirection())  # as the button draws its label
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    # Where each glyph lands on screen: "A" must stand left of "+".
    x_of = {}
    for run in layout.glyphRuns():
        font = run.rawFont()
        for glyph, position in zip(run.glyphIndexes(), run.positions(), strict=True):
            for char in "A+":
                if font.glyphIndexesForString(char) == [glyph]:
                    x_of[char] = position.x()
    assert x_of["A"] < x_of["+"]
