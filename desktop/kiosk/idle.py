"""Forgetting each visitor: after an idle period, a visible countdown, then a full reset.

Any touch, click, key or wheel anywhere in the app counts as activity. The clock is
injected and ``check()`` does the work, so tests drive time by hand and never wait; in the
app a one-second timer calls ``check()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.KeyPress, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.InputMethod,
})


class IdleMonitor(QObject):
    """Emits ``countdown(seconds_left)`` during the last ``countdown_seconds`` of the idle
    period, ``resumed()`` when the visitor touches the screen during it, and ``expired()``
    once when the period runs out (then waits for new activity before counting again)."""

    countdown = Signal(int)
    resumed = Signal()
    expired = Signal()

    def __init__(self, timeout_seconds: float, countdown_seconds: float, *,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout = float(timeout_seconds)
        self.countdown_length = float(countdown_seconds)
        self._clock = clock
        self._last_activity = clock()
        self._counting = False
        self._expired = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self.poke()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def idle_for(self) -> float:
        return self._clock() - self._last_activity

    def poke(self) -> None:
        """Someone is there: start the idle period again."""
        self._last_activity = self._clock()
        self._expired = False
        if self._counting:
            self._counting = False
            self.resumed.emit()

    def check(self) -> None:
        if self._expired:
            return
        idle = self.idle_for()
        if idle >= self.timeout:
            self._counting = False
            self._expired = True
            self.expired.emit()
        elif idle >= self.timeout - self.countdown_length:
            self._counting = True
            self.countdown.emit(max(1, round(self.timeout - idle)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.poke()
        return False
