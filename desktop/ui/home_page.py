"""The home screen: one large search field, nine category tiles, and the emergency
numbers of the selected country one click away."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.schema import CATEGORY_CODES
from desktop.i18n import _, country_name, current_locale
from desktop.ui.context import AppContext
from desktop.ui.icons import icon

# The icons inside a line edit are tool buttons: keep the app-wide button padding off
# them, or they are pushed out of the field.
SEARCH_ICON_STYLE = ("QToolButton { min-height: 0; min-width: 0; padding: 0; border: none; "
                     "background: transparent; }")
TILE_MIN_CHARS = 22  # a tile is at least this many average characters wide
MAX_COLUMNS = 3      # 3 × 3 for the nine categories: calm, and easy to scan
CONTENT_MAX_CHARS = 110


def font_rule(factor: float, bold: bool = False) -> str:
    """A style-sheet font ``factor`` times the app's text size.

    A style sheet (not ``setFont``) because Qt re-applies style sheets whenever fonts
    or the app style sheet change, so headings stay larger at every text size.
    """
    base = QApplication.font()
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    weight = 700 if bold else 400
    return f"font-size: {size * factor:.1f}pt; font-weight: {weight};"


def _plain(parent: QWidget, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class CategoryTile(QPushButton):
    """A big button with an icon above words that wrap (long names in any language fit)."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("categoryTile")
        self.setProperty("category", code)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(8)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label = _plain(self, "categoryTileLabel")
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for child in (self._icon, self._label):
            # Clicks and focus belong to the button; the labels are only its face.
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(child)
        self._update_icon()

    def set_label(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleName(text)
        self.setToolTip("")  # a tooltip would read markup: keep it empty

    def label(self) -> str:
        return self._label.text()

    def _update_icon(self) -> None:
        side = max(32, int(self.fontMetrics().height() * 2.2))
        self._icon.setPixmap(icon(self.code).pixmap(QSize(side, side)))

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._update_icon()
        super().changeEvent(event)


class _TileGrid(QWidget):
    """Tiles in as many columns as fit (at most three), reflowed when the width changes."""

    def __init__(self, tiles: list[CategoryTile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tiles = tiles
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self._columns = 0
        self._reflow(MAX_COLUMNS)

    def _columns_for(self, width: int) -> int:
        tile = self.fontMetrics().averageCharWidth() * TILE_MIN_CHARS
        return max(1, min(MAX_COLUMNS, (width + 12) // (tile + 12)))

    def _reflow(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for position, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, position // columns, position % columns)
        for column in range(MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reflow(self._columns_for(event.size().width()))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # larger text: fewer, wider tiles
            self._reflow(self._columns_for(self.width()))
        super().changeEvent(event)


class HomePage(QWidget):
    search_requested = Signal(str)      # the person started typing
    category_chosen = Signal(str)       # a category code
    emergency_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self.context = context
        content = QWidget()
        content.setObjectName("homeContent")
        column = QVBoxLayout(content)
        column.setSpacing(16)

        self._title = _plain(content, "homeTitle")
        self._subtitle = _plain(content, "homeSubtitle")
        self.search_field = QLineEdit(content)
        self.search_field.setObjectName("homeSearch")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_field.textEdited.connect(self._on_text_edited)
        self.search_field.returnPressed.connect(
            lambda: self.search_requested.emit(self.search_field.text()))
        self._search_hint = _plain(content, "homeSearchHint")

        self._categories_heading = _plain(content, "sectionHeading")
        self.tiles = [CategoryTile(code, content) for code in CATEGORY_CODES]
        for tile in self.tiles:
            tile.clicked.connect(lambda _checked=False, code=tile.code:
                                 self.category_chosen.emit(code))
        grid = _TileGrid(self.tiles, content)

        emergency_row = QFrame(content)
        emergency_row.setObjectName("emergencyBar")
        row = QHBoxLayout(emergency_row)
        self._emergency_summary = _plain(emergency_row, "emergencySummary")
        self.emergency_button = QPushButton(emergency_row)
        self.emergency_button.setObjectName("emergencyButton")
        self.emergency_button.setIcon(icon("emergency"))
        self.emergency_button.clicked.connect(self.emergency_requested)
        row.addWidget(self._emergency_summary, 1)
        row.addWidget(self.emergency_button)

        for widget in (self._title, self._subtitle, self.search_field, self._search_hint):
            column.addWidget(widget)
        column.addSpacing(8)
        column.addWidget(self._categories_heading)
        column.addWidget(grid)
        column.addSpacing(8)
        column.addWidget(emergency_row)
        column.addStretch(1)

        # Centred, of readable width, and scrolling rather than clipping at 200 % text.
        centred = QWidget()
        outer = QHBoxLayout(centred)
        outer.addStretch(1)
        outer.addWidget(content, 100)
        outer.addStretch(1)
        self._content = content
        scroll = QScrollArea(self)
        scroll.setObjectName("homeScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(centred)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setFocusProxy(self.search_field)
        self._apply_fonts()
        self.retranslate()

    def _on_text_edited(self, text: str) -> None:
        if text.strip():
            self.search_requested.emit(text)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.search_field.clear()

    def update_emergency_summary(self) -> None:
        numbers = self.context.directory.emergency_numbers(self.context.country)
        country = country_name(self.context.country)
        if numbers and numbers.general:
            # Translators: %(country)s is a country's name, filled in as it is: put no
            # preposition or article before it (hence the brackets).
            text = _("Emergency (%(country)s): call %(number)s") % {
                "country": country, "number": numbers.general}
        else:
            # Translators: %(country)s is a country's name in the reader's language, filled in as
            # it is, e.g. "Belgium": put no preposition, article or case ending on it (hence the
            # brackets). A link on the home page.
            text = _("Emergency numbers (%(country)s)") % {"country": country}
        self._emergency_summary.setText(text)

    def retranslate(self) -> None:
        self._title.setText(_("Find help, community and work rights"))
        self._subtitle.setText(_(
            "Groups from your community, trade unions, media in your language and "
            "services for migrants. Everything here works without internet."))
        self.search_field.setPlaceholderText(_("Search, for example: housing, lawyer, radio"))
        self.search_field.setAccessibleName(_("Search the directory"))
        self._search_hint.setText(_("You can type in any language."))
        self._categories_heading.setText(_("Browse by category"))
        names = self.context.directory.category_names(current_locale())
        for tile in self.tiles:
            name = names.get(tile.code)
            tile.set_label(name.text if name else tile.code)
        self.emergency_button.setText(_("Emergency numbers"))
        self.emergency_button.setAccessibleName(_("Emergency numbers"))
        self.update_emergency_summary()

    def _apply_fonts(self) -> None:
        """Headings and the search field are larger than body text, at any text size."""
        for label, factor, bold in ((self._title, 1.9, True), (self._subtitle, 1.1, False),
                                    (self._categories_heading, 1.25, True),
                                    (self._emergency_summary, 1.1, True)):
            label.setStyleSheet(f"QLabel {{ {font_rule(factor, bold)} }}")
        self.search_field.setStyleSheet(
            f"QLineEdit {{ {font_rule(1.35)} }} {SEARCH_ICON_STYLE}")
        height = QFontMetrics(QApplication.font()).height() * 1.35 * 2.0
        self.search_field.setMinimumHeight(round(height))
        self._content.setMaximumWidth(self.fontMetrics().averageCharWidth() * CONTENT_MAX_CHARS)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            # After Qt has finished handing the new font down (and re-applying the style
            # sheet), or the children's larger heading fonts would be overwritten.
            QTimer.singleShot(0, self, self._apply_fonts)  # dropped if self is deleted
        super().changeEvent(event)
