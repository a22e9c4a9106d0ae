"""The baseline for ``tests/benchmarks/bench_bundle.py``: a bare PySide6 window that quits
after its first paint, frozen by the same PyInstaller with the same exclusions as the app
(``packaging/bare_window.spec``). Whatever the real bundle weighs or takes beyond this is
the app's own cost.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class QuitAfterFirstPaint(QObject):
    """The same rule as the app's ``--exit-after-startup``: leave once a frame is painted."""

    def __init__(self, app: QApplication, window: QLabel) -> None:
        super().__init__(app)
        self._app, self._window, self._done = app, window, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint and watched is self._window:
            self._done = True
            QTimer.singleShot(0, self._app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QLabel("Hello")
    window.resize(1280, 800)
    app.installEventFilter(QuitAfterFirstPaint(app, window))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
