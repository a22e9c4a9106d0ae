"""About the data: the numbers a maintainer or a curious user sees match the directory;
and the look: themes with enough contrast, a visible focus ring, icons that mirror only
where they mean a direction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.directory.database import Directory
from desktop.i18n import set_language
from desktop.ui.about_page import AboutPage
from desktop.ui.context import AppContext
from desktop.ui.icons import ICON_NAMES, directional_icon, icon
from desktop.ui.theme import COLORS, apply_theme, contrast_ratio
from desktop.userdata import UserData


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def test_about_page_numbers_match_the_directory(qtbot, built_directory: Path) -> None:
    directory = Directory(built_directory)
    page = AboutPage(AppContext(directory=directory, user_data=UserData.in_memory()))
    qtbot.addWidget(page)
    page.today = lambda: date(2026, 12, 1)
    page.retranslate()
    info = directory.info(date(2026, 12, 1))
    assert page.values["version"] == info.version
    assert page.values["entries"] == f"{info.organizations:,} organisations"
    assert page.values["services"] == f"{info.services:,}"
    assert page.values["demo"].startswith(f"{info.demo_organizations} entries are made up")
    assert f"{info.stale_organizations} organisation" in page.values["freshness"]
    assert info.licence in page.values["licence"]
    assert "Open Font License" in page.values["fonts"]
    if info.oldest_assured_date:
        days = (date(2026, 12, 1) - info.oldest_assured_date).days
        assert f"{days:,} days ago" in page.values["freshness"]


def test_about_page_follows_the_language(qtbot, built_directory: Path) -> None:
    page = AboutPage(AppContext(directory=Directory(built_directory),
                                user_data=UserData.in_memory()))
    qtbot.addWidget(page)
    english_title = page.title.text()
    try:
        set_language("ar")
        page.retranslate()
        assert page.title.text() != english_title
    finally:
        set_language("en")


@pytest.mark.parametrize("theme", sorted(COLORS))
def test_themes_have_readable_text_and_a_visible_focus(qapp, theme: str) -> None:
    colors = COLORS[theme]
    minimum = 7.0 if theme == "high-contrast" else 4.5
    assert contrast_ratio(colors.text, colors.window) >= minimum
    assert contrast_ratio(colors.text, colors.base) >= minimum
    assert contrast_ratio(colors.placeholder, colors.base) >= 4.5
    assert contrast_ratio(colors.focus, colors.window) >= 3.0
    assert contrast_ratio(colors.demo_fg, colors.demo_bg) >= 4.5
    assert contrast_ratio(colors.warn_fg, colors.warn_bg) >= 4.5


def test_high_contrast_and_text_scale_apply_to_the_app(qapp: QApplication) -> None:
    base = qapp.font().pointSizeF()
    try:
        assert apply_theme(qapp, "high-contrast", 2.0) == "high-contrast"
        assert qapp.palette().color(QPalette.ColorRole.Window) == QColor("#000000")
        assert qapp.font().pointSizeF() == pytest.approx(base * 2.0)
        assert "#ffff00" in qapp.styleSheet() and ":focus" in qapp.styleSheet()
        apply_theme(qapp, "light", 5.0)  # clamped to 200 %
        assert qapp.font().pointSizeF() == pytest.approx(base * 2.0)
        assert apply_theme(qapp, "system", 1.0) in ("light", "dark")
    finally:
        apply_theme(qapp, "light", 1.0)
        qapp.setStyleSheet("")


def test_a_focused_button_draws_a_ring(qtbot, qapp: QApplication) -> None:
    apply_theme(qapp, "light", 1.0)
    try:
        button = QPushButton("Search")
        qtbot.addWidget(button)
        button.resize(160, 48)
        button.show()
        plain = button.grab().toImage()
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        focused = button.grab().toImage()
        ring = QColor(COLORS["light"].focus)
        assert count_color(focused, ring) > count_color(plain, ring) + 100
    finally:
        qapp.setStyleSheet("")


def count_color(image: QImage, color: QColor) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if QColor(image.pixel(x, y)).rgb() == color.rgb())


def mirror_of(a: QImage, b: QImage) -> bool:
    return a.flipped(Qt.Orientation.Horizontal) == b


def test_only_back_and_next_mirror_in_right_to_left(qapp) -> None:
    for name in ICON_NAMES:
        assert not icon(name).isNull(), name
    for name in ("back", "next"):
        ltr = directional_icon(name, False).pixmap(24, 24).toImage()
        rtl = directional_icon(name, True).pixmap(24, 24).toImage()
        assert ltr != rtl and mirror_of(ltr, rtl), name
    for name in ("phone", "qr", "star"):
        assert directional_icon(name, True).pixmap(24, 24).toImage() == \
            icon(name).pixmap(24, 24).toImage(), name
