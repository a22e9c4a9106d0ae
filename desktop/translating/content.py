"""Directory content (descriptions, service names, category names) through the same
gettext tools as the UI: ``i18n content-export`` writes a ``.po`` for one language from
``db/sources``; ``i18n content-import`` writes a translated ``.po`` back into
``db/sources/translations/<locale>.csv`` (format in ``db/README.md``).

Each entry's reference (``#: service/<uuid>/description``) says which record field it is,
so the file survives Poedit and Weblate untouched; the context is the record's name, so a
translator sees what they are translating. A stored translation whose ``source_hash``
no longer matches the English text is exported with the ``fuzzy`` flag: the source
changed, so the translation needs a look.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import PoFileError

from desktop.directory.sources import (
    TRANSLATABLE_FIELDS,
    TRANSLATION_HEADER,
    Sources,
    load_sources,
    read_translation_rows,
    source_hash,
)
from desktop.errors import UserError
from desktop.files import write_atomically
from desktop.translating.catalogs import ProjectCatalog, read_catalog, render_catalog

TABLE_LABELS = {"organization": "organisation", "service": "service",
                "taxonomy_term": "category"}


@dataclass(frozen=True)
class ContentField:
    """One translatable field of one record, with its English source text."""

    table: str
    record_id: str
    field: str
    text: str
    label: str  # what the translator sees as context: "Workers' Centre — service name"
    about: str = ""  # for the translator: what the organisation is, and where

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.record_id, self.field)

    @property
    def reference(self) -> str:
        return f"{self.table}/{self.record_id}/{self.field}"


def _whereabouts(sources: Sources) -> dict[str, str]:
    """Organisation id → "a union in Stockholm, SE": what a translator needs to know."""
    places: dict[str, str] = {}
    location_owner = {row["id"]: row["organization_id"] for row in sources.rows("location")}
    for address in sources.rows("address"):
        owner = location_owner.get(address["location_id"])
        if owner and owner not in places:
            places[owner] = ", ".join(filter(None, (address.get("city"), address["country"])))
    return {row["id"]: (f"{row['name']}: a {row['kind']} organisation"
                        + (f" in {places[row['id']]}" if row["id"] in places else ""))
            for row in sources.rows("organization")}


def content_fields(sources: Sources) -> list[ContentField]:
    """Every translatable field with text, in a stable order (table, record name, field)."""
    organizations = {row["id"]: row["name"] for row in sources.rows("organization")}
    about = _whereabouts(sources)
    fields: list[ContentField] = []
    for table, names in TRANSLATABLE_FIELDS.items():
        for row in sources.rows(table):
            owner_id = row.get("organization_id", "") if table == "service" else row["id"]
            if table == "service":
                owner = organizations.get(owner_id, "")
                record_name = f"{owner} — {row['name']}" if owner else row["name"]
            else:
                record_name = row.get("name") or row["id"]
            for name in names:
                text = row.get(name) or ""
                if text.strip():
                    label = f"{record_name} — {TABLE_LABELS.get(table, table)} {name}"
                    fields.append(ContentField(table, row["id"], name, text, label,
                                               about.get(owner_id, "")))
    return sorted(fields, key=lambda f: (f.table, f.label.casefold(), f.record_id, f.field))


def _csv_path(sources_dir: Path, locale: str) -> Path:
    return sources_dir / "translations" / f"{locale}.csv"


def _check_locale(locale: str) -> Locale:
    try:
        return Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise UserError(f"{locale!r} is not a language code (use e.g. 'ar', 'ti', 'pt_BR')")\
            from None


def _stored(sources: Sources, locale: str) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(table, record, field) → (text, source_hash) already in the sources for ``locale``."""
    return {
        (row["table_name"], row["record_id"], row["field_name"]):
            (row["translation"], row["source_hash"])
        for row in sources.rows("translations") if row["locale"] == locale
    }


