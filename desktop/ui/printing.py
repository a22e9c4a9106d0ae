"""Print or save as PDF one entry or the favourites list.

The document is built with ``QTextCursor.insertText`` only, never from HTML, so directory
text cannot inject markup. Blocks take the language's direction (right-to-left for
Arabic, Persian, Pashto) and the bundled Noto fonts as fallbacks, so Arabic is shaped
and Ethiopic is drawn in the PDF on any machine. Each entry carries its QR contact code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrinter

from desktop.directory.records import Organization
from desktop.errors import UserError
from desktop.i18n import N_
from desktop.ui.fonts import fallback_families, load_bundled_fonts
from desktop.ui.handoff import fitting_payload, qr_image
from desktop.ui.labels import KIND_LABELS
from desktop.ui.widgets import (
    WELCOME_FLAGS,
    Localizer,
    address_lines,
    hours_table,
    localizer_for,
)

BODY_POINTS = 10.5
QR_POINTS = 110  # printed size of a QR code, in document units (points at 72 dpi)
# How much smaller a long entry may be set to keep to one page: 10.5 pt text down to 5.8.
SCALES = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55)


class _Writer:
    """Appends text to a document, one direction and font per block."""

    def __init__(self, document: QTextDocument, loc: Localizer) -> None:
        self.document = document
        self.loc = loc
        self.cursor = QTextCursor(document)
        self.first_block = True
        self.families = fallback_families("Noto Sans") or ["Noto Sans"]
        # Every size is multiplied by this: an entry with many services is set smaller
        # so that it still fits its one page (see ``_fitting_scale``).
        self.scale = 1.0

    def block(self, text: str, *, points: float = BODY_POINTS, bold: bool = False,
              space_before: float = 0, page_break: bool = False,
              content: bool = False) -> None:
        """``content`` is directory text: it keeps its own direction (an English
        description in an Arabic printout reads left to right); labels take the locale's."""
        block = QTextBlockFormat()
        if content:
            block.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        else:
            block.setLayoutDirection(Qt.LayoutDirection.RightToLeft if self.loc.rtl
                                     else Qt.LayoutDirection.LeftToRight)
        # Every paragraph lines up with the document's reading direction, a Latin
        # address in an Arabic page included (its words still run left to right).
        side = Qt.AlignmentFlag.AlignRight if self.loc.rtl else Qt.AlignmentFlag.AlignLeft
        block.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
        block.setTopMargin(space_before * self.scale)
        if page_break:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        char = QTextCharFormat()
        char.setFontFamilies(self.families)
        char.setFontPointSize(points * self.scale)
        char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        if self.first_block:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(char)
            self.first_block = False
        else:
            self.cursor.insertBlock(block, char)
        self.cursor.insertText(text, char)

    def field(self, label: str, value: str, content: bool = False) -> None:
        if value:
            self.block(label, bold=True, space_before=4)
            self.block(value, content=content)

    def image(self, name: str, points: float) -> None:
        self.block("")
        image = QTextImageFormat()
        image.setName(name)
        image.setWidth(points * self.scale)
        image.setHeight(points * self.scale)
        self.cursor.insertImage(image)

    def into_columns(self) -> tuple[QTextCursor, QTextCursor]:
        """Two columns side by side, each half the page: the slip's two languages."""
        if self.first_block:
            self.block("")
        table_format = QTextTableFormat()
        table_format.setBorder(0)
        table_format.setCellPadding(0)
        table_format.setCellSpacing(0)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        # Two columns and an empty gutter between them, so that right-aligned Arabic in
        # the first never runs into the second.
        table_format.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, width) for width in (47, 6, 47)])
        # The first column on the left: a fixed order, whatever the language.
        table_format.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        table = self.cursor.insertTable(1, 3, table_format)
        return table.cellAt(0, 0).firstCursorPosition(), table.cellAt(0, 2).firstCursorPosition()

    def write_at(self, cursor: QTextCursor) -> None:
        """Go on writing at ``cursor`` (a table cell); its first block takes the next
        block's format."""
        self.cursor = cursor
        self.first_block = True

    def after(self, table_cursor: QTextCursor) -> None:
        """Go on writing after the table ``table_cursor`` is in."""
        self.cursor = table_cursor.currentTable().lastCursorPosition()
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        self.first_block = False


