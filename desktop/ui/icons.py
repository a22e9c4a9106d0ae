"""Line icons drawn for this app (``resources/icons/*.svg``), tinted to the current theme.

The SVGs use ``currentColor``; it is replaced by the palette's text colour when an icon
is made, so icons stay visible in the dark and high-contrast themes. Only "back" and
"next" mean a direction, so only they are mirrored in right-to-left languages; every
other icon (and QR codes, logos) keeps its drawing.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPixmap, QTransform
from PySide6.QtSvg import QSvgRenderer

from desktop import paths

ICON_NAMES = (
    "search", "back", "next", "star", "star-filled", "print", "qr", "phone", "email", "web",
    "location", "clock", "emergency", "settings", "info", "favourites", "language", "copy",
    "card", "report",
    # one per category code
    "community", "work_rights", "media", "legal", "housing", "work_training",
    "language_education", "health",
)
DIRECTIONAL = frozenset({"back", "next"})
_SIZES = (16, 24, 32, 48, 64)


def icon_path(name: str) -> str:
    return str(paths.resources_dir() / "icons" / f"{name}.svg")


@lru_cache(maxsize=32)
def _svg(name: str) -> bytes:
    with open(icon_path(name), "rb") as handle:
        return handle.read()


def _default_color() -> QColor:
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return QGuiApplication.palette().windowText().color()
    return QColor("#1f2937")


def render(name: str, size: int, color: QColor | str | None = None,
           mirrored: bool = False) -> QPixmap:
    """One icon drawn at ``size`` px (logical), in ``color``, optionally mirrored."""
    tint = QColor(color) if color is not None else _default_color()
    data = _svg(name).replace(b"currentColor", tint.name().encode())
    renderer = QSvgRenderer(QByteArray(data))
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    image = QImage(int(size * ratio), int(size * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    if mirrored:
        image = image.transformed(QTransform().scale(-1, 1))
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The icon ``name`` (see ``ICON_NAMES``), never mirrored."""
    return _make(name, color, mirrored=False)


def directional_icon(name: str, rtl: bool, color: QColor | str | None = None) -> QIcon:
    """"back"/"next" point the other way in right-to-left layouts; other icons never do."""
    return _make(name, color, mirrored=rtl and name in DIRECTIONAL)


def _make(name: str, color: QColor | str | None, mirrored: bool) -> QIcon:
    if name not in ICON_NAMES:
        raise KeyError(f"no icon named {name!r}")
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(render(name, size, color, mirrored))
    return result
