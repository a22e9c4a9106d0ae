"""Handing an entry over: a QR code that carries the contact itself, and a bilingual card.

The QR code holds a vCard 3.0 (name, phones, email, address, ``GEO`` position and a
``geo:`` link for maps), not a web link, so a phone with no data connection can still
save the contact and find the place. QR codes are never mirrored in right-to-left layouts.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.records import Organization
from desktop.i18n import N_, _
from desktop.ui.widgets import (
    Localizer,
    address_lines,
    compact_hours,
    hours_table,
    localizer_for,
    organization_address,
    plain_label,
)

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def _escape(value: str) -> str:
    """vCard 3.0 text escaping (RFC 2426 §4): backslash, comma, semicolon, newlines."""
    value = " ".join(value.replace("\r", " ").split("\n"))
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def _coordinate(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def contact_payload(org: Organization, locale: str) -> str:
    """The vCard 3.0 text of ``org``, with the country and hours written in ``locale``."""
    loc = localizer_for(locale)
    name = _escape(org.name)
    # An organisation's card: the name goes in ORG, not as a person's surname in N (which
    # vCard 3.0 requires, so it is there, empty). Phones then file it as a company.
    lines = ["BEGIN:VCARD", "VERSION:3.0", "N:;;;;", f"FN:{name}", f"ORG:{name}",
             "X-ABShowAs:COMPANY"]
    for phone in org.all_phones:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(phone)}")
    emails = dict.fromkeys(filter(None, [org.email, *(s.email for s in org.services)]))
    lines += [f"EMAIL;TYPE=INTERNET:{_escape(email)}" for email in emails]
    address = organization_address(org)
    if address is not None and any((address.address_1, address.city, address.country)):
        street = ", ".join(filter(None, (address.address_1, address.address_2)))
        country = loc.country(address.country) if address.country else ""
        parts = ("", "", street, address.city, address.region, address.postal_code, country)
        lines.append("ADR;TYPE=WORK:" + ";".join(_escape(p) for p in parts))
    location = org.primary_location
    if location is not None and location.latitude is not None and location.longitude is not None:
        lat, lon = _coordinate(location.latitude), _coordinate(location.longitude)
        lines.append(f"GEO:{lat};{lon}")
        # Phones open a geo: link in their maps app, which works offline with saved maps.
        lines.append(f"URL;TYPE=map:geo:{lat},{lon}")
    if org.website:
        lines.append(f"URL:{_escape(org.website)}")
    hours = compact_hours(org.hours, loc)
    if hours:
        lines.append("NOTE:" + _escape("; ".join(hours)))
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


# What a QR code drops first when the whole card does not fit: the hours, the web links,
# the map point, the address, the e-mails, then every phone but the first.
_DROPPED_FIRST = ("NOTE:", "URL:", "URL;TYPE=map:", "GEO:", "ADR;", "EMAIL;")


def fitting_payload(org: Organization, locale: str) -> tuple[str, bool]:
    """The card for the QR code, and whether something was left out to make it fit: the
    name and a phone always go in (a long website must not leave the entry unopenable)."""
    payload = contact_payload(org, locale)
    if _fits(payload):
        return payload, False
    lines = payload.rstrip("\r\n").split("\r\n")
    for prefix in _DROPPED_FIRST:
        lines = [line for line in lines if not line.startswith(prefix)]
        if _fits(candidate := "\r\n".join(lines) + "\r\n"):
            return candidate, True
    phones = [line for line in lines if line.startswith("TEL;")]
    lines = [line for line in lines if not line.startswith("TEL;")][:-1] + phones[:1] + \
        ["END:VCARD"]
    return "\r\n".join(line[:300] for line in lines) + "\r\n", True


def _fits(payload: str) -> bool:
    try:
        segno.make(payload, error="l", micro=False)
    except segno.DataOverflowError:
        return False
    return True


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules (True = dark), without the quiet zone."""
    # Level L (boosted by segno when it fits the same size): fewer, larger modules scan
    # more easily from a screen than a denser code with more error correction.
    code = segno.make(payload, error="l", micro=False, boost_error=True)
    return [[bool(cell) for cell in row] for row in code.matrix]


def qr_image(payload: str, size: int) -> QImage:
    """A square black-on-white QR code of ``payload``, about ``size`` pixels wide.

    Modules are whole pixels (never blurred by scaling), so the side is the nearest
    multiple of the module count, quiet zone included; never smaller than one pixel
    per module.
    """
    matrix = qr_matrix(payload)
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = max(1, round(size / modules))
    # One byte per module (0 black, 255 white) scaled up without smoothing: crisp edges,
    # and a handful of Qt calls instead of one per module.
    pixels = bytearray(b"\xff" * (modules * modules))
    for y, row in enumerate(matrix):
        start = (y + QUIET_ZONE) * modules + QUIET_ZONE
        pixels[start:start + len(row)] = bytes(0 if dark else 255 for dark in row)
    small = QImage(bytes(pixels), modules, modules, modules,
                   QImage.Format.Format_Grayscale8).copy()
    scaled = small.scaled(modules * scale, modules * scale,
                          Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.FastTransformation)
    return scaled.convertToFormat(QImage.Format.Format_RGB32)


class _CardColumn(QFrame):
    """The entry in one language: its name, address, hours and phones, in large text."""

    def __init__(self, org: Organization, loc: Localizer, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if loc.rtl
                                else Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        self.rtl = loc.rtl
        tr = loc.gettext
        self.language_label = plain_label(loc.own_name, role="badge", rtl=loc.rtl)
        layout.addWidget(self.language_label)
        self.name_label = plain_label(org.name, role="heading", rtl=loc.rtl)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        layout.addWidget(self.name_label)
        self.texts: list[str] = [org.name]
        address = organization_address(org)
        if address is not None:
            lines = address_lines(address, loc)
            if lines:
                self._section(layout, tr(N_("Address")), "\n".join(lines))
        # As on screen: every day, the closed ones saying so.
        hours = hours_table(org.hours, loc, with_closed=bool(org.hours))
        if hours:
            self._section(layout, tr(N_("Opening hours")),
                          "\n".join(f"{day}: {times}" for day, times in hours))
        if org.all_phones:
            # Phone numbers read left to right in every script.
            self._section(layout, tr(N_("Phone")),
                          "\n".join(f"\u2066{p}\u2069" for p in org.phones_to_show))
        layout.addStretch(1)

    def _section(self, layout: QVBoxLayout, title: str, body: str) -> None:
        heading = plain_label(title, role="heading", rtl=self.rtl)
        text = plain_label(body, rtl=self.rtl)
        font = QFont(text.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        text.setFont(font)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(text)
        self.texts += [title, body]


class ShowCardDialog(QDialog):
    """A bilingual card to show a driver or an official: the user's language next to the
    host country's, each column formatted in its own language."""

    def __init__(self, org: Organization, user_locale: str, host_locale: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("showCardDialog")
        self.org = org
        self.setWindowTitle(_("Show this card"))
        self.setAccessibleName(_("Show this card"))
        outer = QVBoxLayout(self)
        hint = QLabel(_("Show this to a driver or an official."), self)
        hint.setWordWrap(True)
        outer.addWidget(hint)
        row = QHBoxLayout()
        locales = [user_locale] if user_locale == host_locale else [user_locale, host_locale]
        self.columns = [_CardColumn(org, localizer_for(code)) for code in locales]
        for column in self.columns:
            row.addWidget(column, 1)
        body = QWidget()
        body.setLayout(row)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        close.setAccessibleName(_("Close"))
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1100, 820
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 40)
        self.resize(width, height)