def export_content(sources_dir: Path, locale: str, output: Path) -> str:
    """Write ``output`` (.po) with every translatable field for ``locale``; returns a summary."""
    cldr = _check_locale(locale)
    sources = load_sources(sources_dir)
    stored = _stored(sources, locale)
    catalog = ProjectCatalog(locale=cldr, domain="content",
                             project="Migrant Community Directory content", version="1",
                             charset="utf-8")
    catalog.fuzzy = False
    catalog.header_comment = (
        f"# {cldr.get_display_name('en')} translation of the directory's content.\n"
        "# Made by `migrant-directory i18n content-export`; send it back with\n"
        "# `migrant-directory i18n content-import`. Keep the #: references as they are.\n#"
    )
    translated = fuzzy = 0
    contexts: dict[str, int] = {}
    _export_search_words(catalog, sources_dir, locale)
    for item in content_fields(sources):
        current_hash = source_hash(item.text)
        text, old_hash = stored.get(item.key, ("", ""))
        flags = []
        if text and old_hash != current_hash:
            flags.append("fuzzy")
            fuzzy += 1
        elif text:
            translated += 1
        # Two records can share a name; the context must still be unique per entry.
        contexts[item.label] = contexts.get(item.label, 0) + 1
        context = item.label if contexts[item.label] == 1 else (
            f"{item.label} ({contexts[item.label]})")
        comments = [f"Translators: {item.about}."] if item.about else []
        comments.append(f"source hash {current_hash}")
        catalog.add(item.text, text, locations=[(item.reference, None)], flags=flags,
                    auto_comments=comments, context=context)
    output = Path(output)
    write_atomically(output, render_catalog(catalog))
    total = len(catalog)
    return (f"{total} fields: {translated} translated, {fuzzy} fuzzy (source changed), "
            f"{total - translated - fuzzy} untranslated")


def _read_csv_rows(path: Path) -> list[dict[str, str]]:
    return [row for _line, row in read_translation_rows(path)] if path.exists() else []


