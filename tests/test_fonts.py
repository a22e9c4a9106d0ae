"""No text shows as boxes: the bundled fonts cover every shipped language's letters."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from PySide6.QtGui import QFont, QFontMetrics

from desktop import paths
from desktop.i18n import SHIPPED_LOCALES
from desktop.ui.fonts import FALLBACK_FAMILIES, load_bundled_fonts

pytestmark = pytest.mark.usefixtures("qapp")

SAMPLES = {
    "ar": "ابحث عن مساعدة في السكن",
    "fa": "پ چ ژ گ ی — کمک حقوقی",
    "ps": "ټ ډ ړ ښ ږ ګ ځ څ ې ۍ — د کار حقونه",
    "ti": "ሓገዝ ኣብ ገዛ ምርካብ",
    "uk": "Житло та юридична допомога",
    "ru": "Жильё и юридическая помощь",
    "so": "Caawimaad guri iyo shaqo",
    "es": "Vivienda y ayuda jurídica",
    "fr": "Logement et aide juridique",
    "pt": "Habitação e ajuda jurídica",
    "pt_BR": "Moradia e ajuda jurídica",
    "en": "Housing and legal help",
}


def covered(char: str, metrics: list[QFontMetrics]) -> bool:
    return char.isspace() or any(m.inFontUcs4(ord(char)) for m in metrics)


def sample_text(locale: str) -> str:
    """The language's own name, a sample sentence and every string of its UI catalog."""
    text = [SAMPLES[locale], Locale.parse(locale).get_display_name(locale) or ""]
    po = paths.translations_dir() / locale / "LC_MESSAGES" / "messages.po"
    if po.exists():
        with po.open("rb") as handle:
            for message in read_po(handle, locale=locale):
                strings = message.string if isinstance(message.string, tuple) \
                    else (message.string,)
                text += [s for s in strings if s and message.id]
    return "".join(text)


def test_the_fonts_and_their_licence_are_bundled() -> None:
    folder = paths.resources_dir() / "fonts"
    assert (folder / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1
    assert (folder / "README.md").exists()
    total = sum(p.stat().st_size for p in folder.glob("*.ttf"))
    assert total < 4_000_000, "keep the bundled fonts small"


def test_every_bundled_family_is_loaded() -> None:
    families = load_bundled_fonts()
    assert set(FALLBACK_FAMILIES) <= set(families)
    assert load_bundled_fonts() == families  # loading twice changes nothing


@pytest.mark.parametrize("locale", SHIPPED_LOCALES)
def test_every_character_of_each_language_has_a_glyph(locale: str) -> None:
    families = load_bundled_fonts()
    metrics = [QFontMetrics(QFont(family)) for family in families]
    ignorable = {"\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e", "\u200b",
                 "\u200c", "\u200d", "\u00ad"}
    missing = sorted({c for c in sample_text(locale)
                      if c not in ignorable and not covered(c, metrics)})
    assert not missing, f"{locale}: no glyph for {[f'U+{ord(c):04X} {c}' for c in missing]}"


def test_pashto_letters_are_in_the_arabic_font_itself() -> None:
    load_bundled_fonts()
    arabic = QFontMetrics(QFont("Noto Sans Arabic"))
    for char in "ټډړښږګځڅېۍپچژگی":
        assert arabic.inFontUcs4(ord(char)), char


def test_font_files_come_from_noto() -> None:
    names = sorted(p.name for p in (paths.resources_dir() / "fonts").glob("*.ttf"))
    assert all(name.startswith("Noto") for name in names)
    assert Path(paths.resources_dir() / "fonts" / "NotoSansEthiopic-Regular.ttf").exists()