def _add_entry(writer: _Writer, org: Organization, index: int, today: date,
               with_qr: bool = True, brief: bool = False) -> None:
    """One entry; ``brief`` (the host-language column of a slip) names the services
    without describing them: an official or a driver needs where and whom to call."""
    loc = writer.loc
    tr = loc.gettext
    writer.block(org.name, points=17, bold=True, page_break=index > 0, content=True)
    if org.is_demo:
        writer.block(tr(N_("Demonstration entry — not a real organisation")), bold=True)
    kind = KIND_LABELS.get(org.kind)
    if kind:
        writer.block(tr(kind))
    # Translators: heading of the printed entry's description: what the organisation is
    writer.field(tr(N_("About")), org.description.text, content=True)
    places = ["\n".join(address_lines(place.address, loc)) for place in org.places_to_show
              if place.address.lines()]
    if places:
        writer.field(tr(N_("Address")), "\n\n".join(places), content=True)
    writer.field(tr(N_("Phone")), "\n".join(f"\u2066{p}\u2069" for p in org.phones_to_show))
    emails = dict.fromkeys(filter(None, [org.email, *(s.email for s in org.services)]))
    writer.field(tr(N_("Email")), "\n".join(emails))
    writer.field(tr(N_("Website")), org.website, content=True)
    writer.field(tr(N_("Opening hours")),
                 "\n".join(f"{day}: {times}" for day, times in
                           hours_table(org.hours, loc, with_closed=bool(org.hours))))
    writer.field(tr(N_("Languages spoken")), loc.list([loc.language(c) for c in org.languages]))
    flags = [tr(label) for attr, label in WELCOME_FLAGS
             if any(getattr(s, attr) for s in org.services)]
    # Translators: heading of the list "free of charge", "no papers needed"...;
    # not a greeting.
    writer.field(tr(N_("Who is welcome")), "\n".join(flags))
    for service in org.services:
        writer.block(service.name.text, bold=True, space_before=6, content=True)
        if service.description.text and not brief:
            writer.block(service.description.text, content=True)
    if org.assured_date is not None:
        # Translators: {date} is the date someone last verified the entry, in the format of
        # the language printed, e.g. "Mar 14, 2024". Printed on an entry's paper card.
        verified = tr(N_("Last verified: {date}")).format(date=loc.date(org.assured_date))
        if org.is_stale(today):
            verified += " — " + tr(N_("may be out of date"))
        writer.block(verified, points=8.5, space_before=6)
    # Translators: {source} is one or more web addresses, separated by spaces, of the
    # pages the entry was taken from. Printed in small type on an entry's paper card.
    writer.block(tr(N_("Source: {source}")).format(source=org.source), points=8.5)
    if with_qr:
        _add_qr(writer, org, index)


def _add_qr(writer: _Writer, org: Organization, index: int) -> None:
    loc = writer.loc
    tr = loc.gettext
    qr_name = f"qr-{index}"
    writer.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(qr_name),
                                qr_image(fitting_payload(org, loc.locale)[0], 330))
    writer.block(tr(N_("Scan to save the contact on a phone")), points=8.5, space_before=6)
    writer.image(qr_name, QR_POINTS)


def build_document(orgs: Sequence[Organization], locale: str,
                   today: date | None = None, *, host_locale: str | None = None,
                   host_orgs: Sequence[Organization] = (),
                   page_size: QSizeF | None = None) -> QTextDocument:
    """The printable document of ``orgs`` in ``locale``, one entry per page.

    With ``host_locale`` and the same entries read in it (``host_orgs``), each page shows
    the entry twice side by side, in the reader's language and in the host country's (its
    column headed by that language's own name): the slip a visitor can hand to a driver
    or an official. With ``page_size`` (in points), an entry too long for its page is
    set smaller, down to ``MIN_SCALE``, so that each stays on one sheet.
    """
    load_bundled_fonts()
    today = today or date.today()
    settings = [_FULL] * len(orgs)
    if page_size is not None:
        settings = [_fitting(org, locale, today, host_locale, host_orgs, page_size)
                    for org in orgs]
    return _document(orgs, locale, today, host_locale, host_orgs, settings)


