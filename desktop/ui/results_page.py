"""The results screen: search as you type, a lazy list, filters with counts, sorting and a
helpful "nothing found" state.

The query text comes from the search field in the window's top bar (``set_query``).
Typing is debounced and every search runs in the ``SearchService`` thread, so the window
never waits for the database.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.search import (
    Page,
    SearchFilters,
    SearchRequest,
    SortOrder,
    worth_searching,
)
from desktop.i18n import _, current_locale, format_number, ngettext
from desktop.ui.context import AppContext
from desktop.ui.filter_panel import FilterPanel
from desktop.ui.labels import sort_label
from desktop.ui.page_stack import CurrentPageStack
from desktop.ui.result_delegate import ResultDelegate
from desktop.ui.results_model import ResultsModel, Role
from desktop.ui.search_worker import SearchService, Summary
from desktop.ui.widgets import plain_label

# Typing pauses this long before a search starts; a search that is overtaken is stopped.
DEBOUNCE_MS = 50
SORTS: tuple[SortOrder, ...] = ("relevance", "name", "distance")


class _EmptyState(QWidget):
    """Shown instead of the list when nothing matches: never a dead end. The categories
    the words point to, the emergency numbers of the person's country, and a one-tap
    report that the directory lacks what they need."""

    clear_filters = Signal()
    show_everything = Signal()
    category_chosen = Signal(str)
    report_not_found = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = plain_label(parent=self, object_name="emptyTitle", selectable=False)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = plain_label(parent=self, object_name="emptyHint", selectable=False)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.language_hint = plain_label(parent=self, object_name="emptyHint", selectable=False)
        self.language_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.categories_title = plain_label(parent=self, object_name="emptyCategoriesTitle",
                                            selectable=False)
        self.categories_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._category_row = QHBoxLayout()
        self.category_buttons: list[QPushButton] = []
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.clear_filters)
        self.everything_button = QPushButton(self)
        self.everything_button.clicked.connect(self.show_everything)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.everything_button)
        buttons.addStretch(1)
        self.emergency = plain_label(parent=self, object_name="emptyEmergency", selectable=False)
        self.emergency.setAlignment(Qt.AlignmentFlag.AlignCenter)
        report_row = QHBoxLayout()
        report_row.addStretch(1)
        self.report_button = QPushButton(self)
        self.report_button.setObjectName("reportNotFound")
        self.report_button.clicked.connect(self.report_not_found)
        report_row.addWidget(self.report_button)
        report_row.addStretch(1)
        self.report_thanks = plain_label(parent=self, object_name="reportThanks", selectable=False)
        self.report_thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.title, self.hint, self.language_hint, self.categories_title):
            layout.addWidget(widget)
        layout.addLayout(self._category_row)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.emergency)
        layout.addLayout(report_row)
        layout.addWidget(self.report_thanks)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Nothing found"))
        self.hint.setText(_("Try fewer words, or remove some filters."))
        self.language_hint.setText(_(
            "You can also search in another language: categories and languages are "
            "understood in every language of this app, for example “housing”, "
            "“logement” or “سكن”."))
        self.categories_title.setText(_("Your words point to these categories:"))
        self.clear_button.setText(_("Remove all filters"))
        self.clear_button.setAccessibleName(_("Remove all filters"))
        self.everything_button.setText(_("Show all organisations"))
        self.everything_button.setAccessibleName(_("Show all organisations"))
        self.report_button.setText(_("I could not find what I need"))
        self.report_button.setAccessibleName(_("I could not find what I need"))
        self.report_thanks.setText(_("Thank you: your search was noted for the people who "
                                     "keep this directory."))

    def show_for(self, has_filters: bool, has_text: bool, *,
                 categories: list[tuple[str, str]] | None = None,
                 emergency: str = "", can_report: bool = False) -> None:
        categories = categories or []
        self.hint.setText(_("Try fewer words, or remove some filters.") if has_filters
                          else _("Try fewer or shorter words."))
        self.clear_button.setVisible(has_filters)
        self.everything_button.setVisible(has_text or has_filters)
        while self._category_row.count():
            item = self._category_row.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # out of the layout: never drawn in a corner
                item.widget().deleteLater()
        self.category_buttons = []
        self._category_row.addStretch(1)
        for code, name in categories:
            button = QPushButton(name, self)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _checked=False, c=code: self.category_chosen.emit(c))
            self._category_row.addWidget(button)
            self.category_buttons.append(button)
        self._category_row.addStretch(1)
        self.categories_title.setVisible(bool(categories))
        self.emergency.setText(emergency)
        self.emergency.setVisible(bool(emergency))
        self.report_button.setVisible(can_report and has_text)
        self.report_button.setEnabled(True)
        self.report_thanks.setVisible(False)

    def reported(self) -> None:
        self.report_button.setEnabled(False)
        self.report_thanks.setVisible(True)


class _CorrectionBar(QWidget):
    """"Showing results for *legal help* · Search for *leagal help* instead"."""

    search_as_typed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = plain_label(parent=self, object_name="correctionLabel", selectable=False)
        self.label.setWordWrap(False)
        self.button = QPushButton(self)
        self.button.setObjectName("searchAsTyped")
        self.button.setFlat(True)
        self.button.clicked.connect(self.search_as_typed)
        row.addWidget(self.label)
        row.addWidget(self.button)
        row.addStretch(1)
        self._corrected = self._typed = ""
        self.hide()

    def show_correction(self, corrected: str, typed: str) -> None:
        self._corrected, self._typed = corrected, typed
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        # Both queries are isolated: typed words may run right to left in an English
        # sentence, or the other way round.
        # Translators: {query} is the search as the app corrected it, e.g. "housing" when
        # the person typed "housng". Above the search results.
        self.label.setText(_("Showing results for {query}").format(
            query=f"\u2068{self._corrected}\u2069"))
        # Translators: {query} is the search exactly as the person typed it, e.g. "housng".
        # A button beside "Showing results for {query}".
        self.button.setText(_("Search for {query} instead").format(
            query=f"\u2068{self._typed}\u2069"))
        self.button.setAccessibleName(self.button.text())


class ResultsPage(QWidget):
    organization_activated = Signal(str)
    results_shown = Signal()  # a first page arrived (tests and screenshots wait on it)
    query_cleared = Signal()  # the page dropped the search text; the top bar follows
    summary_shown = Signal()  # the count and filter counts are up to date

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsPage")
        self.context = context
        self._text = ""
        self._generation = 0
        self._summary_generation = -1
        self._request = SearchRequest()
        self._count: int | None = None
        self._categories: dict[str, str] = {}
        self._categories_locale = ""
        self._service = SearchService(context.directory.path, self)
        self._service.page_ready.connect(self._on_page)
        self._service.summary_ready.connect(self._on_summary)
        self._service.failed.connect(self._on_failed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)

        # Header: how many, and in which order.
        self._count_label = plain_label(parent=self, object_name="resultCount", selectable=False)
        self._count_label.setWordWrap(False)
        self._sort_label = QLabel(self)
        self._sort = QComboBox(self)
        self._sort.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._sort_label.setBuddy(self._sort)
        self._sort.currentIndexChanged.connect(self._on_sort_changed)
        header = QHBoxLayout()
        header.addWidget(self._count_label, 1)
        header.addWidget(self._sort_label)
        header.addWidget(self._sort)

        # Filters on the reading-start side, scrolling on their own.
        self.filters = FilterPanel(self.category_label, self)
        self.filters.changed.connect(self.run_search)
        self._filter_scroll = QScrollArea(self)
        self._filter_scroll.setObjectName("filterScroll")
        self._filter_scroll.setWidget(self.filters)
        self._filter_scroll.setWidgetResizable(True)
        self._filter_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._filter_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._filter_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.model = ResultsModel(self)
        self.model.more_requested.connect(self._fetch_more)
        self.view = QListView(self)
        self.view.setObjectName("resultList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setUniformItemSizes(True)  # one row height: cheap scrolling of long lists
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._activate)
        self.view.installEventFilter(self)
        # No row is chosen for the person: the first is selected only when the keyboard
        # moves into the list (focus_results).
        self.model.modelReset.connect(self.view.scrollToTop)

        self.empty = _EmptyState(self)
        self.empty.clear_filters.connect(self.filters.clear)
        self.empty.show_everything.connect(self._show_everything)
        self.empty.category_chosen.connect(self.show_category)
        self.empty.report_not_found.connect(self._report_not_found)
        self.correction = _CorrectionBar(self)
        self.correction.search_as_typed.connect(self._search_as_typed)
        self._as_typed = False
        self._body = CurrentPageStack(self)
        self._body.addWidget(self.view)
        self._body.addWidget(self.empty)

        main = QVBoxLayout()
        main.addLayout(header)
        main.addWidget(self.correction)
        main.addWidget(self._body, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self._filter_scroll)
        layout.addLayout(main, 1)
        self.retranslate()

    # -- what other screens call -------------------------------------------------------
    def set_query(self, text: str, *, immediate: bool = False) -> None:
        """The search text changed; search once typing pauses (or at once)."""
        if text != self._text:
            self._as_typed = False
        self._text = text
        if immediate:
            self._debounce.stop()
            self.run_search()
        else:
            self._debounce.start()

    def show_category(self, category: str) -> None:
        """Everything in one category (a tile on the home screen)."""
        self._text = ""
        self.filters.blockSignals(True)
        self.filters.clear()
        self.filters.select("category", category)
        self.filters.blockSignals(False)
        self.run_search()

    def query_text(self) -> str:
        return self._text

    def focus_results(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def reset(self) -> None:
        """Forget the query, filters, order and scroll position (session reset)."""
        self._debounce.stop()
        self._text = ""
        self.filters.blockSignals(True)
        self.filters.clear()
        self.filters.blockSignals(False)
        self._sort.blockSignals(True)
        self._sort.setCurrentIndex(0)
        self._sort.blockSignals(False)
        self._generation = self._service.cancel()  # answers still on their way are dropped
        self.model.clear()
        self._as_typed = False
        self.correction.hide()
        self._count = None
        self._count_label.clear()
        self.filters.set_facets({})
        self._body.setCurrentWidget(self.view)

    def shutdown(self) -> None:
        self._service.shutdown()

    def request(self) -> SearchRequest:
        """The request whose results are (or are about to be) shown."""
        return self._request

    def summary_is_current(self) -> bool:
        """The list, the count and the filter counts all answer the current request."""
        return not self._debounce.isActive() and self._summary_generation == self._generation

    # -- searching ---------------------------------------------------------------------
    def build_request(self) -> SearchRequest:
        state = self.filters.state()
        now = datetime.now()
        sort = self._sort.currentData() or "relevance"
        filters = SearchFilters(
            kinds=state.values["kind"], categories=state.values["category"],
            languages=state.values["language"], countries=state.values["country"],
            cities=state.values["city"],
            open_at=now if "open_now" in state.flags else None,
            free_of_charge="free_of_charge" in state.flags,
            open_to_undocumented="open_to_undocumented" in state.flags)
        home = (self.context.country, self.context.city) if self.context.country else None
        return SearchRequest(self._text, filters, sort=sort, near=self.context.location,
                             now=now, home=home, as_typed=self._as_typed)

    def run_search(self) -> None:
        self._debounce.stop()
        self._request = self.build_request()
        if not worth_searching(self._request.text):
            # One letter: wait for the next one rather than list the whole directory.
            self._generation = self._service.cancel()
            self.model.clear()
            self.correction.hide()
            self._body.setCurrentWidget(self.view)
            self._count = None
            self._count_label.setText(_("Type one more letter to search"))
            return
        self._generation = self._service.search(self._request)

    def _fetch_more(self, cursor: tuple) -> None:
        self._service.fetch_more(self._generation, self._request, cursor)

    def _on_page(self, generation: int, page: Page, first: bool) -> None:
        if generation != self._generation:
            return
        if first:
            self.model.reset_results(page)
            if page.corrected_text is not None:
                self.correction.show_correction(page.corrected_text, self._request.text)
            else:
                self.correction.hide()
            if page.rows:
                self._body.setCurrentWidget(self.view)
            else:
                self._count = 0
                self._show_count()
                self._show_empty()
                self._body.setCurrentWidget(self.empty)
            self.results_shown.emit()
        else:
            self.model.append_page(page)

    def _show_empty(self) -> None:
        from desktop.directory.textfold import query_words

        text = self._request.text
        codes = sorted(self.context.directory.vocabulary.category_intent(query_words(text)))
        emergency = ""
        numbers = self.context.directory.emergency_numbers(self.context.country)
        if numbers is not None:
            number = numbers.general or numbers.police
            if number:
                from desktop.i18n import country_name

                # Translators: COUNTRY is a country name, filled in as it is: the sentence
                # needs no preposition or article before it.
                emergency = _("In danger or hurt? Emergency number ({country}): {number}"
                              ).format(country=country_name(self.context.country),
                                       number=number)
        self.empty.show_for(not self._request.filters.is_empty(), bool(text.strip()),
                            categories=[(c, self.category_label(c)) for c in codes],
                            emergency=emergency,
                            can_report=self.context.user_data.persistent)

    def _report_not_found(self) -> None:
        self.context.user_data.add_search_report(
            self._request.text, current_locale(),
            self.context.directory.info().version)
        self.empty.reported()

    def _search_as_typed(self) -> None:
        self._as_typed = True
        self.run_search()

    def _on_summary(self, generation: int, summary: Summary) -> None:
        if generation != self._generation:
            return
        self._summary_generation = generation
        self._count = summary.count
        self._show_count()
        self.filters.set_facets(summary.facets)
        self._size_filter_column(grow_only=True)
        self.summary_shown.emit()

    def _on_failed(self, generation: int, message: str) -> None:
        self.model.fetch_failed()
        # Translators: %(reason)s is a technical error message, usually in English, e.g.
        # "database disk image is malformed". Shown where the number of results would be.
        self._count_label.setText(_("The search did not work: %(reason)s")
                                  % {"reason": message})

    def _show_count(self) -> None:
        if self._count is None:
            self._count_label.clear()
            return
        # Translators: %(count)s is the number of organisations found, e.g. 1,234. Shown
        # above the list of search results.
        self._count_label.setText(ngettext(
            "%(count)s organisation", "%(count)s organisations", self._count)
            % {"count": format_number(self._count)})

    def _show_everything(self) -> None:
        self._text = ""
        self.filters.blockSignals(True)
        self.filters.clear()
        self.filters.blockSignals(False)
        self.run_search()
        self.query_cleared.emit()

    # -- sorting -----------------------------------------------------------------------
    def _fill_sorts(self) -> None:
        current = self._sort.currentData() or "relevance"
        self._sort.blockSignals(True)
        self._sort.clear()
        for sort in SORTS:
            if sort == "distance" and self.context.location is None:
                continue  # "nearest first" needs to know where the person is
            self._sort.addItem(sort_label(sort), sort)
        self._sort.setCurrentIndex(max(0, self._sort.findData(current)))
        self._sort.blockSignals(False)
        # Room for the longest order name plus the arrow, in any language and text size.
        longest = max(self._sort.fontMetrics().horizontalAdvance(self._sort.itemText(i))
                      for i in range(self._sort.count()))
        self._sort.setMinimumWidth(longest + self._sort.fontMetrics().height() * 3)

    def set_sort(self, sort: SortOrder) -> None:
        index = self._sort.findData(sort)
        if index >= 0:
            self._sort.setCurrentIndex(index)

    def _on_sort_changed(self) -> None:
        self.run_search()

    # -- opening -----------------------------------------------------------------------
    def _activate(self, index: QModelIndex) -> None:
        org_id = index.data(Role.ORGANIZATION_ID)
        if org_id:
            self.organization_activated.emit(org_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space):
            index = self.view.currentIndex()
            if index.isValid():
                self._activate(index)
                return True
        return super().eventFilter(watched, event)

    # -- language and size -------------------------------------------------------------
    def category_label(self, code: str) -> str:
        locale = current_locale()
        if locale != self._categories_locale:
            names = self.context.directory.category_names(locale)
            self._categories = {c: text.text for c, text in names.items()}
            self._categories_locale = locale
        return self._categories.get(code, code)

    def retranslate(self) -> None:
        self._sort_label.setText(_("Sort by"))
        self._sort.setAccessibleName(_("Sort by"))
        self.view.setAccessibleName(_("Search results"))
        self._filter_scroll.setAccessibleName(_("Filters"))
        self._fill_sorts()
        self._show_count()
        self.empty.retranslate()
        self.correction.retranslate()
        self.filters.retranslate()
        self.model.refresh_labels()
        self._size_filter_column()

    def _size_filter_column(self, grow_only: bool = False) -> None:
        """As wide as the filter labels need, within two fifths of the page: long labels
        (another language, 200 % text) widen the column instead of being cut off."""
        bar = self._filter_scroll.verticalScrollBar().sizeHint().width()
        wanted = self.filters.sizeHint().width() + bar + 4
        floor = self.fontMetrics().averageCharWidth() * 28
        ceiling = max(floor, self.width() * 2 // 5)
        width = min(ceiling, max(floor, wanted))
        if grow_only:
            width = max(width, self._filter_scroll.width())
        self._filter_scroll.setFixedWidth(min(width, ceiling))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_filter_column(grow_only=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_filter_column()
            self.model.layoutChanged.emit()  # row height follows the text size
        super().changeEvent(event)
