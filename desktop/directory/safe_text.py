"""Directory text as it may be shown: without the invisible controls that reorder it.

A name holding U+202E (RIGHT-TO-LEFT OVERRIDE) is drawn backwards ("exe.txt…"), so an
entry could pass itself off as another. The explicit embeddings, overrides and isolates
(U+202A–U+202E, U+2066–U+2069) are removed from everything read out of a directory; the
app adds its own isolates where it places data in a sentence. The readable sources may not
hold them at all (``db build`` says where).
"""

from __future__ import annotations

import re

DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_direction_controls(text: str) -> str:
    return DIRECTION_CONTROLS.sub("", text)
