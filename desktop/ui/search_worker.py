"""Searching off the GUI thread, so typing never waits for the database.

A ``SearchService`` (GUI thread) hands jobs to a worker living in its own ``QThread``.
The worker opens its own read-only ``Directory`` (SQLite connections belong to the
thread that made them) and answers by queued signals. Every job carries the generation
number of the query it belongs to: when the person has typed on, older jobs are skipped
before they run and their late answers are dropped on arrival, so stale results never
replace fresh ones.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.directory.database import Directory
from desktop.directory.search import Page, SearchRequest
from desktop.errors import UserError

log = logging.getLogger(__name__)

FIRST_PAGE_SIZE = 60
STALE_CHECK_STEPS = 2000  # SQLite virtual-machine steps between two "still wanted?" checks
MORE_PAGE_SIZE = 200


@dataclass(frozen=True)
class Summary:
    """What the filter panel and the result count need; computed after the first page."""

    count: int
    facets: dict[str, list[tuple[str, int]]]


class _Worker(QObject):
    page_ready = Signal(int, object, bool)  # generation, Page, is_first_page
    summary_ready = Signal(int, object)     # generation, Summary
    failed = Signal(int, str)

    def __init__(self, path: Path, latest: _Latest) -> None:
        super().__init__()
        self._path = path
        self._latest = latest
        self._directory: Directory | None = None
        self._running = 0

    def _open(self) -> Directory:
        if self._directory is None:
            self._directory = Directory(self._path)
            # A query still running when the person types on is stopped by SQLite itself
            # (every few thousand steps it asks whether a newer query is waiting).
            self._directory.conn.set_progress_handler(self._stale, STALE_CHECK_STEPS)
        return self._directory

    def _stale(self) -> int:
        return int(self._running < self._latest.value)

    @Slot(int, object, object, bool)
    def run(self, generation: int, request: SearchRequest, cursor: object,
            with_summary: bool) -> None:
        try:
            if generation < self._latest.value:
                return
            directory = self._open()
            self._running = generation
            limit = FIRST_PAGE_SIZE if cursor is None else MORE_PAGE_SIZE
            page = directory.search(request, after=cursor, limit=limit)  # type: ignore[arg-type]
            self.page_ready.emit(generation, page, cursor is None)
            if with_summary and generation >= self._latest.value:
                count, facets = directory.summary(request)
                self.summary_ready.emit(generation, Summary(count, facets))
        except sqlite3.OperationalError as error:
            if generation < self._latest.value:
                return  # interrupted: the person typed on, and the newer query runs next
            log.exception("search failed")
            self.failed.emit(generation, str(error))
        except UserError as error:
            self.failed.emit(generation, str(error))
        except Exception as error:  # a broken query must not kill the thread
            log.exception("search failed")
            self.failed.emit(generation, str(error))

    @Slot()
    def close(self) -> None:
        if self._directory is not None:
            self._directory.close()
            self._directory = None


class _Latest:
    """The newest generation, shared with the worker thread (an int swap is atomic)."""

    def __init__(self) -> None:
        self.value = 0
        self.lock = threading.Lock()


class SearchService(QObject):
    """Run searches for one screen in a background thread; answers come back as signals."""

    page_ready = Signal(int, object, bool)
    summary_ready = Signal(int, object)
    failed = Signal(int, str)
    _submit = Signal(int, object, object, bool)
    _close = Signal()

    def __init__(self, directory_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = _Latest()
        self._thread = QThread()
        self._thread.setObjectName("search-worker")
        self._worker = _Worker(Path(directory_path), self._latest)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        self._worker.page_ready.connect(self._on_page)
        self._worker.summary_ready.connect(self._on_summary)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    @property
    def generation(self) -> int:
        return self._latest.value

    def search(self, request: SearchRequest) -> int:
        """Start a new query; everything still pending for older ones is abandoned."""
        with self._latest.lock:
            self._latest.value += 1
            generation = self._latest.value
        self._submit.emit(generation, request, None, True)
        return generation

    def cancel(self) -> int:
        """Abandon whatever is pending; returns the new (empty) generation."""
        with self._latest.lock:
            self._latest.value += 1
            return self._latest.value

    def fetch_more(self, generation: int, request: SearchRequest, cursor: tuple) -> None:
        """The page after ``cursor`` of the query ``generation`` (dropped if it is stale)."""
        self._submit.emit(generation, request, cursor, False)

    def shutdown(self) -> None:
        if self._thread.isRunning():
            with self._latest.lock:
                self._latest.value += 1  # skip whatever is still queued
            self._close.emit()
            self._thread.quit()
            self._thread.wait()

    def _current(self, generation: int) -> bool:
        return generation == self._latest.value

    @Slot(int, object, bool)
    def _on_page(self, generation: int, page: Page, first: bool) -> None:
        if self._current(generation):
            self.page_ready.emit(generation, page, first)

    @Slot(int, object)
    def _on_summary(self, generation: int, summary: Summary) -> None:
        if self._current(generation):
            self.summary_ready.emit(generation, summary)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._current(generation):
            self.failed.emit(generation, message)
