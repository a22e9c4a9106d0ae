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
    organization_address,
)

BODY_POINTS = 10.5
QR_POINTS = 110  # printed size of a QR code, in document units (points at 72 dpi)


class _Writer:
    """Appends text to a document, one direction and font per block."""

    def __init__(self, document: QTextDocument, loc: Localizer) -> None:
        self.document = document
        self.loc = loc
        self.cursor = QTextCursor(document)
        self.first_block = True
        self.families = fallback_families("Noto Sans") or ["Noto Sans"]

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
        block.setAlignment(Qt.AlignmentFlag.AlignLeading)
        block.setTopMargin(space_before)
        if page_break:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        char = QTextCharFormat()
        char.setFontFamilies(self.families)
        char.setFontPointSize(points)
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
        image.setWidth(points)
        image.setHeight(points)
        self.cursor.insertImage(image)


def _add_entry(writer: _Writer, org: Organization, index: int, today: date,
               with_qr: bool = True) -> None:
    loc = writer.loc
    tr = loc.gettext
    writer.block(org.name, points=17, bold=True, page_break=index > 0, content=True)
    if org.is_demo:
        writer.block(tr(N_("Demonstration entry — not a real organisation")), bold=True)
    kind = KIND_LABELS.get(org.kind)
    if kind:
        writer.block(tr(kind))
    writer.field(tr(N_("About")), org.description.text, content=True)
    address = organization_address(org)
    if address is not None:
        writer.field(tr(N_("Address")), "\n".join(address_lines(address, loc)),
                     content=True)
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
        if service.description.text:
            writer.block(service.description.text, content=True)
    if org.assured_date is not None:
        verified = tr(N_("Last verified: {date}")).format(date=loc.date(org.assured_date))
        if org.is_stale(today):
            verified += " — " + tr(N_("may be out of date"))
        writer.block(verified, points=8.5, space_before=6)
    writer.block(tr(N_("Source: {source}")).format(source=org.source), points=8.5)
    if not with_qr:
        return
    qr_name = f"qr-{index}"
    writer.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(qr_name),
                                qr_image(fitting_payload(org, loc.locale)[0], 330))
    writer.block(tr(N_("Scan to save the contact on a phone")), points=8.5, space_before=6)
    writer.image(qr_name, QR_POINTS)


def build_document(orgs: Sequence[Organization], locale: str,
                   today: date | None = None, *, host_locale: str | None = None,
                   host_orgs: Sequence[Organization] = ()) -> QTextDocument:
    """The printable document of ``orgs`` in ``locale`` (one entry per page).

    With ``host_locale`` and the same entries read in it (``host_orgs``), each page
    repeats the entry in the host country's language below, under that language's own
    name: the slip a visitor can hand to a driver or an official.
    """
    load_bundled_fonts()
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont()
    font.setFamilies(fallback_families("Noto Sans") or ["Noto Sans"])
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    writer = _Writer(document, localizer_for(locale))
    second = localizer_for(host_locale) if host_locale and host_locale != locale else None
    for index, org in enumerate(orgs):
        _add_entry(writer, org, index, today or date.today())
        host_org = next((h for h in host_orgs if h.id == org.id), None)
        if second is not None and host_org is not None:
            own = writer.loc
            writer.loc = second
            writer.block(second.own_name, points=12, bold=True, space_before=18)
            _add_entry(writer, host_org, 0, today or date.today(), with_qr=False)
            writer.loc = own
    return document


def _configure(printer: QPrinter) -> None:
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait,
                                      QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))


def print_organizations(orgs: Sequence[Organization], printer: QPrinter, locale: str, *,
                        host_locale: str | None = None,
                        host_orgs: Sequence[Organization] = ()) -> None:
    """Print ``orgs`` on ``printer`` (already chosen by the user, or a PDF printer)."""
    document = build_document(orgs, locale, host_locale=host_locale, host_orgs=host_orgs)
    rect = printer.pageRect(QPrinter.Unit.Point)
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(printer)


def write_pdf(orgs: Sequence[Organization], path: Path | str, locale: str) -> Path:
    """Save ``orgs`` as a PDF file at ``path``; a failure names the file and leaves none."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(partial))
    printer.setDocName(orgs[0].name if len(orgs) == 1 else "Favourites")
    _configure(printer)
    print_organizations(orgs, printer, locale)
    try:
        if not partial.exists() or partial.stat().st_size == 0:
            raise OSError(0, "nothing was written (is the folder writable?)")
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"cannot save the PDF: {error.strerror}", path=path) from error
    return path
