"""A kiosk on the real embedded directory, with a clock the test moves by hand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.kiosk.config import load_config
from desktop.kiosk.pin import hash_pin

TEST_PIN = "2468"
# A cheap scrypt cost, so each PIN check in a test takes microseconds, not 50 ms.
TEST_PIN_HASH = hash_pin(TEST_PIN, n=2**4)

CENTRE_TOML = f"""\
kiosk = true

[centre]
name = "Maison des Migrants, Liège"
latitude = 50.6326
longitude = 5.5797
country = "BE"
host_language = "fr"

[languages]
offered = ["fr", "ar", "ti", "en", "uk", "ps"]

[session]
idle_timeout = 90
countdown = 15

[printer]
enabled = true

[admin]
pin_hash = "{TEST_PIN_HASH}"
"""


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Kiosk:
    app: object
    window: object
    session: object
    clock: FakeClock
    config_path: Path


def write_config(folder: Path, text: str = CENTRE_TOML) -> Path:
    path = folder / "centre.toml"
    path.write_text(text, encoding="utf-8")
    return path


def make_kiosk(qtbot, directory: Path, config_path: Path) -> Iterator[Kiosk]:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.directory.database import Directory
    from desktop.i18n.qt import apply_language
    from desktop.kiosk.session import KioskSession
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.theme import apply_theme
    from desktop.userdata import UserData

    app = QApplication.instance()
    apply_language(app, "en")
    db = Directory(directory)
    context = AppContext(db, UserData.in_memory(), kiosk=True)
    window = MainWindow(context)
    qtbot.addWidget(window)
    clock = FakeClock()
    session = KioskSession(app, window, load_config(config_path), clock=clock)
    session.start()
    try:
        yield Kiosk(app, window, session, clock, config_path)
    finally:
        session.stop()
        app.setStyleSheet("")
        apply_theme(app, "system", 1.0)  # the kiosk's touch-sized text, back to normal
        window.shutdown()
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        apply_language(app, "en")
        db.close()
