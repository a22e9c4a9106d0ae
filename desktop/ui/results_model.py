"""The result list as a lazy Qt model: rows arrive a page at a time by keyset cursor.

``data()`` only reads rows already held in memory; it never touches the database. When
the view scrolls near the end, Qt calls ``fetchMore``, which asks for the next page
through ``more_requested`` (answered asynchronously by the search worker) and appends
it with ``append_page``.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.directory.records import ResultRow
from desktop.directory.search import Page
from desktop.i18n import _, format_distance_km, format_list, language_name
from desktop.ui.labels import kind_label

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1      # the ResultRow itself, for the delegate
    ORGANIZATION_ID = Qt.ItemDataRole.UserRole + 2


def describe_row(row: ResultRow) -> str:
    """One sentence for screen readers: what the delegate draws, in reading order."""
    parts = [row.name, kind_label(row.kind)]
    if row.city:
        parts.append(row.city)
    if row.languages:
        # Translators: %(languages)s is a list of language names in the reader's language,
        # e.g. "Arabic, Pashto and French". Read aloud by screen readers as part of a search
        # result, after its name, kind and town, separated by commas: hence no capital.
        parts.append(_("speaks %(languages)s")
                     % {"languages": format_list([language_name(c) for c in row.languages])})
    if row.open_now:
        parts.append(_("Open now"))
    if row.distance_km is not None:
        parts.append(format_distance_km(row.distance_km))
    if row.is_demo:
        parts.append(_("Demo entry"))
    return ", ".join(parts)


class ResultsModel(QAbstractListModel):
    more_requested = Signal(tuple)  # the cursor of the last page held

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[ResultRow] = []
        self._cursor: tuple | None = None
        self._fetching = False

    # -- filling -----------------------------------------------------------------------
    def reset_results(self, page: Page) -> None:
        """Replace everything with the first page of a new query."""
        self.beginResetModel()
        self._rows = list(page.rows)
        self._cursor = page.next_cursor
        self._fetching = False
        self.endResetModel()

    def clear(self) -> None:
        self.reset_results(Page((), None))

    def append_page(self, page: Page) -> None:
        self._fetching = False
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._cursor = page.next_cursor

    def fetch_failed(self) -> None:
        """Let the view ask again later instead of waiting for a page that never comes."""
        self._fetching = False

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def refresh_labels(self) -> None:
        """Kind names and the like are translated when drawn: repaint after a switch."""
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    # -- Qt model interface ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_requested.emit(self._cursor)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return describe_row(row)
        if role == Role.ROW:
            return row
        if role == Role.ORGANIZATION_ID:
            return row.organization_id
        return None
