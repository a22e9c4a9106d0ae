"""The main window: a top bar and a stack of pages (home, results, details, favourites,
about), with back navigation, live language switching and a full session reset.

Kiosk mode (``desktop.kiosk``) is a policy layer over this same window: it uses
``reset_session()``, ``pages()`` and the top-bar buttons exposed here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, available_languages, current_locale, is_rtl, language, pgettext
from desktop.i18n.qt import RetranslatedOnLanguageChange, apply_language
from desktop.ui.context import AppContext
from desktop.ui.home_page import SEARCH_ICON_STYLE, HomePage
from desktop.ui.icons import directional_icon, icon
from desktop.ui.page_stack import CurrentPageStack
from desktop.ui.settings_dialog import (
    COUNTRY_KEY,
    LANGUAGE_KEY,
    LOCATION_KEY,
    Appearance,
    SettingsDialog,
    language_entry,
    saved_location,
)

if TYPE_CHECKING:  # imported when first shown: start-up does not pay for them
    from desktop.ui.about_page import AboutPage
    from desktop.ui.details_page import DetailsPage
    from desktop.ui.emergency import EmergencyDialog
    from desktop.ui.favourites_page import FavouritesPage
    from desktop.ui.results_page import ResultsPage


def _tool_button(parent: QWidget, icon_name: str, object_name: str) -> QToolButton:
    button = QToolButton(parent)
    button.setObjectName(object_name)
    button.setIcon(icon(icon_name))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoRaise(True)
    return button


class TopBar(QFrame):
    """Back, title, search (on every page but home), favourites, language, settings, about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        self.back = _tool_button(self, "back", "backButton")
        self.title = QLabel(self)
        self.title.setObjectName("appTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit(self)
        self.search.setObjectName("topSearch")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setStyleSheet(SEARCH_ICON_STYLE)
        self.favourites = _tool_button(self, "favourites", "favouritesButton")
        self.language = QComboBox(self)
        self.language.setObjectName("languagePicker")
        # As tall as the buttons beside it: a combo box keeps its own short height otherwise.
        self.language.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.settings = _tool_button(self, "settings", "settingsButton")
        self.about = _tool_button(self, "info", "aboutButton")
        layout.addWidget(self.back)
        layout.addWidget(self.title)
        layout.addWidget(self.search, 1)
        self._spacer = QWidget(self)
        layout.addWidget(self._spacer, 1)
        for widget in (self.favourites, self.language, self.settings, self.about):
            layout.addWidget(widget)
        # The bar decides itself how compact to be (see _fit), so the window may be
        # narrower than the bar with every word shown.
        layout.setSizeConstraint(QHBoxLayout.SizeConstraint.SetNoConstraint)
        self._buttons = (self.back, self.favourites, self.settings, self.about)
        self.starting = True
        self._scale_icons()

    def finish_start(self) -> None:
        """List every language once the window is on screen."""
        if self.starting:
            self.starting = False
            self.fill_languages()

    def _scale_icons(self) -> None:
        side = max(16, round(self.fontMetrics().height() * 1.25))
        for button in self._buttons:
            button.setIconSize(QSize(side, side))

    def _fit(self) -> None:
        """Words beside the icons when there is room; else no title; else icons only
        (the buttons keep their accessible names and tooltips)."""
        layout = self.layout()
        if layout is None:
            return
        # The search field keeps room for a few words: the title and the buttons' words
        # give way first (at 200 % text they cannot all fit 1366 px).
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 16)
        self.title.setVisible(True)
        for button in self._buttons:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        layout.invalidate()
        if layout.minimumSize().width() > self.width():
            self.title.setVisible(False)
            layout.invalidate()
        if layout.minimumSize().width() > self.width():
            for button in self._buttons:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def minimumSizeHint(self) -> QSize:
        # The bar shrinks by itself (_fit): it never forces the window to be wider.
        return QSize(0, super().minimumSizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._scale_icons)  # dropped if self is deleted
            QTimer.singleShot(0, self, self._fit)
        super().changeEvent(event)

    def set_search_visible(self, visible: bool) -> None:
        self.search.setVisible(visible)
        self._spacer.setVisible(not visible)
        self._fit()  # the field takes room the home page's bar did not need

    def fill_languages(self, only_current: bool = False) -> None:
        """The picker lists every language in its own name. Naming them all reads CLDR
        data for each, so at start-up only the current one is listed; the rest follow
        right after the first frame (``only_current``)."""
        self.language.blockSignals(True)
        self.language.clear()
        languages = [language(current_locale())] if only_current else available_languages()
        for lang in languages:
            self.language.addItem(language_entry(lang.native_name, lang.is_draft), lang.code)
            self.language.setItemData(self.language.count() - 1, lang.english_name,
                                      Qt.ItemDataRole.AccessibleDescriptionRole)
        self.language.setCurrentIndex(max(0, self.language.findData(current_locale())))
        self.language.blockSignals(False)

    def retranslate(self) -> None:
        rtl = is_rtl()
        self.back.setIcon(directional_icon("back", rtl))
        for button, text in ((self.back, _("Back")), (self.favourites, _("Favourites")),
                             (self.settings, _("Settings")), (self.about, _("About the data"))):
            button.setText(text)
            button.setAccessibleName(text)
            button.setToolTip(text)  # for the icons-only layout of a narrow window
        self.title.setText(_("Migrant Community Directory"))
        self.search.setPlaceholderText(_("Search"))
        self.search.setAccessibleName(_("Search the directory"))
        self.language.setAccessibleName(_("Language"))
        self.fill_languages(only_current=self.starting)
        self._fit()