_FULL = (1.0, False)


def _document(orgs: Sequence[Organization], locale: str, today: date,
              host_locale: str | None, host_orgs: Sequence[Organization],
              settings: Sequence[tuple[float, bool]]) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont()
    font.setFamilies(fallback_families("Noto Sans") or ["Noto Sans"])
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    writer = _Writer(document, localizer_for(locale))
    second = localizer_for(host_locale) if host_locale and host_locale != locale else None
    for index, (org, (scale, brief)) in enumerate(zip(orgs, settings, strict=True)):
        writer.scale = scale
        host_org = next((h for h in host_orgs if h.id == org.id), None)
        if second is None or host_org is None:
            _add_entry(writer, org, index, today, brief=brief)
            continue
        if index > 0:
            writer.block("", page_break=True)
        own = writer.loc
        first, other = writer.into_columns()
        writer.write_at(first)
        writer.block(own.own_name, points=9, bold=True)
        _add_entry(writer, org, index, today, with_qr=False, brief=brief)
        writer.loc = second
        writer.write_at(other)
        writer.block(second.own_name, points=9, bold=True)
        # The code goes at the foot of the shorter, host-language column.
        _add_entry(writer, host_org, index, today, with_qr=True, brief=True)
        writer.loc = own
        writer.after(first)
    return document


def _fitting(org: Organization, locale: str, today: date, host_locale: str | None,
             host_orgs: Sequence[Organization], page_size: QSizeF) -> tuple[float, bool]:
    """The largest of ``SCALES`` at which ``org`` (and its host-language column) fits one
    page of ``page_size``; failing that, the services named without their descriptions."""
    tries = [(scale, False) for scale in SCALES] + [(scale, True) for scale in SCALES[-3:]]
    for setting in tries:
        document = _document([org], locale, today, host_locale, host_orgs, [setting])
        document.setPageSize(page_size)
        if document.pageCount() <= 1:
            return setting
    return tries[-1]


# Where paper comes in US Letter; everywhere else A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA",
                              "DO", "PR", "SV", "BZ", "NI"})


def configure_page(printer: QPrinter, country: str = "") -> None:
    """The paper of the country the app is used in, portrait, 18 mm margins: set on every
    print path (desktop, kiosk, PDF) before anything is drawn."""
    size = (QPageSize.PageSizeId.Letter if country.upper() in LETTER_COUNTRIES
            else QPageSize.PageSizeId.A4)
    printer.setPageLayout(QPageLayout(QPageSize(size), QPageLayout.Orientation.Portrait,
                                      QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))




def print_organizations(orgs: Sequence[Organization], printer: QPrinter, locale: str, *,
                        host_locale: str | None = None,
                        host_orgs: Sequence[Organization] = ()) -> None:
    """Print ``orgs`` on ``printer`` (already chosen by the user, or a PDF printer)."""
    rect = printer.pageRect(QPrinter.Unit.Point)
    page = QSizeF(rect.width(), rect.height())
    document = build_document(orgs, locale, host_locale=host_locale, host_orgs=host_orgs,
                              page_size=page)
    document.setPageSize(page)
    document.print_(printer)


def write_pdf(orgs: Sequence[Organization], path: Path | str, locale: str,
              country: str = "") -> Path:
    """Save ``orgs`` as a PDF file at ``path``; a failure names the file and leaves none."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(partial))
    printer.setDocName(orgs[0].name if len(orgs) == 1 else "Favourites")
    configure_page(printer, country)
    print_organizations(orgs, printer, locale)
    try:
        if not partial.exists() or partial.stat().st_size == 0:
            raise OSError(0, "nothing was written (is the folder writable?)")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"cannot save the PDF: {error.strerror}", path=path) from error
    return path
