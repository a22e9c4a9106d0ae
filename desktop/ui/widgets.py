"""Small pieces shared by the details, favourites, hand-off and print views.

``Localizer`` formats in one language: the UI's (through ``desktop.i18n``, so the
pseudo-locales mark it) or an explicit one (the host country's language on the
"show this card" view and the bilingual printed slip, without switching the UI).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from babel import dates as babel_dates
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QWidget,
)

from desktop import i18n
from desktop.directory.hours import OpeningInterval, merged
from desktop.directory.records import Address, Organization
from desktop.i18n import N_
from desktop.i18n.formatting import babel_locale, spoken_language_name
from desktop.i18n.runtime import load_translations

WELCOME_FLAGS: tuple[tuple[str, str], ...] = (
    ("free_of_charge", N_("Free of charge")),
    ("no_documents_needed", N_("No documents needed")),
    ("open_to_undocumented", N_("Open to undocumented people")),
    ("interpretation_available", N_("Interpretation available")),
)


@dataclass(frozen=True)
class Localizer:
    """Translation and CLDR formatting for one language."""

    locale: str
    gettext: Callable[[str], str]
    weekday: Callable[[int], str]
    weekday_short: Callable[[int], str]
    time: Callable[[time], str]
    date: Callable[[date], str]
    country: Callable[[str], str]
    language: Callable[[str], str]

    def list(self, items: Sequence[str], style: str = "standard") -> str:
        """Items joined by this language's own list pattern ("، و" / "፣" / ", and")."""
        return i18n.format_list(list(items), style, locale=self.locale)

    @property
    def rtl(self) -> bool:
        return i18n.is_rtl(self.locale)

    @property
    def own_name(self) -> str:
        """The language's name in its own script ("العربية", "ትግርኛ", "français")."""
        loc = babel_locale(self.locale)
        name = loc.get_display_name(loc) or self.locale
        return name[:1].upper() + name[1:]


def ui_localizer() -> Localizer:
    """The current UI language (follows ``set_language``)."""
    return Localizer(
        locale=i18n.current_locale(), gettext=i18n._, weekday=i18n.weekday_name,
        weekday_short=lambda index: i18n.weekday_name(index, "abbreviated"),
        time=i18n.format_time, date=i18n.format_date, country=i18n.country_name,
        language=i18n.language_name)


def localizer_for(locale: str) -> Localizer:
    """A fixed language, whatever the UI shows (the host country's, for officials)."""
    if locale == i18n.current_locale():
        return ui_localizer()
    translations = load_translations(locale)
    loc = babel_locale(locale)

    def gettext(message: str) -> str:
        return translations.gettext(message) if message else ""

    def weekday(index: int, width: str = "wide") -> str:
        return babel_dates.get_day_names(width, context="stand-alone", locale=loc)[index % 7]

    return Localizer(
        locale=locale, gettext=gettext, weekday=weekday,
        weekday_short=lambda index: weekday(index, "abbreviated"),
        time=lambda value: babel_dates.format_time(value, format="short", locale=loc),
        date=lambda value: babel_dates.format_date(value, format="medium", locale=loc),
        country=lambda code: loc.territories.get(code.upper(), code),
        language=lambda code: spoken_language_name(loc.languages, code))


def fill_country_box(box: QComboBox, codes: Iterable[str], fallback: str) -> None:
    """Countries by their name in the UI language (item data: the code), keeping the one
    chosen (else ``fallback``); quietly, so a language switch is not a new choice."""
    current = box.currentData() or fallback
    box.blockSignals(True)
    box.clear()
    for code in sorted(codes, key=lambda c: i18n.country_name(c).casefold()):
        box.addItem(i18n.country_name(code), code)
    box.setCurrentIndex(max(0, box.findData(current)))
    box.blockSignals(False)


def span_text(interval: OpeningInterval, loc: Localizer) -> str:
    """"09:00–17:00", or "24 hours" for a line that never closes (00:00–24:00)."""
    if interval.opens == interval.closes == time(0, 0):
        return loc.gettext(N_("24 hours"))
    return f"{loc.time(interval.opens)}\u2013{loc.time(interval.closes)}"


def hours_table(intervals: Sequence[OpeningInterval], loc: Localizer, *,
                with_closed: bool = False) -> list[tuple[str, str]]:
    """One row per weekday: ("Monday", "09:00–12:00, 14:00–17:00"), the services' hours
    merged; with ``with_closed`` the days without hours say "Closed"."""
    by_day: dict[int, list[OpeningInterval]] = {}
    for interval in merged(list(intervals)):
        by_day.setdefault(interval.weekday, []).append(interval)
    rows = []
    for day in range(7):
        spans = by_day.get(day)
        if spans:
            rows.append((loc.weekday(day),
                         loc.list([span_text(s, loc) for s in spans], "standard-narrow")))
        elif with_closed:
            rows.append((loc.weekday(day), loc.gettext(N_("Closed"))))
    return rows


def compact_hours(intervals: Sequence[OpeningInterval], loc: Localizer) -> list[str]:
    """Hours with runs of days that share the same times merged: "Mon–Fri 9:00–17:00"."""
    by_day: dict[int, str] = {}
    for interval in sorted(intervals):
        span = span_text(interval, loc)
        by_day[interval.weekday] = f"{by_day[interval.weekday]}, {span}" \
            if interval.weekday in by_day else span
    parts: list[str] = []
    day = 0
    while day < 7:
        if day not in by_day:
            day += 1
            continue
        end = day
        while end + 1 < 7 and by_day.get(end + 1) == by_day[day]:
            end += 1
        days = loc.weekday_short(day) if end == day else \
            f"{loc.weekday_short(day)}\u2013{loc.weekday_short(end)}"
        parts.append(f"{days} {by_day[day]}")
        day = end + 1
    return parts


def address_lines(address: Address, loc: Localizer) -> list[str]:
    lines = address.lines()
    if address.country:
        lines.append(loc.country(address.country))
    return lines


def organization_address(org: Organization) -> Address | None:
    location = org.primary_location
    return location.address if location is not None else None


def leading_alignment(rtl: bool | None = None) -> Qt.AlignmentFlag:
    """Start-of-line alignment for the UI's direction, whatever the text's own direction.

    Without it a name that begins with Arabic letters would sit on the right of an
    English screen (Qt aligns a paragraph by its first strong character).
    """
    rtl = i18n.is_rtl() if rtl is None else rtl
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    return Qt.AlignmentFlag.AlignAbsolute | side | Qt.AlignmentFlag.AlignVCenter


def plain_label(text: str = "", parent: QWidget | None = None, *, role: str | None = None,
                wrap: bool = True, selectable: bool = True, rtl: bool | None = None,
                object_name: str = "") -> QLabel:
    """A label that never interprets directory text as HTML (``<img src=x>`` stays text).
    The one way the app makes a label for text it does not control."""
    label = QLabel(parent)
    if object_name:
        label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(leading_alignment(rtl))
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        # Mouse only: keyboard-selectable labels would each take a Tab stop.
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


class WrappedLabel(QLabel):
    """A word-wrapped label that asks its layout for every line it needs at the width it
    is given: in a grid, a dialog would otherwise lay two-line names over the next row."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

