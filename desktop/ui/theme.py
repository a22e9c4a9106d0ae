"""Light, dark and high-contrast themes, the text size setting, and a visible focus ring.

The palette carries the colours (so Qt's own widgets and dialogs follow), a small style
sheet from ``resources/styles/`` adds the focus ring and badges. "system" follows the
operating system's light/dark setting, also when it changes while the app runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop import paths

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark", "high-contrast")
# Set on the application once its style is Fusion (see ``ensure_fusion``).
FUSION_PROPERTY = "migrantDirectoryFusion"
# Qt's own command-line option: the application creates Fusion itself.
FUSION_ARGUMENTS = ["-style", "fusion"]
MIN_TEXT_SCALE, MAX_TEXT_SCALE = 1.0, 2.0


@dataclass(frozen=True)
class Colors:
    window: str
    text: str
    base: str
    alternate: str
    button: str
    mid: str
    highlight: str
    highlighted_text: str
    link: str
    placeholder: str
    focus: str
    demo_bg: str
    demo_fg: str
    warn_bg: str
    warn_fg: str


COLORS: dict[str, Colors] = {
    "light": Colors(
        window="#f6f7f9", text="#1b1f24", base="#ffffff", alternate="#eef1f5",
        button="#ffffff", mid="#9aa3ad", highlight="#1d5fbf", highlighted_text="#ffffff",
        link="#1d5fbf", placeholder="#5b636d", focus="#1d5fbf",
        demo_bg="#fff4d6", demo_fg="#6b4400", warn_bg="#fde8e8", warn_fg="#8a1c1c"),
    "dark": Colors(
        window="#1c1f24", text="#eceff3", base="#24282e", alternate="#2b3038",
        button="#2b3038", mid="#6c7580", highlight="#7fb0ff", highlighted_text="#0d1117",
        link="#9cc3ff", placeholder="#a9b1bb", focus="#9cc3ff",
        demo_bg="#3d3213", demo_fg="#ffd98a", warn_bg="#3f1d1d", warn_fg="#ffb4b4"),
    # Black, white and yellow only: 21:1 text, 19.6:1 focus/links.
    "high-contrast": Colors(
        window="#000000", text="#ffffff", base="#000000", alternate="#000000",
        button="#000000", mid="#ffffff", highlight="#ffff00", highlighted_text="#000000",
        link="#ffff00", placeholder="#ffffff", focus="#ffff00",
        demo_bg="#000000", demo_fg="#ffff00", warn_bg="#000000", warn_fg="#ffff00"),
}

_state: dict[str, object] = {"theme": "system", "scale": 1.0, "base_size": None,
                             "connected": False}


def relative_luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(QColor(a)), relative_luminance(QColor(b))),
                    reverse=True)
    return (la + 0.05) / (lb + 0.05)


def effective_theme(theme: str) -> str:
    """"system" resolved to "light" or "dark" from the operating system's setting."""
    if theme in COLORS:
        return theme
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def palette_for(colors: Colors) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: colors.window, role.WindowText: colors.text, role.Base: colors.base,
        role.AlternateBase: colors.alternate, role.Text: colors.text,
        role.Button: colors.button, role.ButtonText: colors.text,
        role.ToolTipBase: colors.base, role.ToolTipText: colors.text,
        role.Highlight: colors.highlight, role.HighlightedText: colors.highlighted_text,
        role.Link: colors.link, role.LinkVisited: colors.link,
        role.PlaceholderText: colors.placeholder, role.Mid: colors.mid,
        role.Midlight: colors.alternate, role.Light: colors.base, role.Dark: colors.mid,
        role.BrightText: colors.text,
    }
    for key, value in pairs.items():
        palette.setColor(key, QColor(value))
    # Disabled text stays readable (never below 4.5:1) but looks different.
    disabled = QColor(colors.placeholder)
    for key in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, key, disabled)
    return palette


def style_sheet(colors: Colors, high_contrast: bool) -> str:
    folder = paths.resources_dir() / "styles"
    names = ["base.qss"] + (["high-contrast.qss"] if high_contrast else [])
    parts = []
    for name in names:
        try:
            parts.append((folder / name).read_text(encoding="utf-8"))
        except OSError as error:
            log.warning("cannot read the style sheet %s: %s", folder / name, error)
    text = "\n".join(parts)
    for key, value in {"@FOCUS@": colors.focus, "@DEMO_BG@": colors.demo_bg,
                       "@DEMO_FG@": colors.demo_fg, "@WARN_BG@": colors.warn_bg,
                       "@WARN_FG@": colors.warn_fg}.items():
        text = text.replace(key, value)
    return text


def current_colors() -> Colors:
    return COLORS[effective_theme(str(_state["theme"]))]


def apply_theme(app: QApplication, theme: str = "system", text_scale: float = 1.0) -> str:
    """Apply a theme and text size to the whole app; returns the theme actually used.

    ``theme`` is one of ``THEMES`` (an unknown name means "system"); ``text_scale`` is
    clamped to 1.0–2.0 and multiplies the app font's size as it was at the first call.
    """
    theme = theme if theme in THEMES else "system"
    scale = min(MAX_TEXT_SCALE, max(MIN_TEXT_SCALE, float(text_scale)))
    _state["theme"], _state["scale"] = theme, scale
    resolved = effective_theme(theme)
    colors = COLORS[resolved]
    ensure_fusion(app)
    app.setPalette(palette_for(colors))
    font = QFont(app.font())
    if _state["base_size"] is None:
        _state["base_size"] = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(float(_state["base_size"]) * scale)  # type: ignore[arg-type]
    app.setFont(font)
    app.setStyleSheet(style_sheet(colors, resolved == "high-contrast"))
    if not _state["connected"]:
        _state["connected"] = True
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
    return resolved


def ensure_fusion(app: QApplication) -> None:
    """Use Fusion, which draws with the palette everywhere (native styles ignore parts of
    it). An application started with ``FUSION_ARGUMENTS`` has it already: asking again
    would make PySide wrap the style and build its enum types, about 6 ms of start-up."""
    if not app.property(FUSION_PROPERTY):
        app.setStyle("Fusion")
        app.setProperty(FUSION_PROPERTY, True)


def _follow_system(app: QApplication) -> None:
    if _state["theme"] == "system":
        apply_theme(app, "system", float(_state["scale"]))  # type: ignore[arg-type]
