"""One organisation in full: what it does, how to reach it, when it is open, who it welcomes.

Every piece of directory text goes into a plain-text label (``plain_label``): an entry
named ``<img src=x>`` shows those characters. The page is rebuilt from the directory on
every language change, so descriptions follow the language too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.contacts import dial_uri, short_page, site_name
from desktop.directory.hours import OpeningInterval, closes_at, is_open, next_opening
from desktop.directory.records import LocalizedText, Location, Organization, Service
from desktop.errors import UserError
from desktop.i18n import N_, _, current_locale, format_list, is_rtl, pgettext
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.context import AppContext
from desktop.ui.corrections import CorrectionDialog
from desktop.ui.handoff import ShowCardDialog, fitting_payload, qr_image
from desktop.ui.icons import directional_icon, icon, text_icon_side
from desktop.ui.labels import kind_label
from desktop.ui.messages import read_only_notice, show_message
from desktop.ui.widgets import (
    WELCOME_FLAGS,
    Localizer,
    address_lines,
    hours_table,
    plain_label,
    ui_localizer,
)

MEDIUM_LABELS = {
    "radio": N_("Radio"), "tv": N_("Television"), "print": N_("Newspaper or magazine"),
    # Translators: a kind of media: a news site or a web radio read on the internet
    "online": N_("Online"),
}
QR_SIZE, QR_SIZE_KIOSK = 160, 220


def _scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def _clear(layout: QVBoxLayout | QHBoxLayout | QGridLayout,
           keep: tuple[QWidget, ...] = ()) -> None:
    """Empty ``layout``, deleting its widgets except those in ``keep`` (taken out only)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            if widget not in keep:
                widget.hide()
                widget.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout(), keep)  # type: ignore[arg-type]


