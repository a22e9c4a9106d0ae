"""Pseudo-locales: fake translations made on the fly from the English source strings.

``en_XA`` (accented, about 40 % longer, in brackets) shows at a glance which visible
text did not go through the catalogs (it stays plain English) and which layouts clip
(the closing bracket disappears). ``ar_XB`` forces each phrase to display right to left,
so mirroring mistakes show up without reading Arabic.

Both keep everything a program relies on intact: ``%(name)s``, ``%d``, ``{count}``,
``{0:>3}`` placeholders, ``&`` keyboard accelerators (``&&`` is a literal ampersand),
HTML/Qt rich-text tags and entities, and line breaks.
"""

from __future__ import annotations

import re

# Printf-style and str.format placeholders, rich-text tags and entities, accelerators.
PROTECTED = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifFeEgGxXorca%]"
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifFeEgGxXorca%]"
    r"|\{\{|\}\}"
    r"|\{[A-Za-z_0-9.\[\]]*(?:![rsa])?(?::[^{}]*)?\}"
    r"|<[^<>]+>"
    r"|&(?:[A-Za-z]+|#\d+);"
    r"|&&|&(?=\S)\S"
    r"|\n"
)

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)

OPEN_BRACKET = "["
CLOSE_BRACKET = "]"
PAD = "·"
EXPANSION = 0.4

RLM = "\u200f"  # right-to-left mark
RLO = "\u202e"  # right-to-left override: Latin letters display mirrored
PDF = "\u202c"  # pop directional formatting


def _split(text: str) -> list[tuple[bool, str]]:
    """Split text into (is_protected, piece) runs."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for match in PROTECTED.finditer(text):
        if match.start() > position:
            pieces.append((False, text[position:match.start()]))
        pieces.append((True, match.group()))
        position = match.end()
    if position < len(text):
        pieces.append((False, text[position:]))
    return pieces


def accented(text: str) -> str:
    """``"Search %(city)s"`` → ``"[Šéåŕçĥ %(city)s ·····]"``; ``""`` stays ``""``."""
    if not text:
        return text
    pieces = _split(text)
    body = "".join(
        piece if protected else piece.translate(_ACCENTED) for protected, piece in pieces
    )
    # About 40 % longer in all, counting the brackets and the space before the padding.
    padding = max(1, round(len(text) * EXPANSION) - 3)
    suffix = " " + PAD * padding
    return f"{OPEN_BRACKET}{body}{suffix}{CLOSE_BRACKET}"


def right_to_left(text: str) -> str:
    """Each run of words is forced right to left; placeholders and tags are left alone."""
    if not text:
        return text
    out: list[str] = [RLM]
    for protected, piece in _split(text):
        if protected or not piece.strip():
            out.append(piece)
            continue
        # Keep the surrounding spaces outside the override so word spacing stays visible.
        stripped = piece.strip()
        start = piece.index(stripped)
        out.append(f"{piece[:start]}{RLO}{stripped}{PDF}{piece[start + len(stripped):]}")
    out.append(RLM)
    return "".join(out)


def transform(locale: str, text: str) -> str:
    if locale == "en_XA":
        return accented(text)
    if locale == "ar_XB":
        return right_to_left(text)
    return text


def looks_pseudo(locale: str, text: str) -> bool:
    """Whether visible text went through a pseudo-locale (used by the UI render test)."""
    if locale == "en_XA":
        return text.startswith(OPEN_BRACKET) and text.rstrip().endswith(CLOSE_BRACKET)
    if locale == "ar_XB":
        return text.startswith(RLM)
    return False
