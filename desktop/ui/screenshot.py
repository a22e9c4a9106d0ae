"""Rendering screens offscreen to PNG files, for translators, tests and the self-test.

Each screen is drawn (by default at 1366 × 768, the commonest small panel, in a light
theme at 100 % text) in the asked language, on the given directory (the installed one by
default), with an in-memory user-data store so nothing is written to the user's real
favourites or settings. ``render_all`` draws the pages and the dialogs of the desktop
app; ``render_kiosk`` those of the kiosk, with its keyboard open.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from desktop import paths
from desktop.directory.database import Directory
from desktop.directory.search import SearchRequest
from desktop.errors import UserError

PAGES = ("home", "results", "details", "favourites", "about")
DIALOGS = ("settings", "where", "emergency", "card", "correction")
KIOSK_SCREENS = ("welcome", "home", "results", "details", "pin", "admin")
SIZE = (1366, 768)
WAIT_MS = 15000


def _application() -> QApplication:
    if QApplication.instance() is None:
        # Offscreen unless the caller chose a platform: screenshots need no display.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.ui.app import create_application

    return create_application()


def _wait_for(signal: SignalInstance, ready: Callable[[], bool] = lambda: False) -> None:
    """Run the event loop until ``signal`` fires (or ``ready()`` already holds)."""
    if ready():
        return
    loop = QEventLoop()
    signal.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(WAIT_MS)
    loop.exec()
    timer.stop()
    with contextlib.suppress(RuntimeError, TypeError):
        signal.disconnect(loop.quit)


class ScreenRenderer:
    """One offscreen main window in one language; ``render`` draws a page of it."""

    def __init__(self, locale: str, directory: Path | None = None, kiosk: bool = False,
                 size: tuple[int, int] = SIZE, text_scale: float = 1.0,
                 theme: str = "light") -> None:
        from desktop.i18n.qt import apply_language
        from desktop.ui.context import AppContext
        from desktop.ui.fonts import load_bundled_fonts
        from desktop.ui.main_window import MainWindow
        from desktop.ui.theme import apply_theme
        from desktop.userdata import UserData

        self.app = _application()
        load_bundled_fonts()
        apply_theme(self.app, theme, text_scale)
        apply_language(self.app, locale)
        self.directory = Directory(Path(directory) if directory else paths.active_directory())
        self.context = AppContext(self.directory, UserData.in_memory(), kiosk=kiosk)
        self.window = MainWindow(self.context)
        self.window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.window.resize(*size)
        self.size = size
        self.window.show()

    def __enter__(self) -> ScreenRenderer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.window.shutdown()
        self.window.close()
        self.window.deleteLater()
        # Delete it now: a later language switch must not reach a window whose
        # directory is closed.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        self.directory.close()
        self.context.user_data.close()

    def _example_ids(self, query: str, n: int) -> list[tuple[str, str]]:
        page = self.directory.search(SearchRequest(query, sort="relevance" if query
                                                   else "name"), limit=n)
        if not page.rows and query:
            page = self.directory.search(SearchRequest(sort="name"), limit=n)
        return [(row.organization_id, row.name) for row in page.rows]

    def show(self, page: str, query: str = "") -> None:
        window = self.window
        if page == "home":
            window.show_home()
        elif page == "results":
            results = window.results
            window.show_results(query)
            _wait_for(results.summary_shown)
            results.focus_results()
        elif page == "details":
            examples = self._example_ids(query, 1)
            if not examples:
                raise UserError("the directory is empty: there is no entry to show",
                                path=self.directory.path)
            window.show_details(examples[0][0])
        elif page == "favourites":
            for org_id, name in self._example_ids(query, 3):
                self.context.user_data.set_favourite(org_id, name, True)
            window.show_favourites()
        elif page == "about":
            window.show_about()
        else:
            raise UserError(f"unknown page {page!r}; choose one of {', '.join(PAGES)}")
        # Two rounds: layouts settle, then paint.
        for _round in range(2):
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def render(self, page: str, out: Path, query: str = "") -> Path:
        self.show(page, query)
        return _save(self.window, out)

    def open_dialog(self, name: str, query: str = "") -> QWidget:
        """Open one of ``DIALOGS`` over the window, as a person would."""
        window = self.window
        if name == "settings":
            dialog = window.open_settings()
        elif name == "emergency":
            dialog = window.open_emergency()
        elif name == "where":
            from desktop.ui.where_dialog import WhereDialog

            dialog = WhereDialog(self.context, window)
            dialog.open()
        elif name in ("card", "correction"):
            self.show("details", query)
            details = window.details
            (details._show_card if name == "card" else details._report)()
            dialog = details.last_dialog
        else:
            raise UserError(f"unknown dialog {name!r}; choose one of {', '.join(DIALOGS)}")
        for _round in range(2):
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return dialog

    def render_dialog(self, name: str, out: Path, query: str = "") -> Path:
        dialog = self.open_dialog(name, query)
        try:
            return _save(dialog, out)
        finally:
            dialog.close()
            dialog.deleteLater()


def _save(widget: QWidget, out: Path) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out)):
        raise UserError("the picture could not be written", path=out)
    return out


def render_page(page: str, locale: str, out: Path, query: str = "",
                directory: Path | None = None, kiosk: bool = False) -> Path:
    """Draw one page (``home``, ``results``, ``details``, ``favourites``, ``about``)."""
    if page not in PAGES:
        raise UserError(f"unknown page {page!r}; choose one of {', '.join(PAGES)}")
    with ScreenRenderer(locale, directory, kiosk) as renderer:
        return renderer.render(page, out, query)


def render_all(locale: str, out_dir: Path, directory: Path | None = None,
               query: str = "", *, size: tuple[int, int] = SIZE, text_scale: float = 1.0,
               theme: str = "light") -> list[Path]:
    """Every main page and dialog in ``locale``, as ``<screen>-<locale>.png`` in
    ``out_dir``."""
    with ScreenRenderer(locale, directory, size=size, text_scale=text_scale,
                        theme=theme) as renderer:
        written = [renderer.render(page, Path(out_dir) / f"{page}-{locale}.png", query)
                   for page in PAGES]
        written += [renderer.render_dialog(name, Path(out_dir) / f"{name}-{locale}.png",
                                           query)
                    for name in DIALOGS]
        return written


def render_kiosk(locale: str, out_dir: Path, directory: Path | None = None, *,
                 size: tuple[int, int] = SIZE, text_scale: float = 1.0) -> list[Path]:
    """The kiosk's screens as a visitor reading ``locale`` meets them (the keyboard open
    wherever there is something to type), and the staff's PIN pad and admin panel, as
    ``kiosk-<screen>-<locale>.png``; with ``text_scale`` above 1, after the visitor asked
    for larger text. A sample centre in Brussels; nothing is written."""
    from desktop.kiosk.config import KioskConfig
    from desktop.kiosk.session import KioskSession

    out_dir = Path(out_dir)
    config = KioskConfig(centre_name="Centre", location=(50.8466, 4.3528), country="BE",
                         host_language="fr", languages=(locale, "fr", "en"), printer=True)
    with ScreenRenderer("en", directory, kiosk=True, size=size,
                        text_scale=text_scale) as renderer:
        window = renderer.window
        session = KioskSession(renderer.app, window, config)
        session.start()
        # Its chrome, style and language stay; its lockdown, timers and full screen go:
        # drawn at the panel's size, not the offscreen screen's.
        session.stop()
        # The kiosk sets its own touch-sized text; a larger scale is the visitor's "A+".
        session.set_larger_text(text_scale > 1.0)
        window.showNormal()
        window.resize(*size)
        written: list[Path] = []
        try:
            def shot(name: str, widget: QWidget | None = None) -> None:
                for _round in range(3):
                    QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                written.append(_save(widget or window, out_dir / f"kiosk-{name}-{locale}.png"))

            shot("welcome")
            session.choose_language(locale)
            session.toggle_keyboard()
            shot("home")
            window.show_results("legal")
            _wait_for(window.results.summary_shown)
            if not session.keyboard.isVisible():
                session.toggle_keyboard()
            shot("results")
            examples = renderer._example_ids("", 1)
            if examples:
                window.show_details(examples[0][0])
                shot("details")
            pin = session.open_admin()
            shot("pin", pin)
            pin.accept()
            shot("admin", session.admin_panel)
            if session.admin_panel is not None:
                session.admin_panel.accept()
        finally:
            renderer.app.setStyleSheet("")
        return written


__all__ = ["DIALOGS", "KIOSK_SCREENS", "PAGES", "ScreenRenderer", "render_all",
           "render_kiosk", "render_page"]
