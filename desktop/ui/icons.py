"""Line icons drawn for this app (``resources/icons/*.svg``), tinted to the current theme.

The SVGs use ``currentColor``; it is replaced by the palette's text colour when an icon
is made, so icons stay visible in the dark and high-contrast themes. Only "back" and
"next" mean a direction, so only they are mirrored in right-to-left languages; every
other icon (and QR codes, logos) keeps its drawing.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPixmap,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QStyleOption, QWidget

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
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    pixmap = _draw(name, int(size * ratio), int(size * ratio), color, mirrored)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _draw(name: str, width: int, height: int, color: QColor | str | None,
          mirrored: bool) -> QPixmap:
    """The SVG drawn into ``width`` × ``height`` device pixels."""
    tint = QColor(color) if color is not None else _default_color()
    data = _svg(name).replace(b"currentColor", tint.name().encode())
    renderer = QSvgRenderer(QByteArray(data))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    if mirrored:
        image = image.transformed(QTransform().scale(-1, 1))
    return QPixmap.fromImage(image)


class _TintedIconEngine(QIconEngine):
    """Draws an icon at the size it is shown at, the first time it is shown there.

    Drawing every size of every icon up front cost start-up ~10 ms for pictures mostly
    never shown. The colour is fixed when the icon is made, as before (a theme change
    makes new icons).
    """

    def __init__(self, name: str, color: QColor, mirrored: bool) -> None:
        super().__init__()
        self._name = name
        self._color = QColor(color)
        self._mirrored = mirrored
        self._drawn: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode)
        drawn = self._drawn.get(key)
        if drawn is None:
            side = min(size.width(), size.height())  # square, like the SVGs
            drawn = _draw(self._name, side, side, self._color, self._mirrored)
            if mode in (QIcon.Mode.Disabled, QIcon.Mode.Selected):
                # What Qt does for an icon made of pixmaps: the style greys it out.
                app = QApplication.instance()
                if isinstance(app, QApplication):
                    drawn = app.style().generatedIconPixmap(mode, drawn, QStyleOption())
            self._drawn[key] = drawn
        return drawn

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        physical = QSize(round(rect.width() * ratio), round(rect.height() * ratio))
        painter.drawPixmap(rect, self.pixmap(physical, mode, state))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        return [QSize(side, side) for side in _SIZES]

    def isNull(self) -> bool:
        return False

    def key(self) -> str:
        return "migrant-directory-tinted-svg"

    def clone(self) -> QIconEngine:
        # Qt owns the copy it asked for, but PySide does not hand it over: without a
        # reference here Python would free it under Qt. Qt copies an engine only when
        # a shared icon is changed (addPixmap and the like), which this app never does.
        copy = _TintedIconEngine(self._name, self._color, self._mirrored)
        _CLONES.append(copy)
        return copy


_CLONES: list[_TintedIconEngine] = []


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The icon ``name`` (see ``ICON_NAMES``), never mirrored."""
    return _make(name, color, mirrored=False)


def directional_icon(name: str, rtl: bool, color: QColor | str | None = None) -> QIcon:
    """"back"/"next" point the other way in right-to-left layouts; other icons never do."""
    return _make(name, color, mirrored=rtl and name in DIRECTIONAL)


def _make(name: str, color: QColor | str | None, mirrored: bool) -> QIcon:
    if name not in ICON_NAMES:
        raise KeyError(f"no icon named {name!r}")
    tint = QColor(color) if color is not None else _default_color()
    return QIcon(_TintedIconEngine(name, tint, mirrored))


def text_icon_side(widget: QWidget) -> int:
    """The side of an icon that sits beside text in ``widget``: it grows with the text
    size (200 % text, 200 % icons), never under 16 px."""
    return max(16, round(widget.fontMetrics().height() * 1.25))
