"""Reading ``.po`` files as this project keeps them, for the running app (a catalog
compiled in memory) and the translators' tools alike: extra header fields such as
``X-Translation-Status`` are kept, and an unterminated string is an error with a line
number (Babel would read it leniently, dropping the string's last letter)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, PoFileParser

from desktop.i18n.languages import DRAFT, REVIEWED, STATUS_HEADER

DOMAIN = "messages"
_PO_LINE = re.compile(
    r'^\s*(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(?:[^"\\]|\\.)*"\s*|)$'
)


def check_po_syntax(catalog: Catalog, text: str) -> None:
    """Raise ``PoFileError`` at the first line that is not .po syntax."""
    for number, line in enumerate(text.splitlines()):
        if not _PO_LINE.match(line):
            raise PoFileError("this line is not valid .po syntax (a missing quote?)",
                              catalog, line, number)


class ProjectCatalog(Catalog):
    """A Babel catalog that keeps extra header fields (Babel drops unknown ones), so
    ``X-Translation-Status`` survives update, Poedit round trips and compilation."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.extra_headers: dict[str, str] = {}
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    # Babel's own ``mime_headers`` keeps only the fields it knows; this is the same public
    # property, with the project's extra fields kept beside them.
    @property  # type: ignore[override]
    def mime_headers(self) -> list[tuple[str, str]]:
        headers = list(Catalog.mime_headers.fget(self))  # type: ignore[attr-defined]
        known = {name.lower() for name, _value in headers}
        extra = [(k, v) for k, v in self.extra_headers.items() if k.lower() not in known]
        # Keep "Generated-By" last, where gettext tools expect it.
        return headers[:-1] + extra + headers[-1:]

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        Catalog.mime_headers.fset(self, headers)  # type: ignore[attr-defined]
        for name, value in headers:
            if name.lower().startswith("x-"):
                self.extra_headers[name] = value.strip()

    @property
    def status(self) -> str:
        for name, value in self.extra_headers.items():
            if name.lower() == STATUS_HEADER.lower():
                return DRAFT if value.strip().lower() == DRAFT else REVIEWED
        return REVIEWED

    @status.setter
    def status(self, value: str) -> None:
        for name in list(self.extra_headers):
            if name.lower() == STATUS_HEADER.lower():
                del self.extra_headers[name]
        self.extra_headers[STATUS_HEADER] = value



def read_catalog(
    path: Path, locale: str | None = None, *, strict: bool = False
) -> ProjectCatalog:
    """Read a ``.po``/``.pot``; with ``strict`` a syntax error raises ``PoFileError``."""
    catalog = ProjectCatalog(locale=locale, domain=DOMAIN)
    data = path.read_bytes()
    if strict:
        check_po_syntax(catalog, data.decode("utf-8"))
    parser = PoFileParser(catalog, ignore_obsolete=True, abort_invalid=strict)
    parser.parse(io.BytesIO(data))
    return catalog
