"""Rendering screens offscreen to PNG files, for translators, tests and the self-test.

Each screen is drawn at 1280 × 800 in a light theme, in the asked language, on the given
directory (the installed one by default), with an in-memory user-data store so nothing
is written to the user's real favourites or settings.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.directory.database import Directory
from desktop.directory.search import SearchRequest
from desktop.errors import UserError

PAGES = ("home", "results", "details", "favourites", "about")
SIZE = (1280, 800)
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

    def __init__(self, locale: str, directory: Path | None = None, kiosk: bool = False) -> None:
        from desktop.i18n.qt import apply_language
        from desktop.ui.context import AppContext
        from desktop.ui.fonts import load_bundled_fonts
        from desktop.ui.main_window import MainWindow
        from desktop.ui.theme import apply_theme
        from desktop.userdata import UserData

        self.app = _application()
        load_bundled_fonts()
        apply_theme(self.app, "light", 1.0)
        apply_language(self.app, locale)
        self.directory = Directory(Path(directory) if directory else paths.active_directory())
        self.context = AppContext(self.directory, UserData.in_memory(), kiosk=kiosk)
        self.window = MainWindow(self.context)
        self.window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.window.resize(*SIZE)
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
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not self.window.grab().save(str(out)):
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
               query: str = "") -> list[Path]:
    """Every main page in ``locale``, as ``<page>-<locale>.png`` in ``out_dir``."""
    with ScreenRenderer(locale, directory) as renderer:
        return [renderer.render(page, Path(out_dir) / f"{page}-{locale}.png", query)
                for page in PAGES]


__all__ = ["PAGES", "ScreenRenderer", "render_all", "render_page"]
