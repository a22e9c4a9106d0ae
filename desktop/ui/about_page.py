"""About the data: what this directory is, where it comes from, and how fresh it is."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop import APP_NAME, __version__
from desktop.directory.records import DirectoryInfo
from desktop.i18n import _, format_date, format_number, isolated, ngettext
from desktop.i18n.qt import RetranslatedOnLanguageChange
from desktop.ui.context import AppContext
from desktop.ui.widgets import plain_label


class AboutPage(RetranslatedOnLanguageChange, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutPage")
        self.context = context
        self.today = date.today  # tests pin the day the staleness is measured from
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(24, 16, 24, 24)
        self.title = QLabel(body)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.layout_.addWidget(self.title)
        # Heading above value, not a form: long wrapped values (sources, licence) get
        # their full height at any text size instead of being clipped to one line.
        self.rows = QVBoxLayout()
        self.rows.setSpacing(2)
        self.layout_.addLayout(self.rows)
        self.layout_.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        self.values: dict[str, str] = {}
        self.retranslate()

    def _row(self, key: str, label: str, value: str) -> None:
        title = plain_label(label, selectable=False)
        title.setProperty("role", "heading")
        title.setFont(self._bold)
        field = plain_label(value)
        field.setObjectName(f"about_{key}")
        field.setAccessibleName(label)
        self.rows.addSpacing(8)
        self.rows.addWidget(title)
        self.rows.addWidget(field)
        self.values[key] = value

    def retranslate(self) -> None:
        # The scroll area takes keyboard focus (to scroll by keys), so it needs a name.
        self.scroll.setAccessibleName(_("About the data"))
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.values = {}
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self.title.setText(_("About the data"))
        info = self.context.directory.info(self.today())
        self._row("version", _("Directory version"), info.version or _("unknown"))
        self._row("build_date", _("Built on"), self._date(info.build_date))
        self._row("entries", _("Entries"), ngettext(
            "%(count)s organisation", "%(count)s organisations", info.organizations)
            % {"count": format_number(info.organizations)})
        self._row("services", _("Services"), format_number(info.services))
        # Translators: %(count)s is the number of invented entries in the directory
        # file in use (none in the directory that comes with the app).
        made_up = ngettext(
            "%(count)s entry is made up, to show how the app works; it is marked as a "
            "demonstration wherever it appears.",
            "%(count)s entries are made up, to show how the app works; they are marked as "
            "demonstrations wherever they appear.", info.demo_organizations)
        self._row("demo", _("Demonstration entries"),
                  made_up % {"count": format_number(info.demo_organizations)})
        self._row("freshness", _("Freshness"), self._freshness(info))
        self._row("sources", _("Sources"), self._sources(info))
        self._row("licence", _("Licence"), self._licence(info.licence))
        self._row("app", _("App"), f"{APP_NAME} {__version__}")
        self._row("fonts", _("Fonts"), _(
            "Noto Sans, Noto Sans Arabic and Noto Sans Ethiopic, © Google, under the SIL "
            "Open Font License 1.1 (see resources/fonts/OFL.txt)."))
        self.layout_.setAlignment(Qt.AlignmentFlag.AlignTop)

    @staticmethod
    def _sources(info: DirectoryInfo) -> str:
        """Real entries cite their own pages (shown on each entry): here, how many."""
        pages = {page for label in info.source_labels for page in label.split()
                 if page.startswith(("http://", "https://"))}
        others = [label for label in info.source_labels
                  if label != "demo" and not label.startswith(("http://", "https://"))]
        lines = others[:10]
        if pages:
            # Translators: %(count)s is the number of web pages the entries were taken from,
            # e.g. 212. First line of the "Sources" section of the About the data page.
            lines.insert(0, ngettext(
                "%(count)s public page, cited on the entries it was read for",
                "%(count)s public pages, each cited on the entries it was read for",
                len(pages)) % {"count": format_number(len(pages))})
        return "\n".join(lines) or info.sources

    @staticmethod
    def _licence(licence: str) -> str:
        from desktop.directory.schema import DATA_LICENCE

        if licence == DATA_LICENCE:  # this project's own line: in the reader's language
            return _("Directory content: CC BY 4.0, Migrant Community Directory "
                     "contributors; facts cited to each organisation's public pages. Town "
                     "centres: GeoNames, CC BY 4.0. Schema: Open Referral HSDS 3.0, CC BY-SA "
                     "4.0.")
        return licence

    def _date(self, text: str) -> str:
        try:
            return format_date(datetime.fromisoformat(text).date())
        except ValueError:
            return text or _("unknown")

    def _freshness(self, info: DirectoryInfo) -> str:
        oldest, stale = info.oldest_assured_date, info.stale_organizations
        if oldest is None:
            return _("No entry has a verification date.")
        days = (self.today() - oldest).days
        # The date is isolated so its digits keep their order inside text of the other
        # direction.
        # Translators: {date} is the date of the oldest verification, in the reader's
        # format, e.g. "Mar 14, 2024"; {days} is how long ago that was, e.g. "400 days ago"
        # (the "%(count)s day ago" string). "Freshness" section of the About the data page.
        parts = [_("Oldest check: {date} ({days})").format(
            date=isolated(format_date(oldest)),
            # Translators: %(count)s is a number of days, e.g. 400. The result fills {days} in
            # "Oldest check: {date} ({days})".
            days=ngettext("%(count)s day ago", "%(count)s days ago", days)
            % {"count": format_number(days)})]
        # Translators: %(count)s is the number of organisations whose details nobody has
        # verified for over a year, e.g. 12 (can be 0). "Freshness" section of the About page.
        parts.append(ngettext(
            "%(count)s organisation was last checked more than a year ago.",
            "%(count)s organisations were last checked more than a year ago.", stale)
            % {"count": format_number(stale)})
        return "\n".join(parts)

