"""How one result row looks: name, kind and city, languages spoken, "open now",
distance and a "demo entry" badge.

Everything is drawn with ``drawText`` as plain text (a name such as ``<img src=x>`` shows
those characters), mirrored for right-to-left languages, and every row has the same
height so long lists scroll without measuring each row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.directory.records import ResultRow
from desktop.i18n import _, format_distance_km, format_list, language_name
from desktop.ui.labels import kind_label
from desktop.ui.results_model import Role

PADDING = 10
LINE_GAP = 3
BADGE_PADDING = 6


def _fonts(base: QFont) -> tuple[QFont, QFont]:
    title = QFont(base)
    title.setBold(True)
    title.setPointSizeF(base.pointSizeF() * 1.15 if base.pointSizeF() > 0 else 11)
    return title, QFont(base)


def _open_colour(palette: QPalette) -> QColor:
    """A green readable on the current background (dark themes get a lighter one)."""
    dark_background = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#7bd88f") if dark_background else QColor("#1b6e34")


class ResultDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, body = _fonts(option.font)
        height = (QFontMetrics(title).height() + 2 * QFontMetrics(body).height()
                  + 2 * LINE_GAP + 2 * PADDING)
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(Role.ROW)
        if not isinstance(row, ResultRow):
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the panel only: text is drawn below, as plain text
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else None
        painter.save()
        try:
            if style is not None:
                style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter,
                                    widget)
            self._paint_text(painter, opt, row)
        finally:
            painter.restore()

    def _paint_text(self, painter: QPainter, opt: QStyleOptionViewItem, row: ResultRow) -> None:
        direction = opt.direction
        painter.setLayoutDirection(direction)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_role = (QPalette.ColorRole.HighlightedText if selected
                     else QPalette.ColorRole.Text)
        main_colour = palette.color(text_role)
        secondary = QColor(main_colour)
        if not selected:
            secondary.setAlphaF(0.72)
        title_font, body_font = _fonts(opt.font)
        title_metrics, body_metrics = QFontMetrics(title_font), QFontMetrics(body_font)
        area = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)

        def logical(x: int, y: int, width: int, height: int) -> QRect:
            """A rectangle given from the reading start, mirrored in right-to-left."""
            rect = QRect(area.left() + x, y, width, height)
            return QStyle.visualRect(direction, area, rect)

        lead = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        trail = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        lead = QStyle.visualAlignment(direction, lead)
        trail = QStyle.visualAlignment(direction, trail)

        # Line 1: name, and at the far end the demo badge.
        y = area.top()
        line1 = title_metrics.height()
        badge_width = 0
        painter.setFont(body_font)
        if row.is_demo:
            badge = _("Demo entry")
            badge_width = body_metrics.horizontalAdvance(badge) + 2 * BADGE_PADDING
            badge_rect = logical(area.width() - badge_width, y, badge_width, line1)
            painter.setPen(secondary)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(badge_rect.adjusted(0, 1, -1, -1), 6, 6)
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        painter.setFont(title_font)
        painter.setPen(main_colour)
        name_width = max(0, area.width() - badge_width - PADDING)
        name = title_metrics.elidedText(row.name, Qt.TextElideMode.ElideRight, name_width)
        painter.drawText(logical(0, y, name_width, line1), lead | Qt.TextFlag.TextSingleLine,
                         name)

        # Line 2: kind and place; at the far end "open now" and the distance.
        y += line1 + LINE_GAP
        line = body_metrics.height()
        painter.setFont(body_font)
        trailing = []
        if row.distance_km is not None:
            trailing.append(format_distance_km(row.distance_km))
        trailing_text = "  ·  ".join(trailing)
        open_text = _("Open now") if row.open_now else ""
        trailing_width = body_metrics.horizontalAdvance(trailing_text)
        open_width = body_metrics.horizontalAdvance(open_text)
        gap = PADDING if open_text and trailing_text else 0
        used = trailing_width + open_width + gap
        if trailing_text:
            painter.setPen(secondary)
            painter.drawText(logical(area.width() - trailing_width, y, trailing_width, line),
                             trail | Qt.TextFlag.TextSingleLine, trailing_text)
        if open_text:
            painter.setPen(main_colour if selected else _open_colour(palette))
            bold = QFont(body_font)
            bold.setBold(True)
            painter.setFont(bold)
            open_width = QFontMetrics(bold).horizontalAdvance(open_text)
            used = trailing_width + open_width + gap
            painter.drawText(logical(area.width() - used, y, open_width, line),
                             trail | Qt.TextFlag.TextSingleLine, open_text)
            painter.setFont(body_font)
        place = ", ".join(filter(None, (row.city,)))
        details = "  ·  ".join(filter(None, (kind_label(row.kind), place)))
        details_width = max(0, area.width() - used - PADDING)
        painter.setPen(secondary)
        painter.drawText(logical(0, y, details_width, line), lead | Qt.TextFlag.TextSingleLine,
                         body_metrics.elidedText(details, Qt.TextElideMode.ElideRight,
                                                 details_width))

        # Line 3: languages spoken.
        y += line + LINE_GAP
        if row.languages:
            # Translators: %(languages)s is a list of language names in the reader's language,
            # e.g. "Arabic, Pashto and French": the languages an organisation's staff speak.
            # Third line of a result in the list of search results.
            spoken = _("Speaks: %(languages)s") % {
                "languages": format_list([language_name(code) for code in row.languages])}
            painter.drawText(logical(0, y, area.width(), line),
                             lead | Qt.TextFlag.TextSingleLine,
                             body_metrics.elidedText(spoken, Qt.TextElideMode.ElideRight,
                                                     area.width()))
