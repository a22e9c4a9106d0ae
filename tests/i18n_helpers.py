"""Small catalogs written by tests, so the i18n tests do not depend on the shipped wording."""

from __future__ import annotations

import textwrap
from pathlib import Path

from babel.messages.plurals import get_plural


def write_po(folder: Path, locale: str, entries: str, *, status: str | None = "reviewed",
             plural_forms: str | None = None) -> Path:
    """Write ``folder/<locale>/LC_MESSAGES/messages.po`` with a proper header and ``entries``."""
    plural = plural_forms or str(get_plural(locale))
    status_line = f'"X-Translation-Status: {status}\\n"\n' if status else ""
    header = (
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: Migrant Community Directory 0.1.0\\n"\n'
        f'"Language: {locale}\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        f"{status_line}"
        "\n"
    )
    path = folder / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + textwrap.dedent(entries).lstrip(), encoding="utf-8")
    return path


def write_pot(folder: Path, entries: str) -> Path:
    path = folder / "messages.pot"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        + textwrap.dedent(entries).lstrip(),
        encoding="utf-8",
    )
    return path