class DetailsPage(RetranslatedOnLanguageChange, QWidget):
    back_requested = Signal()
    favourites_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPage")
        self.context = context
        self.org_id: str | None = None
        self.org: Organization | None = None
        # What "now" is for "open now" (tests set a fixed moment; times are the place's).
        self.now: Callable[[], datetime] = datetime.now
        self.copy_buttons: list[QToolButton] = []
        self.last_copied = ""
        self.last_dialog: QWidget | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.setContentsMargins(16, 8, 16, 0)
        self.status = QLabel(self)  # "Copied …": a quiet confirmation, read by screen readers
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.status, 1)
        outer.addLayout(top)
        # Beside the entry's name (placed there by each rebuild); hidden with no entry.
        self.star_button = QPushButton(self)
        self.star_button.setObjectName("favouriteButton")
        self.star_button.setCheckable(True)
        self.star_button.setIconSize(QSize(22, 22))
        self.star_button.toggled.connect(self._star_toggled)
        self.star_button.hide()

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.body.setObjectName("detailsBody")
        self.content = QVBoxLayout(self.body)
        self.content.setContentsMargins(24, 12, 24, 24)
        self.content.setSpacing(10)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self._reset_widgets()
        self.retranslate()

    # -- public API --------------------------------------------------------------------

    def show_organization(self, org_id: str) -> None:
        self.org_id = org_id
        self.org = self.context.directory.organization(org_id, current_locale())
        self._rebuild()
        self.scroll.verticalScrollBar().setValue(0)

    def retranslate(self) -> None:
        # The scroll area takes keyboard focus (to scroll by keys), so it needs a name.
        self.scroll.setAccessibleName(_("Entry details"))
        self._update_star()
        if self.org_id is not None:
            self.org = self.context.directory.organization(self.org_id, current_locale())
            self._rebuild()

    def reset(self) -> None:
        """Forget the entry shown (kiosk reset between visitors)."""
        self.org_id, self.org = None, None
        self.status.clear()
        self.last_copied = ""
        _clear(self.content, keep=(self.star_button,))
        self.star_button.hide()
        self._reset_widgets()
        self._update_star()

    # -- building the page -----------------------------------------------------------

    def _reset_widgets(self) -> None:
        self.copy_buttons = []
        self.name_label: QLabel | None = None
        self.description_label: QLabel | None = None
        self.demo_banner: QLabel | None = None
        self.stale_warning: QLabel | None = None
        self.qr_label: QLabel | None = None
        self.card_button: QPushButton | None = None
        self.print_button: QPushButton | None = None
        self.pdf_button: QPushButton | None = None
        self.correction_button: QPushButton | None = None
        self.website_button: QPushButton | None = None
        self.open_status: QLabel | None = None
        self.not_translated_markers: list[QLabel] = []
        self.not_reviewed_markers: list[QLabel] = []
        self.approximate_labels: list[QLabel] = []
        self.source_buttons: list[QPushButton] = []
        self.action_buttons: list[QToolButton | QPushButton] = []
        self.checked_label: QLabel | None = None

    def _rebuild(self) -> None:
        _clear(self.content, keep=(self.star_button,))
        self.star_button.hide()
        self._reset_widgets()
        self.status.clear()
        org = self.org
        self._update_star()
        if org is None:
            self._missing()
            return
        today = self.now().date()
        if org.is_demo:
            self.demo_banner = plain_label(
                _("Demonstration entry — not a real organisation"), role="banner-demo")
            self.content.addWidget(self.demo_banner)
        self.name_label = plain_label(org.name, role="heading")
        self.name_label.setObjectName("orgName")
        self.name_label.setFont(_scaled_font(self.name_label, 1.7, bold=True))
        self.name_label.setAccessibleName(org.name)
        title_row = QHBoxLayout()
        title_row.addWidget(self.name_label, 1)
        title_row.addWidget(self.star_button, 0, Qt.AlignmentFlag.AlignTop)
        self.content.addLayout(title_row)
        self.star_button.show()
        subtitle = [kind_label(org.kind)]
        if org.alternate_name:
            subtitle.insert(0, org.alternate_name)
        self.content.addWidget(plain_label(" · ".join(subtitle)))
        if org.is_stale(today):
            self.stale_warning = plain_label(self._stale_text(org.assured_date), role="warning")
            self.stale_warning.setObjectName("staleWarning")
            self.content.addWidget(self.stale_warning)

        # Contact first: what it is and who it is for, then how to reach it; the QR code
        # and the hand-off actions after the services.
        if org.description.text:
            self.description_label = self._localized(org.description, self.content)
        self._contact(org)
        self._hours(org.hours, self.content, today, with_status=True)
        self._facts(org)
        if org.services:
            self._section(_("Services"), self.content)
        for service in org.services:
            self._service(service)
        self._handoff_row(org)
        self._provenance(org)
        self.content.addStretch(1)

    def _missing(self) -> None:
        label = QLabel(_("This entry is no longer in the directory."), self.body)
        label.setWordWrap(True)
        self.content.addWidget(label)
        back = QPushButton(directional_icon("back", is_rtl()), _("Back"), self.body)
        back.setAccessibleName(_("Back"))
        back.clicked.connect(self.back_requested)
        self.content.addWidget(back, 0, Qt.AlignmentFlag.AlignLeading)
        self.content.addStretch(1)

    def _stale_text(self, assured: date | None) -> str:
        if assured is None:
            return _("Nobody has checked this entry yet: please confirm before you go.")
        # Translators: {date} is the date someone last verified this entry, in the reader's
        # format, e.g. "Mar 14, 2024". A warning near the top of an entry's page.
        return _("Last checked on {date}, more than a year ago: details may have changed."
                 ).format(date=ui_localizer().date(assured))

    def _section(self, title: str, parent_layout: QVBoxLayout) -> QVBoxLayout:
        heading = QLabel(title, self.body)
        heading.setProperty("role", "heading")
        heading.setFont(_scaled_font(heading, 1.2, bold=True))
        parent_layout.addSpacing(6)
        parent_layout.addWidget(heading)
        box = QVBoxLayout()
        box.setSpacing(4)
        parent_layout.addLayout(box)
        return box

    def _localized(self, text: LocalizedText, layout: QVBoxLayout) -> QLabel:
        label = plain_label(text.text)
        layout.addWidget(label)
        self._translation_marker(text, layout)
        return label

    def _translation_marker(self, text: LocalizedText, layout: QVBoxLayout) -> None:
        """Say when text is not in the reader's language, or is an unreviewed draft."""
        if not text.text:
            return
        if not text.translated:
            marker = QLabel(_("(not translated)"), self.body)
            marker.setToolTip(_("No translation yet: the original text is shown."))
            self.not_translated_markers.append(marker)
        elif text.draft:
            marker = QLabel(_("(translation not reviewed)"), self.body)
            marker.setToolTip(_("A draft translation that no fluent speaker has checked yet."))
            self.not_reviewed_markers.append(marker)
        else:
            return
        marker.setProperty("role", "badge")
        layout.addWidget(marker)

    def _handoff_row(self, org: Organization) -> None:
        row = QHBoxLayout()
        row.setSpacing(16)
        size = QR_SIZE_KIOSK if self.context.kiosk else QR_SIZE
        self.qr_label = QLabel(self.body)
        self.qr_label.setObjectName("qrCode")
        payload, shortened = fitting_payload(org, current_locale())
        image = qr_image(payload, size)
        self.qr_label.setPixmap(QPixmap.fromImage(image))
        self.qr_label.setFixedSize(image.size())
        self.qr_label.setAccessibleName(_("QR code with this entry's contact details"))
        # A QR code is never mirrored, whatever the language's direction.
        self.qr_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        qr_box = QVBoxLayout()
        qr_box.addWidget(self.qr_label)
        caption = QLabel(_("Scan to save the contact on a phone (works offline)"), self.body)
        caption.setWordWrap(True)
        caption.setMaximumWidth(max(size, 220))
        qr_box.addWidget(caption)
        if shortened:
            note = QLabel(_("Not everything fits in the code: the name and phone are in it; "
                            "see the page for the rest."), self.body)
            note.setObjectName("qrShortened")
            note.setWordWrap(True)
            note.setMaximumWidth(max(size, 220))
            qr_box.addWidget(note)
        qr_box.addStretch(1)
        row.addLayout(qr_box)

        actions = QVBoxLayout()
        self.card_button = self._action("card", _("Show this card"), self._show_card, actions)
        if not self.context.kiosk or self.context.printer_enabled:
            self.print_button = self._action("print", _("Print"), self._print, actions)
        if not self.context.kiosk:  # no file dialogs on a public kiosk
            self.pdf_button = self._action("print", _("Save as PDF"), self._save_pdf, actions)
        if self.context.user_data.persistent:
            # A kiosk forgets everything at reset, and a read-only disk keeps nothing, so
            # a report there would be lost.
            self.correction_button = self._action("report", _("Report a correction"),
                                                  self._report, actions)
        actions.addStretch(1)
        row.addLayout(actions)
        row.addStretch(1)
        self.content.addLayout(row)

    def _action(self, icon_name: str, text: str, slot: Callable[[], None],
                layout: QVBoxLayout) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self.body)
        button.setAccessibleName(text)
        side = text_icon_side(button)
        button.setIconSize(QSize(side, side))
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    def _copy_line(self, icon_name: str, text: str, what: str, layout: QVBoxLayout,
                   action: tuple[str, str] | None = None) -> None:
        """A phone number or an address to copy, with its action (Call, E-mail) beside it
        on a desktop; a kiosk has no phone or mail app to hand it to."""
        row = QHBoxLayout()
        glyph = QLabel(self.body)
        glyph.setPixmap(icon(icon_name).pixmap(text_icon_side(glyph)))
        row.addWidget(glyph)
        # Phone numbers and e-mail addresses read left to right in every script.
        value = plain_label(f"\u2066{text}\u2069", wrap=False)  # never broken at a hyphen
        row.addWidget(value)
        if action is not None and not self.context.kiosk:
            label, uri = action
            act = QToolButton(self.body)
            act.setIcon(icon(icon_name))
            act.setText(label)
            act.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            act.setAccessibleName(f"{label}: {text}")
            act.clicked.connect(lambda _checked=False, u=uri: self._open_uri(u))
            row.addWidget(act)
            self.action_buttons.append(act)
        button = QToolButton(self.body)
        button.setIcon(icon("copy"))
        button.setText(_("Copy"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Translators: {what} is "phone number" or "e-mail address" (those strings, in the
        # reader's language); {value} is the number or address itself, e.g. "+32 2 123 45 67".
        # Read aloud by screen readers for the Copy button of an entry's page.
        button.setAccessibleName(_("Copy {what}: {value}").format(what=what, value=text))
        button.clicked.connect(lambda _checked=False, t=text: self.copy_to_clipboard(t))
        row.addWidget(button)
        row.addStretch(1)
        self.copy_buttons.append(button)
        layout.addLayout(row)

    def _contact(self, org: Organization) -> None:
        box = self._section(pgettext("heading: how to reach the organisation", "Contact"),
                            self.content)
        loc = ui_localizer()
        places = org.places_to_show
        for index, location in enumerate(places):
            if index:
                box.addSpacing(self.fontMetrics().height() // 2)
            self._place(location, box, loc)
        for shown, stored in zip(org.phones_to_show, org.all_phones, strict=True):
            self._copy_line("phone", shown, _("phone number"), box,
                            action=(_("Call"), dial_uri(stored)))
        emails = dict.fromkeys(filter(None, [org.email, *(s.email for s in org.services)]))
        for email in emails:
            self._copy_line("email", email, _("e-mail address"), box,
                            action=(_("E-mail"), f"mailto:{email}"))
        if org.website:
            if self.context.kiosk:  # no browser on a kiosk: show the address to note down
                row = QHBoxLayout()
                glyph = QLabel(self.body)
                glyph.setPixmap(icon("web").pixmap(text_icon_side(glyph)))
                row.addWidget(glyph)
                row.addWidget(plain_label(org.website), 1)
                box.addLayout(row)
            else:
                self.website_button = QPushButton(icon("web"), _("Open the website"), self.body)
                self.website_button.setObjectName("websiteButton")
                self.website_button.setToolTip(org.website)
                self.website_button.setAccessibleName(_("Open the website"))
                self.website_button.setAccessibleDescription(org.website)
                self.website_button.clicked.connect(self._open_website)
                box.addWidget(self.website_button, 0, Qt.AlignmentFlag.AlignLeading)
        if box.count() == 0:
            box.addWidget(QLabel(_("No contact details are known."), self.body))

    def _place(self, location: Location, box: QVBoxLayout, loc: Localizer) -> None:
        """One place to go: its address and directions. Not its name: place names are
        written in English in the sources and are not translated, the address is."""
        lines = address_lines(location.address, loc) if location.address.lines() else []
        if lines:
            row = QHBoxLayout()
            glyph = QLabel(self.body)
            glyph.setPixmap(icon("location").pixmap(text_icon_side(glyph)))
            row.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(plain_label("\n".join(lines)), 1)
            box.addLayout(row)
        if location.latitude is None or location.longitude is None:
            return
        if not self.context.kiosk:
            query = ", ".join(lines).replace("\n", ", ")
            directions = QPushButton(icon("location"), _("Directions"), self.body)
            directions.setObjectName("directionsButton")
            directions.setAccessibleName(_("Directions"))
            directions.setAccessibleDescription(query)
            uri = (f"geo:{location.latitude:.6f},{location.longitude:.6f}"
                   + (f"?q={QUrl.toPercentEncoding(query).data().decode()}" if query else ""))
            directions.clicked.connect(lambda _checked=False, u=uri: self._open_uri(u))
            box.addWidget(directions, 0, Qt.AlignmentFlag.AlignLeading)
            self.action_buttons.append(directions)
        if location.coordinates_approximate:
            # The map point is the town centre: say so before someone walks there.
            hint = QLabel(
                _("Approximate location: the map point is the town centre, not the door."),
                self.body)
            hint.setObjectName("approximateLocation")
            hint.setWordWrap(True)
            hint.setProperty("role", "hint")
            box.addWidget(hint)
            self.approximate_labels.append(hint)

    def _hours(self, hours: tuple[OpeningInterval, ...], layout: QVBoxLayout, today: date,
               with_status: bool) -> None:
        if not hours:
            return
        box = self._section(_("Opening hours"), layout) if with_status else layout
        loc = ui_localizer()
        if with_status:
            now = self._entry_now()
            if is_open(hours, now):
                closing = closes_at(hours, now)
                # Translators: {time} is today's closing time in the reader's format, e.g.
                # "5:30 PM" or "17:30". Under "Opening hours" on an entry's page.
                text = (_("Open now · closes at {time}").format(time=loc.time(closing.time()))
                        if closing is not None and closing.date() == now.date()
                        else _("Open now"))
            else:
                opening = next_opening(hours, now)
                if opening is None:
                    text = _("Closed")
                elif opening.date() == now.date():
                    # Translators: {time} is the opening time later today in the reader's format,
                    # e.g. "9:00 AM" or "09:00". Under "Opening hours" on an entry's page.
                    text = _("Closed now · opens at {time}").format(time=loc.time(opening.time()))
                else:
                    # Translators: {day} is a weekday's name on its own, as in a calendar, e.g.
                    # "Monday", "lundi" (no case ending or article can be added to it); {time} is
                    # the opening time, e.g. "9:00 AM" or "09:00". Under "Opening hours" on an
                    # entry's page.
                    text = _("Closed now · opens {day} at {time}").format(
                        day=loc.weekday(opening.weekday()), time=loc.time(opening.time()))
            self.open_status = QLabel(text, self.body)
            self.open_status.setObjectName("openStatus")
            self.open_status.setFont(_scaled_font(self.open_status, 1.0, bold=True))
            box.addWidget(self.open_status)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for row, (day, times) in enumerate(hours_table(hours, loc, with_closed=with_status)):
            grid.addWidget(QLabel(day, self.body), row, 0)
            grid.addWidget(QLabel(times, self.body), row, 1)
        grid.setColumnStretch(2, 1)
        box.addLayout(grid)

    def _entry_now(self) -> datetime:
        """The time on the entry's own clock (its hours are local to its place)."""
        now = self.now()
        zone = self.org.primary_location.time_zone if self.org and \
            self.org.primary_location else ""
        if not zone or self.now != datetime.now:  # a pinned clock (tests) is taken as is
            return now
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return now.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        except (ZoneInfoNotFoundError, ValueError):
            return now

    def _facts(self, org: Organization) -> None:
        localizer = ui_localizer()
        if org.languages:
            box = self._section(_("Languages spoken"), self.content)
            box.addWidget(plain_label(format_list([localizer.language(c) for c in org.languages])))
        if org.communities_served:
            box = self._section(_("Communities served"), self.content)
            box.addWidget(plain_label(format_list(
                [localizer.country(c) for c in org.communities_served])))
        flags = [_(label) for attr, label in WELCOME_FLAGS
                 if any(getattr(s, attr) for s in org.services)]
        if flags:
            # Translators: heading of the list "free of charge", "no papers needed"...;
            # not a greeting.
            box = self._section(_("Who is welcome"), self.content)
            for flag in flags:
                box.addWidget(QLabel("✓ " + flag, self.body))
        if org.media is not None:
            box = self._section(pgettext("heading: the radio, TV or web service the entry runs",
                                           "Media"), self.content)
            medium = MEDIUM_LABELS.get(org.media.medium)
            parts = [_(medium) if medium else org.media.medium]
            if org.media.channel:
                parts.append(org.media.channel)
            box.addWidget(plain_label(" · ".join(parts)))
            if org.media.languages:
                # Translators: {languages} is a list of language names in the reader's language,
                # e.g. "Arabic, Tigrinya and French": the languages a radio, newspaper or other
                # medium uses. Under "Media" on an entry's page.
                box.addWidget(plain_label(_("In: {languages}").format(
                    languages=format_list([localizer.language(c) for c in org.media.languages]))))

    def _service(self, service: Service) -> None:
        frame = QFrame(self.body)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        title = plain_label(service.name.text, role="heading")
        title.setFont(_scaled_font(title, 1.1, bold=True))
        box.addWidget(title)
        if not service.description.text:
            self._translation_marker(service.name, box)
        if service.description.text:
            self._localized(service.description, box)
        localizer = ui_localizer()
        names = self.context.directory.category_names(current_locale())
        if service.categories:
            text = format_list([names[c].text if c in names else c for c in service.categories])
            # Translators: {names} is a list of category names in the reader's language, e.g.
            # "Housing and Legal advice". Shown in a service's box on an entry's page.
            box.addWidget(plain_label(_("Categories: {names}").format(names=text)))
        if service.languages:
            # Translators: {names} is a list of language names in the reader's language, e.g.
            # "Arabic, Tigrinya and French": the languages a service is given in.
            box.addWidget(plain_label(_("Languages: {names}").format(
                names=format_list([localizer.language(c) for c in service.languages]))))
        flags = [_(label) for attr, label in WELCOME_FLAGS if getattr(service, attr)]
        if flags:
            box.addWidget(QLabel(" · ".join(flags), frame))
        if service.hours:
            rows = hours_table(service.hours, localizer)
            box.addWidget(plain_label("\n".join(f"{day}: {times}" for day, times in rows)))
        self.content.addWidget(frame)

    def _provenance(self, org: Organization) -> None:
        box = self._section(_("About this information"), self.content)
        localizer = ui_localizer()
        pages = org.sources
        if org.is_demo:
            box.addWidget(plain_label(_("Source: demonstration data, not a real organisation")))
            return
        when = (localizer.date(org.assured_date) if org.assured_date is not None
                else _("never"))
        sites = format_list(list(dict.fromkeys(site_name(page) for page in pages)))
        # Translators: DATE is when a person last read the cited pages; SITE names them
        # ("fcfp.se, st.org").
        self.checked_label = plain_label(_("Checked on {date} · source: {sites}").format(
            date=when, sites=sites or _("not given")))
        self.checked_label.setObjectName("checkedOn")
        box.addWidget(self.checked_label)
        for page in pages:
            if self.context.kiosk:  # no browser on a kiosk: the address to note down
                box.addWidget(plain_label(f"\u2066{short_page(page, 80)}\u2069"))
                continue
            button = QPushButton(icon("web"), f"\u2066{short_page(page)}\u2069", self.body)
            button.setFlat(True)
            button.setToolTip(page)
            # Translators: {page} is the web address of a page the entry was taken from, e.g.
            # https://www.example.org/contact. Read aloud by screen readers for that button.
            button.setAccessibleName(_("Open the source page: {page}").format(page=page))
            button.clicked.connect(lambda _checked=False, url=page: self._open_page(url))
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeading)
            self.source_buttons.append(button)
        if org.note:
            box.addWidget(plain_label(_("Note from the people who checked it:")))
            # Notes are for coordinators and are not translated: marked as such.
            self._localized(LocalizedText(org.note, "en", translated=current_locale() == "en"),
                            box)

    # -- actions ---------------------------------------------------------------------

    def _update_star(self) -> None:
        on = self.org is not None and self.context.user_data.is_favourite(self.org.id)
        self.star_button.blockSignals(True)
        self.star_button.setChecked(on)
        self.star_button.blockSignals(False)
        read_only = self.context.user_data.read_only
        self.star_button.setEnabled(self.org is not None and not read_only)
        text = _("Remove from favourites") if on else _("Add to favourites")
        self.star_button.setText(text)
        self.star_button.setAccessibleName(text)
        self.star_button.setToolTip(read_only_notice(self.context.user_data.path.parent)
                                    if read_only and self.context.user_data.path else "")
        self.star_button.setIcon(icon("star-filled" if on else "star"))
        side = text_icon_side(self.star_button)
        self.star_button.setIconSize(QSize(side, side))

    def _star_toggled(self, on: bool) -> None:
        if self.org is None:
            return
        self.context.user_data.set_favourite(self.org.id, self.org.name, on)
        self._update_star()
        self.favourites_changed.emit()

    def copy_to_clipboard(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.last_copied = text
        # Translators: {text} is the phone number or e-mail address just copied, e.g.
        # "+32 2 123 45 67". A short status line at the bottom of an entry's page.
        self.status.setText(_("Copied: {text}").format(text=text))

    def _open_uri(self, uri: str) -> None:
        """Hand a tel:, mailto: or geo: link to the system (never a file or script)."""
        if uri.split(":", 1)[0] in ("tel", "mailto", "geo") and not self.context.kiosk:
            QDesktopServices.openUrl(QUrl(uri))

    def _open_page(self, url: str) -> None:
        if url.startswith(("http://", "https://")):  # the build refuses any other scheme
            QDesktopServices.openUrl(QUrl(url))

    def _open_website(self) -> None:
        if self.org is None or not self.org.website or self.context.kiosk:
            return
        url = QUrl(self.org.website)
        # Only web addresses: never a file:// or other scheme from directory data.
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _show_card(self) -> None:
        if self.org is None:
            return
        dialog = ShowCardDialog(self.org, current_locale(), self.context.host_locale, self)
        self.last_dialog = dialog
        dialog.open()

    def _print(self) -> None:
        if self.org is None:
            return
        from desktop.ui.printing import configure_page, print_organizations

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_page(printer, self.context.country)
        org = self.org
        if self.context.kiosk:
            # The kiosk's slip: the visitor's language beside the host country's.
            host = self.context.directory.organization(org.id, self.context.host_locale)
            print_organizations([org], printer, current_locale(),
                                host_locale=self.context.host_locale if host else None,
                                host_orgs=[host] if host is not None else [])
            self.status.setText(_("Sent to the printer."))
            return
        from desktop.ui.print_preview import PrintPreviewDialog

        locale = current_locale()
        dialog = PrintPreviewDialog(
            printer, lambda target: print_organizations([org], target, locale), self)
        dialog.accepted.connect(lambda: self.status.setText(_("Sent to the printer.")))
        self.last_dialog = dialog
        dialog.open()

    def _save_pdf(self) -> None:
        if self.org is None or self.context.kiosk:
            return
        from desktop.ui.printing import write_pdf

        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.org.name)[:60]
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), f"{name.strip() or 'entry'}.pdf", _("PDF files (*.pdf)"))
        if not path:
            return
        try:
            write_pdf([self.org], path, current_locale(), self.context.country)
        except UserError as error:
            show_message(self, QMessageBox.Icon.Warning, _("Save as PDF"), error.display_text())
            return
        # Translators: {path} is the path of the PDF file just saved, e.g.
        # /home/ana/Documents/Entry.pdf. A short status line after Save as PDF.
        self.status.setText(_("Saved: {path}").format(path=path))

    def _report(self) -> None:
        if self.org is None:
            return
        dialog = CorrectionDialog(self.org.id, self.org.name, self.context, self)
        self.last_dialog = dialog
        dialog.accepted.connect(
            lambda: self.status.setText(_("Thank you. Your report is saved on this computer.")))
        dialog.open()
