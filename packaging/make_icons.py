"""Draw the app icon's platform files from ``packaging/icons/migrant-directory.svg``:
``.png`` (Linux desktop entry), ``.ico`` (Windows executable) and ``.icns`` (macOS app),
which ``build.spec`` picks up. Run after changing the SVG:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent / "icons"
NAME = "migrant-directory"
# (format, pixel size): ICO and ICNS hold one picture here; 256 px is what Windows and
# macOS scale down from for every smaller use.
OUTPUTS = (("png", 256), ("ico", 256), ("icns", 512))


def render(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / f"{NAME}.svg"
    for fmt, size in OUTPUTS:
        out = ICONS / f"{NAME}.{fmt}"
        if not render(svg, size).save(str(out), fmt.upper()):
            print(f"{out}: could not be written (no Qt image plugin for {fmt}?)",
                  file=sys.stderr)
            return 1
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