class MainWindow(RetranslatedOnLanguageChange, QMainWindow):
    language_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.context = context
        self.top_bar = TopBar(self)
        self.home = HomePage(context)
        self._pages: dict[str, QWidget] = {"home": self.home}
        self.stack = CurrentPageStack(self)
        for page in self._pages.values():
            self.stack.addWidget(page)
        self._history: list[QWidget] = []

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        bar = self.top_bar
        bar.back.clicked.connect(self.go_back)
        bar.search.textEdited.connect(self._on_top_search_edited)
        bar.search.returnPressed.connect(self._on_top_search_return)
        bar.search.installEventFilter(self)
        bar.favourites.clicked.connect(self.show_favourites)
        bar.settings.clicked.connect(self.open_settings)
        bar.about.clicked.connect(self.show_about)
        bar.language.activated.connect(
            lambda index: self.set_language(str(bar.language.itemData(index))))
        self.home.search_requested.connect(self._search_from_home)
        self.home.category_chosen.connect(lambda code: self.show_results(category=code))
        self.home.emergency_requested.connect(self.open_emergency)
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self)
        back.activated.connect(self.go_back)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)

        self.resize(1280, 800)
        self.retranslate()
        self._show(self.home, remember=False)
        self.home.focus_search()  # becomes the focus when the window is first activated
        self.top_bar.language.installEventFilter(self)  # its first paint ends start-up

    # -- pages -------------------------------------------------------------------------
    # Results, details, favourites and about are made the first time they are needed: the
    # window paints sooner (the first frame shows only home), results start their search
    # thread with the first search, and "about" (which counts the whole directory) costs
    # nothing until someone opens it.
    @property
    def results(self) -> ResultsPage:
        page = self._pages.get("results")
        if page is None:
            from desktop.ui.results_page import ResultsPage

            page = ResultsPage(self.context)
            page.organization_activated.connect(self.show_details)
            page.query_cleared.connect(self.top_bar.search.clear)
            self._add_page("results", page)
        return page  # type: ignore[return-value]

    @property
    def details(self) -> DetailsPage:
        page = self._pages.get("details")
        if page is None:
            from desktop.ui.details_page import DetailsPage

            page = DetailsPage(self.context)
            page.back_requested.connect(self.go_back)
            page.favourites_changed.connect(self._favourites_changed)
            self._add_page("details", page)
        return page  # type: ignore[return-value]

    @property
    def favourites(self) -> FavouritesPage:
        page = self._pages.get("favourites")
        if page is None:
            from desktop.ui.favourites_page import FavouritesPage

            page = FavouritesPage(self.context)
            page.organization_activated.connect(self.show_details)
            self._add_page("favourites", page)
        return page  # type: ignore[return-value]

    @property
    def about(self) -> AboutPage:
        page = self._pages.get("about")
        if page is None:
            from desktop.ui.about_page import AboutPage

            page = AboutPage(self.context)
            self._add_page("about", page)
        return page  # type: ignore[return-value]

    def _add_page(self, name: str, page: QWidget) -> None:
        self._pages[name] = page
        self.stack.addWidget(page)

    def _favourites_changed(self) -> None:
        if "favourites" in self._pages:
            self.favourites.refresh()

    def pages(self) -> Iterator[tuple[str, QWidget]]:
        """Every page, in navigation order (pages not made yet are made now)."""
        for name in ("home", "results", "details", "favourites", "about"):
            yield name, self.page(name)

    def page(self, name: str) -> QWidget:
        if name in ("results", "details", "favourites", "about"):
            return getattr(self, name)
        return self._pages[name]

    # -- navigation --------------------------------------------------------------------

    def current_page_name(self) -> str:
        current = self.stack.currentWidget()
        return next(name for name, page in self._pages.items() if page is current)

    def show_home(self) -> None:
        self._history.clear()
        self.top_bar.search.clear()
        self.home.reset()
        self._show(self.home, remember=False)
        self.home.focus_search()

    def show_results(self, query: str = "", category: str | None = None) -> None:
        bar = self.top_bar.search
        if category is not None:
            bar.clear()
            self.results.show_category(category)
        else:
            if bar.text() != query:
                bar.setText(query)
            self.results.set_query(query, immediate=True)
        self._show(self.results)
        bar.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_details(self, org_id: str) -> None:
        self.details.show_organization(org_id)
        self._show(self.details)
        self.details.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_favourites(self) -> None:
        self.favourites.refresh()
        self._show(self.favourites)
        self.favourites.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_about(self) -> None:
        self._show(self.about)
        self.about.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_back(self) -> None:
        if not self._history:
            return
        previous = self._history.pop()
        self._show(previous, remember=False)
        if previous is self.home:
            self.home.focus_search()
        elif previous is self._pages.get("results"):
            self.results.focus_results()
        else:
            previous.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, page: QWidget, remember: bool = True) -> None:
        current = self.stack.currentWidget()
        if remember and current is not None and current is not page:
            self._history.append(current)
        self.stack.setCurrentWidget(page)
        on_home = page is self.home
        self.top_bar.set_search_visible(not on_home)
        self.top_bar.back.setVisible(bool(self._history))

    def focus_search(self) -> None:
        if self.stack.currentWidget() is self.home:
            self.home.focus_search()
        else:
            self.top_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.top_bar.search.selectAll()

    def _search_from_home(self, text: str) -> None:
        """Typing on the home screen moves on to the results, where typing continues."""
        self.show_results(text)
        self.top_bar.search.setCursorPosition(len(text))
        self.home.reset()

    def _on_top_search_edited(self, text: str) -> None:
        if self.current_page_name() != "results":
            self._show(self.results)
        self.results.set_query(text)

    def _on_top_search_return(self) -> None:
        self.results.set_query(self.top_bar.search.text(), immediate=True)
        if self.current_page_name() != "results":
            self._show(self.results)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.top_bar.language and event.type() == QEvent.Type.Paint
                and self.top_bar.starting):
            QTimer.singleShot(0, self, self._after_first_frame)
        # Down arrow from the search field goes into the result list.
        if (watched is self.top_bar.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and self.current_page_name() == "results"):
            self.results.focus_results()
            return True
        return super().eventFilter(watched, event)

    def _after_first_frame(self) -> None:
        # One more turn of the event loop: what the first frame queued behind itself (an
        # --exit-after-startup quit among it) goes first, so work the first frame did not
        # need never holds it up. finish_start runs once however often this is queued.
        QTimer.singleShot(0, self.top_bar, self.top_bar.finish_start)

    # -- dialogs -----------------------------------------------------------------------
    def open_emergency(self) -> EmergencyDialog:
        from desktop.ui.emergency import EmergencyDialog  # dialogs load when first opened

        dialog = EmergencyDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(Appearance.load(self.context.user_data), self,
                                places=self.context.directory.places(),
                                location=saved_location(self.context.user_data))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._apply_settings(dialog))
        dialog.open()
        return dialog

    def _apply_settings(self, dialog: SettingsDialog) -> None:
        appearance = dialog.chosen_appearance()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            appearance.apply(app)
        appearance.save(self.context.user_data)
        self.set_location(dialog.chosen_location())
        if dialog.chosen_language() != current_locale():
            self.set_language(dialog.chosen_language())

    def ask_where(self) -> None:
        """The first start's question: which country (and town) the person is in."""
        from desktop.ui.where_dialog import WhereDialog

        dialog = WhereDialog(self.context, self)
        dialog.accepted.connect(lambda: self.set_location(dialog.chosen_place()))
        dialog.open()

    def set_location(self, place: dict | None) -> None:
        """Where the person is (a country, perhaps a town), for the emergency numbers, the
        card's host language, local-first results, distances and nearest first."""
        if place and place.get("latitude") is None:  # a country, no town
            self.context.move_to(place["country"])
            self.context.user_data.set_setting(COUNTRY_KEY, place["country"])
            self.home.update_emergency_summary()
            page = self._pages.get("results")
            if page is not None:
                page.run_search()
            return
        self.context.user_data.set_setting(LOCATION_KEY, place)
        location = (place["latitude"], place["longitude"]) if place else None
        if location == self.context.location:
            return
        self.context.location = location
        if place and place.get("country"):
            # The emergency numbers, the card's host language and local-first results
            # follow the place (a person in Sydney is not told to call Belgium's 112).
            self.context.move_to(place["country"], place.get("city", ""))
            self.context.user_data.set_setting(COUNTRY_KEY, place["country"])
            self.home.update_emergency_summary()
        page = self._pages.get("results")
        if page is not None:
            page.retranslate()  # the sort choices: "nearest first" comes and goes
            page.run_search()

    def set_language(self, locale: str) -> None:
        """Switch the whole app to ``locale`` now, and remember it."""
        app = QApplication.instance()
        if app is None:
            return
        resolved = apply_language(app, locale)
        self.context.user_data.set_setting(LANGUAGE_KEY, resolved)
        self.language_changed.emit(resolved)

    # -- session -----------------------------------------------------------------------
    def reset_session(self) -> None:
        """Forget everything one person did: dialogs, search, filters, pages, history."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        for page in list(self._pages.values()):  # pages never made hold nothing
            reset = getattr(page, "reset", None)
            if callable(reset):
                reset()
        self.show_home()

    # -- language ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Migrant Community Directory"))
        self.top_bar.retranslate()
        self.stack.setAccessibleName(pgettext("the part of the window that shows one screen",
                                               "Page"))

    def shutdown(self) -> None:
        """Stop background work; the window may then be deleted safely."""
        if "results" in self._pages:  # no results page, no search thread
            self.results.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