def render_csv(rows: Iterable[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, TRANSLATION_HEADER, lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows, key=lambda r: (r["table"], r["record_id"], r["field"])):
        writer.writerow({name: row[name] for name in TRANSLATION_HEADER})
    return buffer.getvalue()


def import_content(sources_dir: Path, po_file: Path) -> tuple[Path, str]:
    """Merge a translated content ``.po`` into ``translations/<locale>.csv``.

    Checks the whole file before writing anything: a malformed file, an entry whose
    reference is not a translatable field, or a file without a language leaves the
    sources as they were. Fuzzy and empty entries are not imported; a translation is
    stored with the hash of the English text in the file (its ``msgid``), so one made
    from an older English text is still recognised as out of date.
    """
    po_file = Path(po_file)
    if not po_file.is_file():
        raise UserError("does not exist", path=po_file)
    try:
        catalog = read_catalog(po_file, strict=True)
    except PoFileError as error:
        raise UserError(f"line {error.lineno + 1}: this is not a valid .po file "
                        f"({error.args[0]})", path=po_file) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise UserError(f"this is not a valid .po file ({error})", path=po_file) from None
    if catalog.locale is None:
        raise UserError("has no 'Language' header: say which language this file is in "
                        "(Poedit: Catalog → Properties → Language)", path=po_file)
    locale = str(catalog.locale)
    # A file its translator marked reviewed (X-Translation-Status, as the UI catalogs do)
    # makes its translations reviewed; anything else is a draft.
    headers = {str(k).lower(): str(v) for k, v in catalog.mime_headers}
    status = "reviewed" if headers.get("x-translation-status") == "reviewed" else "draft"
    sources = load_sources(sources_dir)
    known = {item.key: item for item in content_fields(sources)}

    updates: dict[tuple[str, str, str], dict[str, str]] = {}
    search_words: dict[tuple[str, str], list[str]] = {}
    skipped_fuzzy = 0
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 0
        if not isinstance(message.id, str):
            raise UserError(f"line {line}: content entries have no plural forms", path=po_file)
        key = _entry_key(message.locations, po_file, line)
        if key[0] == SEARCH_WORDS_TABLE:
            if not message.fuzzy and (message.string or "").strip():
                search_words[(key[1], key[2])] = _split_words(message.string, po_file, line)
            continue
        if key not in known:
            raise UserError(f"line {line}: {'/'.join(key)} is not a translatable field of the "
                            "directory (was the record deleted, or the reference edited?)",
                            path=po_file)
        if message.fuzzy:
            skipped_fuzzy += 1
            continue
        if not (message.string or "").strip():
            continue
        table, record_id, field = key
        updates[key] = {"table": table, "record_id": record_id, "field": field,
                        "source_hash": source_hash(message.id),
                        "text": message.string.strip(), "status": status}

    words_note = _import_search_words(sources_dir, locale, search_words)
    target = _csv_path(sources_dir, locale)
    rows = {(r["table"], r["record_id"], r["field"]): r for r in _read_csv_rows(target)}
    new = sum(1 for key in updates if key not in rows)
    changed = sum(1 for key, row in updates.items() if key in rows and rows[key] != row)
    rows.update(updates)
    write_atomically(target, render_csv(rows.values()))
    return target, (f"{len(updates)} translations imported ({new} new, {changed} changed); "
                    f"{skipped_fuzzy} fuzzy entries left as they were{words_note}")


# The search words travel in the same .po: one entry per category or kind, the English
# words as msgid and the language's words, comma-separated, as msgstr.
SEARCH_WORDS_TABLE = "vocabulary"


def _export_search_words(catalog: ProjectCatalog, sources_dir: Path, locale: str) -> None:
    from desktop.directory.search_words import SearchWords, read_search_words, sections

    folder = Path(sources_dir) / "vocabulary"
    english_path, own_path = folder / "en.toml", folder / f"{locale}.toml"
    if not english_path.exists():
        return
    english = read_search_words(english_path)
    own = read_search_words(own_path) if own_path.exists() else SearchWords()
    own_sections = {(group, code): listed for group, code, listed in sections(own)}
    for group, code, listed in sections(english):
        if not listed:
            continue
        catalog.add(", ".join(listed), ", ".join(own_sections.get((group, code), [])),
                    locations=[(f"{SEARCH_WORDS_TABLE}/{group}/{code}", None)],
                    auto_comments=[
                        f"Translators: everyday words people type to find the {group} "
                        f"'{code}'. Not a translation of the list: the words people of your "
                        "language really use, one word each, separated by commas, with "
                        "plurals and other forms, and common Latin spellings."],
                    context=f"search words — {group} {code}")


def _split_words(text: str, po_file: Path, line: int) -> list[str]:
    words = [w.strip() for w in text.replace("،", ",").split(",") if w.strip()]
    for word in words:
        if any(ch.isspace() for ch in word):
            raise UserError(f"line {line}: '{word}' is not one word; separate words with "
                            "commas", path=po_file)
    return words


def _import_search_words(sources_dir: Path, locale: str,
                         imported: dict[tuple[str, str], list[str]]) -> str:
    if not imported:
        return ""
    from desktop.directory.search_words import (
        SearchWords,
        read_search_words,
        render_search_words,
    )

    path = Path(sources_dir) / "vocabulary" / f"{locale}.toml"
    words = read_search_words(path) if path.exists() else SearchWords()
    for (group, code), listed in imported.items():
        target = words.categories if group == "category" else words.kinds
        target[code] = listed
    language = _check_locale(locale).get_display_name("en") or locale
    # What was written must read back, or nothing is replaced.
    write_atomically(path, render_search_words(words, locale, language),
                     check=read_search_words)
    return f"; search words for {len(imported)} categories and kinds written to {path.name}"


def _entry_key(locations: list[tuple[str, int | None]], po_file: Path,
               line: int) -> tuple[str, str, str]:
    for filename, _lineno in locations:
        parts = filename.split("/")
        if len(parts) == 3 and all(parts):
            return (parts[0], parts[1], parts[2])
    raise UserError(f"line {line}: the entry has no '#: table/record-id/field' reference; "
                    "export the file again and translate the new one", path=po_file)
